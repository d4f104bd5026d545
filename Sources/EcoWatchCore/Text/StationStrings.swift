/// The station screen's and the live overview's words (part of `Strings`).
extension Strings {
    public static let latestValues = LocalizedText(zh: "最新数据", en: "Latest values")
    public static let columnItem = LocalizedText(zh: "项目", en: "Item")
    public static let columnFlag = LocalizedText(zh: "标记", en: "Flag")
    public static let lastSeen = LocalizedText(zh: "最近上报", en: "last seen")
    public static let targetClass = LocalizedText(zh: "目标", en: "target")
    public static let stationAlarms = LocalizedText(zh: "本站告警", en: "Station alarms")
    public static let noAlarms = LocalizedText(zh: "无告警", en: "No alarms")
    public static let noValidData = LocalizedText(zh: "此时段无有效数据", en: "No valid data in this span")
    public static let invalidNotAveraged = LocalizedText(zh: "无效，不计入均值", en: "invalid, not averaged")
    public static let aqiOverTime = LocalizedText(zh: "AQI", en: "AQI")
    public static let classOverTime = LocalizedText(zh: "类别（1 为最好）", en: "Class (1 = best)")
    public static let limitLine = LocalizedText(zh: "限值", en: "limit")
    public static let spanKeys = LocalizedText(zh: "← → 切换时段", en: "← → span")
    public static func refusedInDay(_ count: Int) -> LocalizedText {
        LocalizedText(zh: "24 小时拒收 \(count) 帧", en: "\(count) frames refused in 24 h")
    }
    public static func unknownStation(_ mn: String) -> String {
        "no station with MN \"\(mn)\"; list them with `ecowatch report stations`"
    }
}

extension DataFlag {
    /// What the flag says, for the station screen.
    public var name: LocalizedText {
        switch self {
        case .normal: LocalizedText(zh: "正常", en: "normal")
        case .stopped: LocalizedText(zh: "停运", en: "stopped")
        case .maintenance: LocalizedText(zh: "维护", en: "maintenance")
        case .manuallySet: LocalizedText(zh: "手工输入", en: "set by hand")
        case .fault: LocalizedText(zh: "故障", en: "fault")
        case .calibration: LocalizedText(zh: "校准", en: "calibration")
        case .overRange: LocalizedText(zh: "超量程", en: "over range")
        case .communicationError: LocalizedText(zh: "通讯异常", en: "communication error")
        }
    }
}
