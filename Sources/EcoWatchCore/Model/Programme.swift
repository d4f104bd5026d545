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
        self.indicators = indicators
        self.observations = observations
        self.tasks = tasks
        self.events = events
        self.stations = stations
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
