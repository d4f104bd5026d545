/// Everything the screens show about the programme, evaluated once for an as-of day:
/// every indicator in every area, every task, and district rankings. Screens read it;
/// they never evaluate.
public struct DashboardSnapshot: Sendable {
    public let asOf: Day
    /// Indicator results by area ID (`cityAreaID` for the city) then indicator ID.
    public let results: [String: [String: IndicatorResult]]
    /// Every task in ID order.
    public let tasks: [TaskResult]
    /// For each indicator, the districts where it applies, worst first.
    public let rankings: [String: [IndicatorResult]]
    /// The last month that has figures as of the day (never a month past the data); nil before
    /// the first.
    public let dataMonth: YearMonth?

    public init(programme: Programme, evaluator: IndicatorEvaluator, asOf: Day) {
        self.asOf = asOf
        var results: [String: [String: IndicatorResult]] = [:]
        for area in [cityAreaID] + programme.districts.map(\.id) {
            var row: [String: IndicatorResult] = [:]
            for indicator in programme.indicators {
                row[indicator.id] = evaluator.evaluate(indicator, areaID: area, asOf: asOf)
            }
            results[area] = row
        }
        self.results = results
        self.tasks = programme.taskResults(asOf: asOf)
        var rankings: [String: [IndicatorResult]] = [:]
        for indicator in programme.indicators {
            rankings[indicator.id] = evaluator.ranking(indicator, asOf: asOf).map(\.1)
        }
        self.rankings = rankings
        let city = programme.indicators.compactMap { results[cityAreaID]?[$0.id] }.filter { $0.status.isShortfall }
        self.shortfalls = city.filter { $0.status == .missed } + city.filter { $0.status != .missed }
        let complete = lastCompleteMonth(asOf: asOf)
        self.dataMonth = programme.dataMonths.flatMap { months in
            complete < months.lowerBound ? nil : min(complete, months.upperBound)
        }
    }

    /// The result of an indicator in an area (city by default).
    public func result(_ indicatorID: String, area: String = cityAreaID) -> IndicatorResult? {
        results[area]?[indicatorID]
    }

    /// The city's indicators missed or at risk, in whatever domain, missed first, then in the
    /// programme's order.
    public let shortfalls: [IndicatorResult]

    /// Whether a district has a target missed, or a task naming it overdue, as of the day.
    public func needsAttention(district id: String) -> Bool {
        (results[id] ?? [:]).values.contains { $0.status == .missed }
            || tasks.contains { $0.status == .overdue && $0.task.districtIDs.contains(id) }
    }

    /// How many tasks have each status.
    public var taskCounts: [TaskStatus: Int] {
        Dictionary(grouping: tasks, by: \.status).mapValues(\.count)
    }
}
