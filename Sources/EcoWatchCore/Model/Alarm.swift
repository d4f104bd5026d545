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

    /// What an alarm's amount counts under this rule.
    public var amountMeaning: String {
        switch self {
        case .aqi: "the AQI (501 beyond 500)"
        case .waterClass: "the GB 3838 class as a rank, 1 (I) to 6 (worse than V)"
        case .seaClass: "the GB 3097 class as a rank, 1 to 5 (worse than 4)"
        case .stale: "minutes without a report"
        case .refusals: "frames refused in the window"
        }
    }

    /// The amount a value written by older versions as text (`AQI 132`, `class IV`,
    /// `silent 3 min`, `12 refused`) stands for; nil when it cannot be read.
    public func amount(fromText text: String) -> Double? {
        let words = text.split(separator: " ").map(String.init)
        switch self {
        case .aqi: return words.last.flatMap { $0 == ">500" ? 501 : Double($0) }
        case .waterClass: return words.last.flatMap(WaterClass.init(text:)).map { Double(WaterClass.allCases.firstIndex(of: $0)! + 1) }
        case .seaClass: return words.last.flatMap(SeaClass.init(text:)).map { Double(SeaClass.allCases.firstIndex(of: $0)! + 1) }
        case .stale: return words.count >= 2 ? Double(words[1]) : nil
        case .refusals: return words.first.flatMap(Double.init)
        }
    }
}

/// An alarm about to be raised.
public struct NewAlarm: Hashable, Sendable {
    public let mn: String
    public let rule: AlarmRule
    public let started: Int64
    /// The value that raised it, a number in the rule's terms (`AlarmRule.amountMeaning`).
    public let amount: Double

    public init(mn: String, rule: AlarmRule, started: Int64, amount: Double) {
        self.mn = mn
        self.rule = rule
        self.started = started
        self.amount = amount
    }
}

/// An alarm in the shift log.
public struct Alarm: Hashable, Sendable, Identifiable {
    public let id: Int64
    public let mn: String
    public let rule: AlarmRule
    public let started: Int64
    /// The value that raised it, in the rule's terms (`AlarmRule.amountMeaning`).
    public let amount: Double
    /// When the condition cleared; nil while open.
    public let cleared: Int64?
    public let acknowledgedBy: String?
    public let acknowledgedAt: Int64?

    public init(id: Int64, mn: String, rule: AlarmRule, started: Int64, amount: Double,
                cleared: Int64?, acknowledgedBy: String?, acknowledgedAt: Int64?) {
        self.id = id
        self.mn = mn
        self.rule = rule
        self.started = started
        self.amount = amount
        self.cleared = cleared
        self.acknowledgedBy = acknowledgedBy
        self.acknowledgedAt = acknowledgedAt
    }
}
