/// What period a judged value covers.
public enum IndicatorPeriod: Hashable, Sendable {
    /// A whole calendar year (annual indicators).
    case year(Int)
    /// January to the month named, of that month's year: provisional (暂定) until the year closes.
    case yearToDate(YearMonth)
    /// The latest month's value, or a running total to that month.
    case month(YearMonth)

    /// Whether the figure can still change with the rest of its year.
    public var isProvisional: Bool {
        if case .yearToDate = self { return true }
        return false
    }

    /// As labelled on screen and in reports: `2023`, `1–3月累计，暂定` / `Jan–Mar, provisional`, `2024-03`.
    public func label(_ language: Language) -> String {
        switch self {
        case .year(let year): String(year)
        case .yearToDate(let month): Strings.yearToDate(through: month)[language]
        case .month(let month): month.description
        }
    }

    /// As a narrow pane labels it: `2023`, `暂定` / `prov.`, `2024-03`.
    public func shortLabel(_ language: Language) -> String {
        switch self {
        case .yearToDate: Strings.provisionalShort[language]
        default: label(language)
        }
    }
}

/// The current year's figure so far, shown beside an annual indicator's closed year.
public struct YearToDate: Hashable, Sendable {
    /// Rounded to the indicator's precision.
    public let value: Double
    /// The last month counted (January to it).
    public let through: YearMonth
    /// At most at risk: never missed before the year closes.
    public let status: TargetStatus

    public var period: IndicatorPeriod { .yearToDate(through) }
}

/// An indicator's standing in one area as of a day.
public struct IndicatorResult: Hashable, Sendable {
    public let indicator: Indicator
    /// A district ID or `cityAreaID`.
    public let areaID: String
    /// The value judged against the target, rounded to the indicator's precision: the value shown
    /// is the value judged. Nil without data, and where the indicator is not by district.
    public let value: Double?
    /// The same figure a year earlier (the year before, or 12 months before), rounded.
    public let previousYear: Double?
    public let status: TargetStatus
    /// What `value` covers.
    public let period: IndicatorPeriod?
    /// The last month that counted.
    public let month: YearMonth?
    /// The latest 24 monthly values (oldest first; nil where a month is missing), for sparklines.
    public let recent: [Double?]
    /// For an annual indicator, the current year so far (provisional); nil in January and for others.
    public let yearToDate: YearToDate?
    /// A district's share (0…1) of a city total, when `status` is `.notByDistrict` for that reason.
    public let share: Double?

    public init(indicator: Indicator, areaID: String, value: Double? = nil, previousYear: Double? = nil,
                status: TargetStatus, period: IndicatorPeriod? = nil, month: YearMonth? = nil, recent: [Double?] = [],
                yearToDate: YearToDate? = nil, share: Double? = nil) {
        self.indicator = indicator
        self.areaID = areaID
        self.value = value
        self.previousYear = previousYear
        self.status = status
        self.period = period
        self.month = month
        self.recent = recent
        self.yearToDate = yearToDate
        self.share = share
    }

    /// Signed distance from the target as a fraction of it: positive is worse than target.
    /// Nil for `.improves` targets, for contributions to a city total, and without a value.
    public var gap: Double? {
        guard let value, indicator.comparator != .improves, share == nil else { return nil }
        let scale = indicator.target == 0 ? 1 : abs(indicator.target)
        return indicator.better == .lower ? (value - indicator.target) / scale : (indicator.target - value) / scale
    }

    /// `value − previousYear`, when both exist.
    public var change: Double? {
        guard let value, let previousYear else { return nil }
        return indicator.rounded(value - previousYear)
    }

    /// The value as shown and judged: at the indicator's precision (`90.0`, `26`); `—` without one.
    public var valueText: String { value.map(indicator.format) ?? "—" }

    /// The change against a year before at the indicator's precision (`+1.2`, `−3`, `0`); "" without one.
    public var changeText: String {
        guard let change else { return "" }
        let text = formatFixed(abs(change), places: indicator.precision)
        return change == 0 ? text : (change > 0 ? "+" : "−") + text
    }

    /// The value as a screen or report shows it here: the value; a district's contribution with
    /// its share of the city total (`312 (20.8%)`); "city only" where the figure is not broken
    /// down by district; "n/a" where the indicator does not apply.
    public func shownValue(_ language: Language) -> String {
        switch status {
        case .notApplicable: return Strings.notApplicableShort[language]
        case .notByDistrict:
            guard value != nil, let share else { return Strings.cityOnlyShort[language] }
            return valueText + " (" + formatFixed(roundHalfEven(share * 100, places: 1), places: 1) + "%)"
        default: return valueText
        }
    }
}

/// The last month whose figures are in as of `day`: the month before `day`'s month
/// (a month's figures are published after it ends).
public func lastCompleteMonth(asOf day: Day) -> YearMonth {
    day.yearMonth.adding(months: -1)
}

/// Evaluates indicators as of a day, in the city and its districts, by DOMAIN.md's rules
/// ("How an indicator is judged"): period, precision, scope and deadline.
public struct IndicatorEvaluator: Sendable {
    public let programme: Programme
    private let index: ObservationIndex
    private let districtByID: [String: District]

    public init(programme: Programme) {
        self.programme = programme
        self.index = ObservationIndex(programme.observations)
        self.districtByID = Dictionary(uniqueKeysWithValues: programme.districts.map { ($0.id, $0) })
    }

    /// The monthly series of an indicator in an area up to the last complete month as of `day`.
    public func monthly(_ indicator: Indicator, areaID: String, asOf day: Day) -> [Observation] {
        Array(index.series(indicatorID: indicator.id, areaID: areaID, through: lastCompleteMonth(asOf: day)))
    }

    /// How the indicator stands in `areaID` (the city is always judged).
    public func standing(_ indicator: Indicator, areaID: String) -> DistrictStanding {
        if areaID == cityAreaID { return .judged }
        guard let district = districtByID[areaID] else { return .notApplicable }
        return indicator.standing(in: district)
    }

    /// Whether `indicator` has figures in `areaID` (judged there, or a contribution).
    public func applies(_ indicator: Indicator, areaID: String) -> Bool {
        switch standing(indicator, areaID: areaID) {
        case .judged, .contribution: true
        case .notByDistrict, .notApplicable: false
        }
    }

    /// The indicator's standing in `areaID` as of `day`.
    public func evaluate(_ indicator: Indicator, areaID: String = cityAreaID, asOf day: Day) -> IndicatorResult {
        switch standing(indicator, areaID: areaID) {
        case .notApplicable: return IndicatorResult(indicator: indicator, areaID: areaID, status: .notApplicable)
        case .notByDistrict: return IndicatorResult(indicator: indicator, areaID: areaID, status: .notByDistrict)
        case .contribution: return contribution(indicator, areaID: areaID, asOf: day)
        case .judged: break
        }
        let series = index.series(indicatorID: indicator.id, areaID: areaID, through: lastCompleteMonth(asOf: day))
        guard let last = series.last else { return IndicatorResult(indicator: indicator, areaID: areaID, status: .noData) }
        let recent = Self.recent(series, through: last.month, count: 24)
        return indicator.isAnnual
            ? annual(indicator, areaID: areaID, series: series, last: last.month, recent: recent, asOf: day)
            : running(indicator, areaID: areaID, series: series, last: last.month, recent: recent, asOf: day)
    }

    /// An annual indicator: judged on the last closed year; the current year shown so far, provisional.
    private func annual(_ indicator: Indicator, areaID: String, series: ArraySlice<Observation>, last: YearMonth,
                        recent: [Double?], asOf day: Day) -> IndicatorResult {
        func year(_ y: Int, through month: Int = 12) -> Double? {
            Self.yearMean(series, year: y, throughMonth: month).map(indicator.rounded)
        }
        let closedYear = min(last.year, day.year - 1)
        var ytd: YearToDate?
        if last.year == day.year, let value = year(last.year, through: last.month) {
            let previous = year(last.year - 1, through: last.month)
            let reached = Self.reaches(indicator, value, previous: previous)
            ytd = YearToDate(value: value, through: last, status: reached == false ? .atRisk : reached == true ? .onTrack : .noData)
        }
        guard let value = year(closedYear) else {
            // No closed year yet: the year so far is all there is, and it is provisional.
            return IndicatorResult(indicator: indicator, areaID: areaID, value: ytd?.value,
                                   previousYear: year(last.year - 1, through: last.month), status: ytd?.status ?? .noData,
                                   period: ytd?.period, month: last, recent: recent)
        }
        let previous = year(closedYear - 1)
        let status = judge(indicator, reachedNow: Self.reaches(indicator, value, previous: previous), asOf: day,
                           periodClosedAtDeadline: indicator.deadline.map { closedYear >= $0.year } ?? false,
                           reachedAtDeadline: {
                               guard let deadline = indicator.deadline, let v = year(deadline.year) else { return nil }
                               return Self.reaches(indicator, v, previous: year(deadline.year - 1))
                           },
                           behind: { false })
        let judgedMonth = YearMonth(year: closedYear, month: 12)!
        return IndicatorResult(indicator: indicator, areaID: areaID, value: value, previousYear: previous, status: status,
                               period: .year(closedYear), month: min(last, judgedMonth), recent: recent, yearToDate: ytd)
    }

    /// A rate or a count: judged on its latest value (a running total for cumulative ones).
    private func running(_ indicator: Indicator, areaID: String, series: ArraySlice<Observation>, last: YearMonth,
                         recent: [Double?], asOf day: Day) -> IndicatorResult {
        func at(_ month: YearMonth) -> Double? { Self.aggregate(series, indicator.aggregation, through: month).map(indicator.rounded) }
        guard let value = at(last) else { return IndicatorResult(indicator: indicator, areaID: areaID, status: .noData) }
        let previous = at(last.adding(months: -12))
        let status = judge(indicator, reachedNow: Self.reaches(indicator, value, previous: previous), asOf: day,
                           periodClosedAtDeadline: indicator.deadline.map { last >= $0.yearMonth } ?? false,
                           reachedAtDeadline: {
                               guard let deadline = indicator.deadline, let v = at(deadline.yearMonth) else { return nil }
                               return Self.reaches(indicator, v, previous: at(deadline.yearMonth.adding(months: -12)))
                           },
                           behind: { behindStraightLine(indicator, series: series, value: value, asOf: day) })
        return IndicatorResult(indicator: indicator, areaID: areaID, value: value, previousYear: previous, status: status,
                               period: .month(last), month: last, recent: recent)
    }

    /// The deadline rule: met when reached at the deadline, met late when reached after it, missed
    /// once it has passed unreached; before it, on track or at risk. Without a deadline the target
    /// is kept: met or missed on the judged period.
    private func judge(_ indicator: Indicator, reachedNow: Bool?, asOf day: Day, periodClosedAtDeadline: Bool,
                       reachedAtDeadline: () -> Bool?, behind: () -> Bool) -> TargetStatus {
        guard let reachedNow else { return .noData }
        guard let deadline = indicator.deadline else { return reachedNow ? .met : .missed }
        if periodClosedAtDeadline {
            // The period that ends at the deadline is in: judged on it, then on the latest.
            guard reachedNow else { return .missed }
            return reachedAtDeadline() == false ? .metLate : .met
        }
        if day > deadline { return reachedNow ? .met : .missed }
        if indicator.isAnnual { return reachedNow ? .onTrack : .atRisk }
        if reachedNow { return .met }
        return behind() ? .atRisk : .onTrack
    }

    /// Before the deadline: whether a rate or count is more than 20 points (of the way from its
    /// first figure to the target) behind a straight line from the programme's first month to the deadline.
    private func behindStraightLine(_ indicator: Indicator, series: ArraySlice<Observation>, value: Double, asOf day: Day) -> Bool {
        guard let deadline = indicator.deadline, let first = series.first,
              let start = Self.aggregate(series, indicator.aggregation, through: first.month) else { return true }
        let distance = indicator.target - start
        guard distance != 0 else { return false }
        let span = Double(max(1, deadline.days(since: first.month.firstDay)))
        let elapsed = Double(min(max(0, day.days(since: first.month.firstDay)), Int(span)))
        let expected = elapsed / span * 100
        let progress = (value - start) / distance * 100
        return expected - progress > 20
    }

    /// A district's figure of a city total: its contribution and its share, never judged.
    private func contribution(_ indicator: Indicator, areaID: String, asOf day: Day) -> IndicatorResult {
        let through = lastCompleteMonth(asOf: day)
        let series = index.series(indicatorID: indicator.id, areaID: areaID, through: through)
        guard let last = series.last, let value = Self.aggregate(series, indicator.aggregation, through: last.month).map(indicator.rounded) else {
            return IndicatorResult(indicator: indicator, areaID: areaID, status: .notByDistrict)
        }
        let city = index.series(indicatorID: indicator.id, areaID: cityAreaID, through: through)
        let cityValue = Self.aggregate(city, indicator.aggregation, through: last.month)
        let share = cityValue.flatMap { $0 > 0 ? value / $0 : nil }
        return IndicatorResult(indicator: indicator, areaID: areaID, value: value,
                               previousYear: Self.aggregate(series, indicator.aggregation, through: last.month.adding(months: -12)).map(indicator.rounded),
                               status: .notByDistrict, period: .month(last.month), month: last.month,
                               recent: Self.recent(series, through: last.month, count: 24), share: share ?? 0)
    }

    /// Whether `value` (rounded) reaches the target; for `.improves`, against `previous`.
    static func reaches(_ indicator: Indicator, _ value: Double, previous: Double?) -> Bool? {
        indicator.comparator.isMet(value: value, target: indicator.target, previous: previous, better: indicator.better)
    }

    /// Every district and zone with figures, worst first (largest gap; for `.improves` targets,
    /// missed before met); contributions to a city total largest first.
    public func ranking(_ indicator: Indicator, asOf day: Day) -> [(District, IndicatorResult)] {
        let results = programme.districts.filter { indicator.applies(to: $0) }.map { ($0, evaluate(indicator, areaID: $0.id, asOf: day)) }
        return results.sorted { a, b in
            if a.1.share != nil || b.1.share != nil {
                let va = a.1.value ?? -.infinity, vb = b.1.value ?? -.infinity
                return va != vb ? va > vb : a.0.id < b.0.id
            }
            let ga = a.1.gap ?? (a.1.status.isReached ? -.infinity : .infinity)
            let gb = b.1.gap ?? (b.1.status.isReached ? -.infinity : .infinity)
            return ga != gb ? ga > gb : a.0.id < b.0.id
        }
    }

    /// The day-weighted mean of a year's months, January to `throughMonth`.
    static func yearMean(_ series: ArraySlice<Observation>, year: Int, throughMonth: Int) -> Double? {
        let months = series.filter { $0.month.year == year && $0.month.month <= throughMonth }
        guard !months.isEmpty else { return nil }
        let days = months.reduce(0) { $0 + $1.month.dayCount }
        return months.reduce(0) { $0 + $1.value * Double($1.month.dayCount) } / Double(days)
    }

    /// The aggregate of `series` as it stood at the end of `month`.
    static func aggregate(_ series: ArraySlice<Observation>, _ aggregation: Aggregation, through month: YearMonth) -> Double? {
        switch aggregation {
        case .latest:
            return series.last(where: { $0.month <= month })?.value
        case .cumulative:
            let upTo = series.filter { $0.month <= month }
            return upTo.isEmpty ? nil : upTo.reduce(0) { $0 + $1.value }
        case .yearMean:
            return yearMean(series, year: month.year, throughMonth: month.month)
        }
    }

    static func recent(_ series: ArraySlice<Observation>, through month: YearMonth, count: Int) -> [Double?] {
        let first = month.adding(months: -(count - 1))
        var values = [Double?](repeating: nil, count: count)
        for observation in series.reversed() {
            if observation.month < first { break }
            values[observation.month.index - first.index] = observation.value
        }
        return values
    }
}
