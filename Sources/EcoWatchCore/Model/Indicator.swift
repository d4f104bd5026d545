/// The programme's domains, as DOMAIN.md groups its targets.
public enum Domain: String, CaseIterable, Sendable, Codable {
    case air, water, waste, marine, soil, industry, ecology, governance

    public var name: LocalizedText {
        switch self {
        case .air: LocalizedText(zh: "大气", en: "Air")
        case .water: LocalizedText(zh: "水", en: "Water")
        case .waste: LocalizedText(zh: "固废", en: "Solid waste")
        case .marine: LocalizedText(zh: "海洋", en: "Marine")
        case .soil: LocalizedText(zh: "土壤", en: "Soil")
        case .industry: LocalizedText(zh: "产业", en: "Industry")
        case .ecology: LocalizedText(zh: "生态", en: "Ecology")
        case .governance: LocalizedText(zh: "治理能力", en: "Governance")
        }
    }
}

/// Which way an indicator improves.
public enum Direction: String, CaseIterable, Sendable, Codable {
    case higher, lower
}

/// How a value is compared with its target.
public enum Comparator: String, CaseIterable, Sendable, Codable {
    case lessThan = "<"
    case atMost = "<="
    case atLeast = ">="
    case greaterThan = ">"
    /// Met when the value is better (by the indicator's direction) than a year before;
    /// the target value is unused.
    case improves

    /// How a target is written: `<`, `≤`, `≥`, `>`; nil for `.improves`, which has no number.
    public var symbol: String? {
        switch self {
        case .lessThan: "<"
        case .atMost: "≤"
        case .atLeast: "≥"
        case .greaterThan: ">"
        case .improves: nil
        }
    }

    /// Whether `value` meets `target`; for `.improves`, `previous` is last year's value.
    public func isMet(value: Double, target: Double, previous: Double?, better: Direction) -> Bool? {
        switch self {
        case .lessThan: return value < target
        case .atMost: return value <= target
        case .atLeast: return value >= target
        case .greaterThan: return value > target
        case .improves:
            guard let previous else { return nil }
            return better == .lower ? value < previous : value > previous
        }
    }
}

/// Whom an indicator's target is set for (DOMAIN.md, "Scope").
public enum Scope: String, CaseIterable, Sendable, Codable {
    /// A figure for the city only, not broken down by district ("not by district" there).
    case city
    /// A target for the city as a whole (1,500 firms, 35 mines): each district's figure is its
    /// contribution, shown with its share, never judged against the city's number.
    case cityTotal = "city-total"
    /// A target for the city and for every district alike (PM2.5, good-air days).
    case district
    /// A target for each of the ten county-level divisions (a construction-waste base of at
    /// least 20 ha in each); functional zones are not divisions: "not applicable" there.
    case division
    /// As `district`, in coastal districts only; "not applicable" inland.
    case coastal
}

/// How an indicator stands in one district, before any figure is looked at.
public enum DistrictStanding: Sendable, Hashable {
    /// The target applies to the district as to the city.
    case judged
    /// The district contributes to a city total.
    case contribution
    /// Published for the city only.
    case notByDistrict
    /// Does not apply (marine indicators inland).
    case notApplicable
}

/// How monthly observations become the value judged against the target, as of a day.
public enum Aggregation: String, CaseIterable, Sendable, Codable {
    /// Mean of a calendar year's months, weighted by days (annual mean, share of good days): an
    /// annual indicator, judged on whole years; the current year is provisional.
    case yearMean = "year-mean"
    /// The latest month's value (rates, percent complete).
    case latest
    /// Sum of every month since the programme began (firms rectified, mines restored).
    case cumulative
}

/// One of the programme's numeric targets (DOMAIN.md's table).
public struct Indicator: Hashable, Sendable, Identifiable {
    public let id: String
    public let domain: Domain
    public let name: LocalizedText
    public let unit: String
    public let better: Direction
    public let comparator: Comparator
    public let target: Double
    /// When the target is due; nil when it is kept or pursued indefinitely.
    public let deadline: Day?
    public let scope: Scope
    public let aggregation: Aggregation
    /// Shown on the overview pane of its domain.
    public let headline: Bool
    /// Decimal places the value is reported, rounded (GB/T 8170) and judged at.
    public let precision: Int
    /// For a target against a baseline ("not above the 2020 value"): the year whose city
    /// figure is the target. `target` then holds that figure once the data is loaded.
    public let baselineYear: Int?

    public init(id: String, domain: Domain, name: LocalizedText, unit: String, better: Direction,
                comparator: Comparator, target: Double, deadline: Day?, scope: Scope,
                aggregation: Aggregation, headline: Bool, precision: Int = 1, baselineYear: Int? = nil) {
        self.id = id
        self.domain = domain
        self.name = name
        self.unit = unit
        self.better = better
        self.comparator = comparator
        self.target = target
        self.deadline = deadline
        self.scope = scope
        self.aggregation = aggregation
        self.headline = headline
        self.precision = precision
        self.baselineYear = baselineYear
    }

    /// The same indicator with another target (a baseline resolved from the data).
    public func withTarget(_ target: Double) -> Indicator {
        Indicator(id: id, domain: domain, name: name, unit: unit, better: better, comparator: comparator,
                  target: target, deadline: deadline, scope: scope, aggregation: aggregation, headline: headline,
                  precision: precision, baselineYear: baselineYear)
    }

    /// `value` rounded to the reporting precision (GB/T 8170 round half to even).
    public func rounded(_ value: Double) -> Double { roundHalfEven(value, places: precision) }

    /// `value` as reported: rounded and written at the reporting precision.
    public func format(_ value: Double) -> String { formatFixed(rounded(value), places: precision) }

    /// Whether the indicator is judged on whole calendar years (an annual mean or share).
    public var isAnnual: Bool { aggregation == .yearMean }

    /// How the indicator stands in `district`: judged, a contribution to a city total, not
    /// broken down by district, or (marine inland) not applicable.
    public func standing(in district: District) -> DistrictStanding {
        if domain == .marine && !district.coastal { return .notApplicable }
        switch scope {
        case .city: return .notByDistrict
        case .cityTotal: return .contribution
        case .district: return .judged
        case .division: return district.kind == .zone ? .notApplicable : .judged
        case .coastal: return district.coastal ? .judged : .notApplicable
        }
    }

    /// Whether the indicator has figures for `district` (judged there, or its contribution).
    public func applies(to district: District) -> Bool {
        switch standing(in: district) {
        case .judged, .contribution: true
        case .notByDistrict, .notApplicable: false
        }
    }
}

/// One month's value of an indicator in an area (a district ID or `cityAreaID`).
public struct Observation: Hashable, Sendable {
    public let indicatorID: String
    public let areaID: String
    public let month: YearMonth
    public let value: Double

    public init(indicatorID: String, areaID: String, month: YearMonth, value: Double) {
        self.indicatorID = indicatorID
        self.areaID = areaID
        self.month = month
        self.value = value
    }
}
