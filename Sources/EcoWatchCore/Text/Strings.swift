/// Every label the console and the reports show, in Chinese and English: the one table to change
/// a word (units and class names included), so a screen and a report never say different things.
///
/// Names that belong to the data (districts, indicators, tasks) come with the data; this holds
/// the program's own words. It lives in Core because the reports (Core) need it; the console's
/// key help, which only the UI shows, extends it there.
public enum Strings {
    // MARK: Application

    public static let appName = LocalizedText(zh: "宁波生态整改监测台", en: "EcoWatch Ningbo")
    public static let city = LocalizedText(zh: "宁波市", en: "Ningbo")

    // MARK: Panes

    public static let paneAir = LocalizedText(zh: "大气", en: "Air")
    public static let paneWater = LocalizedText(zh: "水", en: "Water")
    public static let paneWaste = LocalizedText(zh: "固废·土壤", en: "Waste · soil")
    public static let paneMarine = LocalizedText(zh: "海洋及其他", en: "Marine & more")
    public static let paneTasks = LocalizedText(zh: "整改任务", en: "Tasks")
    public static let paneDistricts = LocalizedText(zh: "区县", en: "Districts")
    public static let stations = LocalizedText(zh: "监测站点", en: "Stations")
    public static let alarms = LocalizedText(zh: "告警", en: "Alarms")
    public static let overdueTasks = LocalizedText(zh: "逾期任务", en: "Overdue tasks")
    public static let indicator = LocalizedText(zh: "指标", en: "Indicator")
    public static let task = LocalizedText(zh: "任务", en: "Task")
    public static let district = LocalizedText(zh: "区县", en: "District")
    public static let help = LocalizedText(zh: "帮助", en: "Help")
    public static let overview = LocalizedText(zh: "总览", en: "Overview")

    // MARK: Table headings and figures

    public static let columnID = LocalizedText(zh: "编号", en: "ID")
    public static let columnName = LocalizedText(zh: "名称", en: "Name")
    public static let columnStatus = LocalizedText(zh: "状态", en: "Status")
    public static let columnValue = LocalizedText(zh: "数值", en: "Value")
    public static let columnTarget = LocalizedText(zh: "目标", en: "Target")
    public static let columnDeadline = LocalizedText(zh: "期限", en: "Deadline")
    public static let columnProgress = LocalizedText(zh: "进度", en: "Progress")
    public static let columnDaysOverdue = LocalizedText(zh: "逾期天数", en: "Days overdue")
    public static let columnLeadUnit = LocalizedText(zh: "牵头单位", en: "Lead unit")
    public static let columnDomain = LocalizedText(zh: "领域", en: "Domain")
    public static let columnLastReport = LocalizedText(zh: "最近上报", en: "Last report")
    public static let columnRule = LocalizedText(zh: "规则", en: "Rule")
    public static let columnStarted = LocalizedText(zh: "开始", en: "Started")
    public static let columnAcknowledged = LocalizedText(zh: "已确认", en: "Acknowledged")
    public static let target = LocalizedText(zh: "目标", en: "target")
    public static let expectedProgress = LocalizedText(zh: "计划进度", en: "planned")
    public static let reportedProgress = LocalizedText(zh: "上报进度", en: "reported")
    public static let asOf = LocalizedText(zh: "截至", en: "as of")
    public static let noRows = LocalizedText(zh: "（无）", en: "(none)")
    public static let longTerm = LocalizedText(zh: "长期坚持", en: "long-term")

    // MARK: Messages

    /// Shown instead of the screen when the terminal is too small.
    public static func enlargeWindow(width: Int, height: Int, minWidth: Int, minHeight: Int) -> LocalizedText {
        LocalizedText(zh: "窗口太小（\(width)×\(height)），请放大到至少 \(minWidth)×\(minHeight)",
                      en: "Window too small (\(width)×\(height)): enlarge it to at least \(minWidth)×\(minHeight)")
    }

    /// Shown after an export.
    public static func exported(to path: String) -> LocalizedText {
        LocalizedText(zh: "已导出到 \(path)", en: "Exported to \(path)")
    }

    public static let filterPrompt = LocalizedText(zh: "筛选：", en: "Filter: ")
    public static let helpCloses = LocalizedText(zh: "Esc 或任意键关闭 · q 退出", en: "Esc or any key closes · q quits")
    public static let acknowledged = LocalizedText(zh: "告警已确认", en: "Alarm acknowledged")
    public static let loading = LocalizedText(zh: "加载中…", en: "Loading…")

    public static let dataThrough = LocalizedText(zh: "数据至", en: "data to")
    public static func liveStations(fresh: Int, total: Int) -> LocalizedText {
        LocalizedText(zh: "在线 \(fresh)/\(total) 站", en: "live \(fresh)/\(total) stations")
    }
    /// The header while the store does not answer: what is wrong, since when (a clock time, or
    /// a moment when it began on another day).
    public static func storeFailing(_ fault: StoreFault, since: String) -> LocalizedText {
        switch fault {
        case .unreachable: LocalizedText(zh: "⚠ 数据库连接中断 自\(since)", en: "⚠ database unreachable since \(since)")
        case .locked: LocalizedText(zh: "⚠ 数据库被锁定 自\(since)", en: "⚠ database locked since \(since)")
        case .unreadable: LocalizedText(zh: "⚠ 数据库无法读取 自\(since)", en: "⚠ database unreadable since \(since)")
        }
    }
    /// The kiosk strip's short form of the same.
    public static func storeFailingShort(_ fault: StoreFault) -> LocalizedText {
        switch fault {
        case .unreachable: LocalizedText(zh: "⚠ 数据库断开", en: "⚠ DB offline")
        case .locked: LocalizedText(zh: "⚠ 数据库锁定", en: "⚠ DB locked")
        case .unreadable: LocalizedText(zh: "⚠ 数据库异常", en: "⚠ DB error")
        }
    }
    public static let themeChanged = LocalizedText(zh: "主题：", en: "Theme: ")
    public static let nothingToExport = LocalizedText(zh: "此处没有可导出的表格", en: "Nothing to export here: open a table first")
    public static let acknowledgeWhere = LocalizedText(zh: "在告警页（!）选中一条告警后按 a 确认", en: "Select an alarm on the Alarms screen (!) and press a")
    public static let alreadyAcknowledged = LocalizedText(zh: "该告警已确认", en: "That alarm is already acknowledged")
    public static let furthestFromTarget = LocalizedText(zh: "离目标最远", en: "Furthest from target")
    public static let mostUrgent = LocalizedText(zh: "最紧迫", en: "Most urgent")
    public static let daysShort = LocalizedText(zh: "天", en: "d")
    public static let mapColouredBy = LocalizedText(zh: "着色：", en: "by: ")
    public static let notApplicableShort = LocalizedText(zh: "不适用", en: "n/a")
    public static let allTasksKey = LocalizedText(zh: "全部任务", en: "all tasks")

    public static let tasksDone = LocalizedText(zh: "任务销号", en: "Tasks done")
    public static let kioskPaused = LocalizedText(zh: "已暂停", en: "paused")
    public static let missedTargets = LocalizedText(zh: "未达标目标", en: "Missed targets")
    /// A target with no deadline: to be kept year by year.
    public static let kept = LocalizedText(zh: "保持", en: "kept")
    /// The unit of the tasks KPI.
    public static let tasksUnit = LocalizedText(zh: "项任务", en: "tasks")
    public static func overdueCount(_ n: Int) -> LocalizedText { LocalizedText(zh: "\(n)项逾期", en: "\(n) overdue") }
    public static let replay = LocalizedText(zh: "回放", en: "replay")
    public static let replayEnd = LocalizedText(zh: "回放结束", en: "end of replay")
    public static let pressAnyKeyToReplay = LocalizedText(zh: "按任意键重新回放 · Esc 退出会议模式 · q 退出",
                                                          en: "any key replays again · Esc leaves meeting mode · q quits")
    public static let tasksDoneChange = LocalizedText(zh: "已销号任务", en: "Tasks done")
    public static let targetsMetChange = LocalizedText(zh: "达标指标", en: "Targets met")
    public static let stillOpen = LocalizedText(zh: "仍未完成", en: "Still open")
    public static func stillOpenCounts(tasks: Int, targets: Int) -> LocalizedText {
        LocalizedText(zh: "\(tasks)项任务未销号 · \(targets)项指标未达标或有风险",
                      en: "\(tasks) tasks not done · \(targets) targets missed or at risk")
    }
    public static let moreBelow = LocalizedText(zh: "更多", en: "more")
    /// The year to date, provisional, where the long label does not fit.
    public static let yearToDateShort = LocalizedText(zh: "今年累计暂定", en: "YTD prov.")
    public static let cityWide = LocalizedText(zh: "全市", en: "city-wide")
    public static let columnLastEvent = LocalizedText(zh: "最近事件", en: "Last event")
    public static let columnStation = LocalizedText(zh: "站点", en: "Station")
    public static let columnKind = LocalizedText(zh: "类型", en: "Kind")
    public static let columnQuality = LocalizedText(zh: "AQI/水质", en: "AQI/class")
    public static let columnCategory = LocalizedText(zh: "类别/首要污染物", en: "Category / primary")
    public static let columnReadings = LocalizedText(zh: "最新数值", en: "Latest values")
    public static let columnFlags = LocalizedText(zh: "数据标记", en: "Flags")
    public static let columnLastSeen = LocalizedText(zh: "最近上报", en: "Last seen")
    public static let columnState = LocalizedText(zh: "状态", en: "State")
    public static let stale = LocalizedText(zh: "超时", en: "STALE")
    public static let neverReported = LocalizedText(zh: "未上报", en: "never")
    public static let alarmOpen = LocalizedText(zh: "未解除", en: "open")
    public static let alarmCleared = LocalizedText(zh: "已解除", en: "cleared")
    public static let noLiveData = LocalizedText(zh: "无实时数据：启动 ecowatch ingest 或 ecowatch --demo", en: "No live data: run ecowatch ingest, or ecowatch --demo")
    public static func districtKind(_ kind: DistrictKind) -> LocalizedText {
        switch kind {
        case .district: LocalizedText(zh: "市辖区", en: "district")
        case .city: LocalizedText(zh: "县级市", en: "county-level city")
        case .county: LocalizedText(zh: "县", en: "county")
        case .zone: LocalizedText(zh: "功能区", en: "zone")
        }
    }
    public static func stationKind(_ kind: StationKind) -> LocalizedText {
        switch kind {
        case .air: LocalizedText(zh: "空气", en: "air")
        case .water: LocalizedText(zh: "地表水", en: "water")
        case .sea: LocalizedText(zh: "海水", en: "sea")
        }
    }
    public static func alarmRule(_ rule: AlarmRule) -> LocalizedText {
        switch rule {
        case .aqi: LocalizedText(zh: "AQI超100", en: "AQI > 100")
        case .waterClass: LocalizedText(zh: "水质劣于目标", en: "water class below target")
        case .seaClass: LocalizedText(zh: "海水劣于目标", en: "sea class below target")
        case .stale: LocalizedText(zh: "站点超时", en: "station stale")
        case .refusals: LocalizedText(zh: "报文频繁被拒", en: "burst of refused frames")
        }
    }
    public static func eventKind(_ kind: TaskEventKind) -> LocalizedText {
        switch kind {
        case .progress: LocalizedText(zh: "进度", en: "progress")
        case .milestone: LocalizedText(zh: "年度节点", en: "milestone")
        case .supervision: LocalizedText(zh: "督导检查", en: "supervision")
        case .interview: LocalizedText(zh: "约谈", en: "interview")
        case .acceptance: LocalizedText(zh: "验收", en: "acceptance")
        case .signoffParty: LocalizedText(zh: "党委签字", en: "Party sign-off")
        case .signoffGovernment: LocalizedText(zh: "政府签字", en: "government sign-off")
        }
    }

    public static let columnChange = LocalizedText(zh: "较上年", en: "vs year")
    public static let columnTrend = LocalizedText(zh: "近24月", en: "24 months")
    public static let coastal = LocalizedText(zh: "沿海", en: "coastal")
    public static let inland = LocalizedText(zh: "内陆", en: "inland")
    public static let cityOnly = LocalizedText(zh: "该指标仅统计全市", en: "Measured city-wide only")
    public static let fourListTarget = LocalizedText(zh: "目标清单", en: "Target")
    public static let fourListMeasures = LocalizedText(zh: "措施清单", en: "Measures")
    public static let fourListDeadline = LocalizedText(zh: "时间清单", en: "Deadline")
    public static let fourListUnits = LocalizedText(zh: "责任清单", en: "Responsible units")
    public static let leadUnit = LocalizedText(zh: "牵头：", en: "Lead: ")
    public static let coUnits = LocalizedText(zh: "配合：", en: "With: ")
    public static let signoffs = LocalizedText(zh: "验收销号（党政双签字）", en: "Acceptance and sign-off (both leaders)")
    public static let acceptance = LocalizedText(zh: "验收", en: "Accepted")
    public static let partySignoff = LocalizedText(zh: "党委签字", en: "Party sign-off")
    public static let governmentSignoff = LocalizedText(zh: "政府签字", en: "Government sign-off")
    public static let missing = LocalizedText(zh: "缺", en: "missing")
    /// A sign-off not yet recorded while the deadline is still ahead.
    public static let notYet = LocalizedText(zh: "未到期", en: "not yet")
    public static let timeline = LocalizedText(zh: "事件记录", en: "Timeline")

    /// A theme that left slots to the default theme, said once per theme.
    public static func themeFallback(name: String, slots: String) -> LocalizedText {
        LocalizedText(zh: "主题 \(name) 未设置 \(slots)，沿用默认主题的颜色", en: "Theme \(name) has no colour for \(slots); using the default theme's")
    }
    public static let exportFailed = LocalizedText(zh: "导出失败，无法写入 ", en: "Export failed: cannot write to ")

    // MARK: Reports (the same words as the console; only what the console has no word for)

    public static let columnArea = LocalizedText(zh: "区域", en: "Area")
    public static let columnUnit = LocalizedText(zh: "单位", en: "Unit")
    public static let columnCoastal = LocalizedText(zh: "沿海", en: "Coastal")
    public static let columnPopulation = LocalizedText(zh: "常住人口", en: "Population")
    public static let columnAreaKm2 = LocalizedText(zh: "面积(平方公里)", en: "Area (km²)")
    public static let yes = LocalizedText(zh: "是", en: "yes")
    public static let no = LocalizedText(zh: "否", en: "no")
    /// Between a label and its value: 区县：北仑 / Districts: Beilun.
    public static let colon = LocalizedText(zh: "：", en: ": ")
    /// Between the items of a list of names: 海曙区、江北区 / Haishu, Jiangbei.
    public static let listSeparator = LocalizedText(zh: "、", en: ", ")
    /// An `.improves` target, which has no number.
    public static let improving = LocalizedText(zh: "持续改善", en: "improving")
    public static let overdueReportTitle = LocalizedText(zh: "逾期及有风险整改任务清单", en: "Overdue and at-risk rectification tasks")
    public static func overdueReportCount(overdue: Int, atRisk: Int, of total: Int) -> LocalizedText {
        LocalizedText(zh: "，\(overdue) 项逾期、\(atRisk) 项有风险（全部 \(total) 项任务）。",
                      en: ": \(overdue) overdue and \(atRisk) at risk of \(total) tasks.")
    }
    public static let noneOverdue = LocalizedText(zh: "没有逾期或有风险的任务。", en: "No task is overdue or at risk.")
    public static let totalsByDistrict = LocalizedText(zh: "按区县合计", en: "Totals by district")
    public static let totalsByLeadUnit = LocalizedText(zh: "按牵头单位合计", en: "Totals by lead unit")

    // MARK: Units, quality classes and the live feed's words

    /// An indicator's unit as a reader of each language writes it: `firms` is 家, `mines` 座.
    /// A unit this table does not know (`%`, `µg/m³`, `mg/L`) is shown as the data writes it.
    public static func unit(_ code: String) -> LocalizedText {
        switch code {
        case "firms": LocalizedText(zh: "家", en: "firms")
        case "parks": LocalizedText(zh: "个", en: "parks")
        case "mines": LocalizedText(zh: "座", en: "mines")
        case "ha": LocalizedText(zh: "公顷", en: "ha")
        case "km": LocalizedText(zh: "公里", en: "km")
        case "t/month": LocalizedText(zh: "吨/月", en: "t/month")
        case "10k t/d": LocalizedText(zh: "万吨/日", en: "10k t/d")
        default: LocalizedText(zh: code, en: code)
        }
    }

    public static let columnMN = LocalizedText(zh: "设备号", en: "mn")
    public static let columnLastSeenReport = LocalizedText(zh: "最近上报", en: "lastSeen")
    /// `report stations`' stale column, and what it says for a station that is.
    public static let columnStale = LocalizedText(zh: "超时", en: "stale")
    public static let columnQualityReport = LocalizedText(zh: "水质/AQI", en: "quality")
    public static let columnReadingsReport = LocalizedText(zh: "最新数值", en: "readings")
    public static let columnFrames = LocalizedText(zh: "报文", en: "frames")
    public static let columnCount = LocalizedText(zh: "数量", en: "count")
    public static let framesAccepted = LocalizedText(zh: "已接收", en: "accepted")
    public static let framesDuplicate = LocalizedText(zh: "重复", en: "duplicates")
    public static let recordsCorrected = LocalizedText(zh: "更正的记录", en: "records corrected")
    public static let framesRefused = LocalizedText(zh: "拒收：", en: "refused: ")
    /// `report feed`'s refusal counters and bad-frame samples.
    public static let refusalsRecent = LocalizedText(zh: "近24小时拒收原因", en: "refused (last 24 h)")
    public static let columnLastMinute = LocalizedText(zh: "最近一分钟", en: "last minute")
    public static let otherMNs = LocalizedText(zh: "其他未登记设备号", en: "other unregistered MNs")
    public static let badFramesLatest = LocalizedText(zh: "最近的错误报文", en: "latest bad frames")
    public static let columnPeer = LocalizedText(zh: "来源地址", en: "peer")
    public static let columnReason = LocalizedText(zh: "原因", en: "reason")
    public static let columnFrameStart = LocalizedText(zh: "报文开头", en: "frame start")
    /// `report feed`'s history requests (gaps asked back from stations).
    public static let historyRequests = LocalizedText(zh: "补传请求", en: "history requests")
    public static let historySent = LocalizedText(zh: "已发送", en: "sent")
    public static let historyAttempts = LocalizedText(zh: "发送次数", en: "attempts")
    public static let historyDone = LocalizedText(zh: "已应答", en: "answered")
    public static let historyFailed = LocalizedText(zh: "失败", en: "failed")
    public static let historyRecords = LocalizedText(zh: "补回读数", en: "readings recovered")
    public static let historyLatest = LocalizedText(zh: "最近的补传请求", en: "latest requests")
    public static let historySpanBeijing = LocalizedText(zh: "时段（北京时间）", en: "span (Beijing)")
    /// `report feed`'s narrow column heads for attempts and readings recovered.
    public static let historyTries = LocalizedText(zh: "次数", en: "tries")
    public static let historyRecovered = LocalizedText(zh: "补回读数", en: "recovered")
    public static let historyState = LocalizedText(zh: "状态", en: "state")
    public static func historyState(_ state: HistoryRequest.State) -> LocalizedText {
        switch state {
        case .sent: LocalizedText(zh: "已发送", en: "sent")
        case .accepted: LocalizedText(zh: "已受理", en: "accepted")
        case .done: LocalizedText(zh: "已完成", en: "done")
        case .failed: LocalizedText(zh: "失败", en: "failed")
        }
    }

    /// Why the ingest service refused a frame.
    public static func refusalReason(_ reason: RefusalReason) -> LocalizedText {
        switch reason {
        case .notAFrame: LocalizedText(zh: "非报文数据", en: "not-a-frame")
        case .length: LocalizedText(zh: "长度错误", en: "length")
        case .crc: LocalizedText(zh: "CRC校验错误", en: "crc")
        case .tooLong: LocalizedText(zh: "报文过长", en: "too-long")
        case .badField: LocalizedText(zh: "字段错误", en: "bad-field")
        case .missingField: LocalizedText(zh: "缺少字段", en: "missing-field")
        case .badCP: LocalizedText(zh: "数据区错误", en: "bad-cp")
        case .wrongMN: LocalizedText(zh: "设备号未登记", en: "wrong-mn")
        case .wrongPW: LocalizedText(zh: "访问密码错误", en: "wrong-pw")
        case .wrongST: LocalizedText(zh: "系统编码错误", en: "wrong-st")
        case .wrongCN: LocalizedText(zh: "命令编码错误", en: "wrong-cn")
        case .wrongFlag: LocalizedText(zh: "数据标记错误", en: "wrong-flag")
        }
    }

    /// What an alarm's amount says, in the reader's language (`AQI 132`, `Ⅳ类`, `12 分钟无上报`).
    public static func alarmValue(_ amount: Double, rule: AlarmRule) -> LocalizedText {
        let n = Int(amount.rounded())
        switch rule {
        case .aqi:
            let text = n > 500 ? "AQI >500" : "AQI \(n)"
            return LocalizedText(zh: text, en: text)
        case .waterClass:
            return WaterClass.allCases.indices.contains(n - 1) ? WaterClass.allCases[n - 1].name : LocalizedText(zh: "\(n)", en: "\(n)")
        case .seaClass:
            return SeaClass.allCases.indices.contains(n - 1) ? SeaClass.allCases[n - 1].name : LocalizedText(zh: "\(n)", en: "\(n)")
        case .stale:
            return LocalizedText(zh: "\(n) 分钟无上报", en: "silent \(n) min")
        case .refusals:
            return LocalizedText(zh: "拒收 \(n) 帧", en: "\(n) refused")
        }
    }

    // MARK: Judging periods and shares

    /// An annual indicator's current year so far: `1–3月累计，暂定` / `Jan–Mar, provisional`.
    public static func yearToDate(through month: YearMonth) -> LocalizedText {
        let en = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][month.month - 1]
        return month.month == 1
            ? LocalizedText(zh: "1月，暂定", en: "Jan, provisional")
            : LocalizedText(zh: "1–\(month.month)月累计，暂定", en: "Jan–\(en), provisional")
    }
    /// The same, for a narrow pane (the months are in the header's "data to").
    public static let provisionalShort = LocalizedText(zh: "暂定", en: "prov.")
    public static let columnPeriod = LocalizedText(zh: "统计期", en: "Period")
    public static let columnYearToDate = LocalizedText(zh: "本年累计（暂定）", en: "Year to date (provisional)")
    public static let cityOnlyShort = LocalizedText(zh: "仅全市", en: "city only")
    /// `text` in brackets: `（text）` / ` (text)`.
    public static func parenthesised(_ text: String) -> LocalizedText {
        LocalizedText(zh: "（\(text)）", en: " (\(text))")
    }
    /// A long-term task's progress: `已完成到期节点 2/3（共 5 个）` / `2 of 3 milestones due met (5 in all)`.
    public static func milestonesDue(met: Int, due: Int, total: Int) -> LocalizedText {
        LocalizedText(zh: "已完成到期年度节点 \(met)/\(due)（共 \(total) 个）", en: "\(met) of \(due) milestones due met (\(total) in all)")
    }
}
