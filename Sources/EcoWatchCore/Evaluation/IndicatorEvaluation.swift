/// An indicator's standing in one area as of a day.
public struct IndicatorResult: Hashable, Sendable {
    public let indicator: Indicator
    /// A district ID or `cityAreaID`.
    public let areaID: String
    /// The value judged against the target (aggregated as the indicator says), nil without data.
    public let value: Double?
    /// The same aggregate a year earlier, for the change against the year before.
    public let previousYear: Double?
    public let status: TargetStatus
    /// The last month that counted.
    public let month: YearMonth?
    /// The latest 24 monthly values (oldest first; nil where a month is missing), for sparklines.
    public let recent: [Double?]

    /// Signed distance from the target as a fraction of it: positive is worse than target.
    /// Nil for `.improves` targets, and without a value.
    public var gap: Double? {
        guard let value, indicator.comparator != .improves else { return nil }
        let scale = indicator.target == 0 ? 1 : abs(indicator.target)
        return indicator.better == .lower ? (value - indicator.target) / scale : (indicator.target - value) / scale
    }

    /// `value − previousYear`, when both exist.
    public var change: Double? {
        guard let value, let previousYear else { return nil }
        return value - previousYear
    }
}

/// The last month whose figures are in as of `day`: the month before `day`'s month
/// (a month's figures are published after it ends).
public func lastCompleteMonth(asOf day: Day) -> YearMonth {
    day.yearMonth.adding(months: -1)
}

/// Evaluates indicators as of a day, in the city and its districts.
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

    /// Whether `indicator` is measured in `areaID` at all.
    public func applies(_ indicator: Indicator, areaID: String) -> Bool {
        if areaID == cityAreaID { return true }
        guard let district = districtByID[areaID] else { return false }
        return indicator.applies(to: district)
    }

    /// The indicator's standing in `areaID` as of `day`.
    public func evaluate(_ indicator: Indicator, areaID: String = cityAreaID, asOf day: Day) -> IndicatorResult {
        guard applies(indicator, areaID: areaID) else {
            return IndicatorResult(indicator: indicator, areaID: areaID, value: nil, previousYear: nil,
                                   status: .notApplicable, month: nil, recent: [])
        }
        let through = lastCompleteMonth(asOf: day)
        let series = index.series(indicatorID: indicator.id, areaID: areaID, through: through)
        guard let last = series.last else {
            return IndicatorResult(indicator: indicator, areaID: areaID, value: nil, previousYear: nil,
                                   status: .noData, month: nil, recent: [])
        }
        let value = Self.aggregate(series, indicator.aggregation, through: last.month)
        let yearBefore = last.month.adding(months: -12)
        let previous = Self.aggregate(series, indicator.aggregation, through: yearBefore)
        let met = indicator.comparator.isMet(value: value ?? .nan, target: indicator.target,
                                             previous: previous, better: indicator.better)
        let status: TargetStatus
        switch met {
        case true?: status = .met
        case nil: status = .noData
        case false?:
            if let deadline = indicator.deadline, day <= deadline { status = .atRisk } else { status = .missed }
        }
        return IndicatorResult(indicator: indicator, areaID: areaID, value: value, previousYear: previous,
                               status: value == nil ? .noData : status, month: last.month,
                               recent: Self.recent(series, through: last.month, count: 24))
    }

    /// Every district and zone where the indicator applies, worst first (largest gap; for
    /// `.improves` targets, missed before met).
    public func ranking(_ indicator: Indicator, asOf day: Day) -> [(District, IndicatorResult)] {
        let results = programme.districts.filter { indicator.applies(to: $0) }.map { ($0, evaluate(indicator, areaID: $0.id, asOf: day)) }
        return results.sorted { a, b in
            let ga = a.1.gap ?? (a.1.status == .met ? -.infinity : .infinity)
            let gb = b.1.gap ?? (b.1.status == .met ? -.infinity : .infinity)
            return ga != gb ? ga > gb : a.0.id < b.0.id
        }
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
            let months = series.filter { $0.month.year == month.year && $0.month <= month }
            guard !months.isEmpty else { return nil }
            let days = months.reduce(0) { $0 + $1.month.dayCount }
            return months.reduce(0) { $0 + $1.value * Double($1.month.dayCount) } / Double(days)
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
