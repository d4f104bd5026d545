import EcoWatchCore

/// Every label the console shows, in Chinese and English: the one place to change a word.
///
/// Names that belong to the data (districts, indicators, tasks) come with the data; this holds
/// the console's own words.
public enum Strings {
    // MARK: Application

    public static let appName = LocalizedText(zh: "宁波生态整改监测台", en: "EcoWatch Ningbo")
    public static let city = LocalizedText(zh: "宁波市", en: "Ningbo")

    // MARK: Panes

    public static let paneAir = LocalizedText(zh: "大气", en: "Air")
    public static let paneWater = LocalizedText(zh: "水", en: "Water")
    public static let paneWaste = LocalizedText(zh: "固废", en: "Solid waste")
    public static let paneMarine = LocalizedText(zh: "海洋", en: "Marine")
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

    // MARK: Statuses

    public static let statusMet = LocalizedText(zh: "达标", en: "met")
    public static let statusAtRisk = LocalizedText(zh: "有风险", en: "at risk")
    public static let statusMissed = LocalizedText(zh: "未达标", en: "missed")
    public static let statusNotApplicable = LocalizedText(zh: "不适用", en: "not applicable")
    public static let statusDone = LocalizedText(zh: "已销号", en: "done")
    public static let statusDoneLate = LocalizedText(zh: "逾期销号", en: "done late")
    public static let statusOnTrack = LocalizedText(zh: "推进中", en: "on track")
    public static let statusOverdue = LocalizedText(zh: "逾期", en: "overdue")

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
    public static let pressAnyKey = LocalizedText(zh: "按任意键关闭", en: "Press any key to close")
    public static let acknowledged = LocalizedText(zh: "告警已确认", en: "Alarm acknowledged")
    public static let loading = LocalizedText(zh: "加载中…", en: "Loading…")

    // MARK: Key hints (footer: the key and a short label)

    public static let hintHelp = LocalizedText(zh: "帮助", en: "help")
    public static let hintQuit = LocalizedText(zh: "退出", en: "quit")
    public static let hintOpen = LocalizedText(zh: "进入", en: "open")
    public static let hintBack = LocalizedText(zh: "返回", en: "back")
    public static let hintFilter = LocalizedText(zh: "筛选", en: "filter")
    public static let hintFocus = LocalizedText(zh: "切换窗格", en: "pane")
    public static let hintMonth = LocalizedText(zh: "月份", en: "month")
    public static let hintSort = LocalizedText(zh: "排序", en: "sort")
    public static let hintExport = LocalizedText(zh: "导出", en: "export")
    public static let hintTheme = LocalizedText(zh: "主题", en: "theme")
    public static let hintLanguage = LocalizedText(zh: "English", en: "中文")
    public static let hintAcknowledge = LocalizedText(zh: "确认告警", en: "acknowledge")

    // MARK: Help overlay: every key (DESIGN.md's table)

    /// The help overlay's rows: a key and what it does.
    public static let helpKeys: [(key: String, does: LocalizedText)] = [
        ("Tab / Shift-Tab, 1–6", LocalizedText(zh: "切换窗格（1 大气 2 水 3 固废 4 海洋 5 任务 6 区县）",
                                               en: "move focus (1 air 2 water 3 waste 4 marine 5 tasks 6 districts)")),
        ("↑ ↓ ← →, h j k l", LocalizedText(zh: "在窗格内移动", en: "move within the pane")),
        ("Enter", LocalizedText(zh: "进入详情（区县、指标、任务、站点）", en: "drill down (district, indicator, task, station)")),
        ("Esc, Backspace", LocalizedText(zh: "返回上一层", en: "back up one level")),
        ("/", LocalizedText(zh: "筛选当前列表（中文、英文、编号）", en: "filter the list (Chinese, English, ID)")),
        ("[ ]  { }", LocalizedText(zh: "截至日期前后移一月、一年", en: "move the as-of date a month, a year")),
        ("s  !  o", LocalizedText(zh: "站点 · 告警 · 逾期任务", en: "stations · alarms · overdue tasks")),
        ("< >  I", LocalizedText(zh: "选择排序列 · 反转顺序", en: "choose the sort column · invert the order")),
        ("e", LocalizedText(zh: "导出表格（CSV 和 Markdown）", en: "export the table (CSV and Markdown)")),
        ("t  L", LocalizedText(zh: "下一个主题 · 切换语言", en: "next theme · toggle language")),
        ("a", LocalizedText(zh: "确认选中的告警", en: "acknowledge the selected alarm")),
        ("?", LocalizedText(zh: "显示本帮助", en: "this help")),
        ("Ctrl-L", LocalizedText(zh: "全屏重绘", en: "full repaint")),
        ("q", LocalizedText(zh: "退出", en: "quit")),
    ]
}
