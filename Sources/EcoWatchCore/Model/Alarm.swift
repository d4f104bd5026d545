/// The rules that raise alarms.
public enum AlarmRule: String, CaseIterable, Sendable, Codable {
    /// AQI above 100.
    case aqi
    /// Surface-water class worse than the station's target class.
    case waterClass = "water-class"
    /// Seawater class worse than the station's target class.
    case seaClass = "sea-class"
    /// No report for three intervals.
    case stale
    /// A burst of refused frames from one station.
    case refusals
}

/// An alarm about to be raised.
public struct NewAlarm: Hashable, Sendable {
    public let mn: String
    public let rule: AlarmRule
    public let started: Int64
    /// The value that raised it, as shown (`AQI 132`, `class IV`, `12 refused`).
    public let value: String

    public init(mn: String, rule: AlarmRule, started: Int64, value: String) {
        self.mn = mn
        self.rule = rule
        self.started = started
        self.value = value
    }
}

/// An alarm in the shift log.
public struct Alarm: Hashable, Sendable, Identifiable {
    public let id: Int64
    public let mn: String
    public let rule: AlarmRule
    public let started: Int64
    public let value: String
    /// When the condition cleared; nil while open.
    public let cleared: Int64?
    public let acknowledgedBy: String?
    public let acknowledgedAt: Int64?

    public init(id: Int64, mn: String, rule: AlarmRule, started: Int64, value: String,
                cleared: Int64?, acknowledgedBy: String?, acknowledgedAt: Int64?) {
        self.id = id
        self.mn = mn
        self.rule = rule
        self.started = started
        self.value = value
        self.cleared = cleared
        self.acknowledgedBy = acknowledgedBy
        self.acknowledgedAt = acknowledgedAt
    }
}
