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
    /// The station's history requests (gaps asked back), summed.
    public static func gapTotals(_ totals: HistoryRequestTotals) -> LocalizedText {
        guard totals.requests > 0 else { return LocalizedText(zh: "未请求补传", en: "no gaps requested") }
        return LocalizedText(zh: "补传：请求 \(totals.requests) · 已应答 \(totals.done) · 补回 \(totals.records) 个读数",
                             en: "gaps: requested \(totals.requests) · answered \(totals.done) · \(totals.records) readings recovered")
    }
    /// `gapTotals` on two lines, for a narrow pane.
    public static func gapTotalsSplit(_ totals: HistoryRequestTotals) -> [LocalizedText] {
        guard totals.requests > 0 else { return [gapTotals(totals)] }
        return [LocalizedText(zh: "补传：请求 \(totals.requests) · 已应答 \(totals.done)",
                              en: "gaps: requested \(totals.requests) · answered \(totals.done)"),
                LocalizedText(zh: "补回 \(totals.records) 个读数", en: "\(totals.records) readings recovered")]
    }
    /// `gapTotals` in short, for a pane both narrow and short.
    public static func gapTotalsShort(_ totals: HistoryRequestTotals) -> LocalizedText {
        guard totals.requests > 0 else { return gapTotals(totals) }
        return LocalizedText(zh: "补传 \(totals.requests) · 已应答 \(totals.done) · 补回 \(totals.records) 读数",
                             en: "gaps \(totals.requests) · answered \(totals.done) · \(totals.records) recovered")
    }
    /// A history request's span in Beijing time, as the station screen and `report feed` show
    /// it: "12-02 04:35", "12-02 04:35–04:40", "12-01 23:00–12-02 04:00".
    public static func requestSpan(begin: Int64, end: Int64) -> String {
        let first = formatMoment(begin), last = formatMoment(end)
        guard first != last else { return String(first.dropFirst(5)) }
        return String(first.dropFirst(5)) + "–" + String(first.prefix(10) == last.prefix(10) ? last.dropFirst(11) : last.dropFirst(5))
    }
    /// Readings recovered under one history request (a record carries one reading per code).
    public static func recordsRecovered(_ count: Int) -> LocalizedText {
        LocalizedText(zh: "补回 \(count) 个读数", en: "\(count) recovered")
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

/// The live overview's and the header's words (part of `Strings`).
extension Strings {
    public static let nowTitle = LocalizedText(zh: "实时", en: "Now")
    public static let cityAQI = LocalizedText(zh: "全市 AQI", en: "City AQI")
    public static let primaryPollutant = LocalizedText(zh: "首要污染物", en: "primary")
    public static let worstNow = LocalizedText(zh: "最差站点", en: "Worst now")
    public static let belowTargetNow = LocalizedText(zh: "未达目标", en: "Below target")
    public static let lateNow = LocalizedText(zh: "迟报/离线", en: "Late/offline")
    public static let noneNow = LocalizedText(zh: "无", en: "none")
    public static let noAirData = LocalizedText(zh: "暂无有效空气数据", en: "no valid air data yet")
    public static let aqiNow = LocalizedText(zh: "实时 AQI", en: "AQI now")
    public static func stationsAveraged(_ count: Int) -> LocalizedText {
        LocalizedText(zh: "\(count) 站均值", en: "mean of \(count) stations")
    }
    public static func alarmCounts(open: Int, unacknowledged: Int) -> LocalizedText {
        LocalizedText(zh: "告警：\(open) 未解除 · \(unacknowledged) 未确认", en: "alarms: \(open) open · \(unacknowledged) unacknowledged")
    }
    public static func punctualityCounts(onTime: Int, total: Int, late: Int, offline: Int) -> LocalizedText {
        LocalizedText(zh: "按时 \(onTime)/\(total) · 迟报 \(late) · 离线 \(offline)",
                      en: "on time \(onTime)/\(total) · \(late) late · \(offline) offline")
    }
    public static func unacknowledged(_ count: Int) -> LocalizedText {
        LocalizedText(zh: "\(count) 条未确认", en: "\(count) unacknowledged")
    }
    public static func feedSilent(_ age: String) -> LocalizedText {
        LocalizedText(zh: "⚠ \(age) 无数据", en: "⚠ silent \(age)")
    }
    public static func newAlarm(_ count: Int) -> LocalizedText {
        LocalizedText(zh: "新告警 \(count)", en: "new alarm\(count == 1 ? "" : "s") \(count)")
    }
}

/// The shift log's words (part of `Strings`).
extension Strings {
    public static func shiftSince(_ moment: String) -> LocalizedText {
        LocalizedText(zh: "本班自 \(moment)", en: "shift since \(moment)")
    }
    public static let closedHidden = LocalizedText(zh: "已隐藏已解除", en: "closed hidden")
}

extension Strings {
    /// The units the stations list's values are in.
    public static let readingUnits = LocalizedText(zh: "（空气 µg/m³，CO mg/m³；水 mg/L）", en: "(air µg/m³, CO mg/m³; water mg/L)")
}
