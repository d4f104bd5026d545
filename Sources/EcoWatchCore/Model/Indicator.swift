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

/// Where an indicator is measured.
public enum Scope: String, CaseIterable, Sendable, Codable {
    /// Only city-wide.
    case city
    /// City-wide and in every district.
    case district
    /// City-wide and in coastal districts only; "not applicable" inland.
    case coastal
}

/// How monthly observations become the value judged against the target, as of a day.
public enum Aggregation: String, CaseIterable, Sendable, Codable {
    /// Mean of the year's months so far, weighted by days (annual mean, share of good days).
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

    public init(id: String, domain: Domain, name: LocalizedText, unit: String, better: Direction,
                comparator: Comparator, target: Double, deadline: Day?, scope: Scope,
                aggregation: Aggregation, headline: Bool) {
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
    }

    /// Whether the indicator is measured in `district` (marine ones only on the coast).
    public func applies(to district: District) -> Bool {
        switch scope {
        case .city: false
        case .district: true
        case .coastal: district.coastal
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
