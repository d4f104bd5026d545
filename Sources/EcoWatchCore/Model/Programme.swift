/// The whole programme as loaded: the registry, the targets, their monthly history,
/// the 19 tasks and their event logs. Small (tens of thousands of rows), so held as a value
/// and evaluated in memory for any as-of day.
public struct Programme: Sendable {
    public var districts: [District]
    public var indicators: [Indicator]
    public var observations: [Observation]
    public var tasks: [RectificationTask]
    public var events: [TaskEvent]
    public var stations: [Station]

    public init(districts: [District], indicators: [Indicator], observations: [Observation],
                tasks: [RectificationTask], events: [TaskEvent], stations: [Station]) {
        self.districts = districts
        self.indicators = indicators.map { Self.resolvingBaseline($0, observations) }
        self.observations = observations
        self.tasks = tasks
        self.events = events
        self.stations = stations
    }

    /// An indicator whose target is a baseline year's figure, with that figure as its target: the
    /// city's mean over the baseline year, rounded to the indicator's precision.
    static func resolvingBaseline(_ indicator: Indicator, _ observations: [Observation]) -> Indicator {
        guard let year = indicator.baselineYear else { return indicator }
        let months = observations.filter { $0.indicatorID == indicator.id && $0.areaID == cityAreaID && $0.month.year == year }
        guard !months.isEmpty else { return indicator.withTarget(.nan) }
        let days = months.reduce(0) { $0 + $1.month.dayCount }
        let mean = months.reduce(0) { $0 + $1.value * Double($1.month.dayCount) } / Double(days)
        return indicator.withTarget(indicator.rounded(mean))
    }

    /// The first and last months that have any figure (nil without observations): the time
    /// machine moves within them and today, and "data to" never names a month past the last.
    public var dataMonths: ClosedRange<YearMonth>? {
        guard let first = observations.min(by: { $0.month < $1.month })?.month,
              let last = observations.max(by: { $0.month < $1.month })?.month else { return nil }
        return first...last
    }

    /// The days the time machine moves within: from the first day whose figures include the
    /// first month with data, to today (today alone without data, or when the data starts later).
    public func asOfBounds(today: Day) -> ClosedRange<Day> {
        guard let first = dataMonths?.lowerBound.adding(months: 1).firstDay, first <= today else { return today...today }
        return first...today
    }

    public func district(_ id: String) -> District? { districts.first { $0.id == id } }
    public func indicator(_ id: String) -> Indicator? { indicators.first { $0.id == id } }
    public func task(_ id: String) -> RectificationTask? { tasks.first { $0.id == id } }
    public func station(mn: String) -> Station? { stations.first { $0.mn == mn } }

    /// A task's events in date order (stable for the same day).
    public func events(of taskID: String) -> [TaskEvent] {
        events.filter { $0.taskID == taskID }.sorted { $0.date < $1.date }
    }
}
