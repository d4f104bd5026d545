import EcoWatchCore

extension Strings {
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
        ("T", LocalizedText(zh: "全部整改任务", en: "all rectification tasks")),
        ("m", LocalizedText(zh: "区县窗格：地图 / 可排序列表", en: "districts pane: map / sortable list")),
        ("< >  I", LocalizedText(zh: "选择排序列 · 反转顺序", en: "choose the sort column · invert the order")),
        ("e", LocalizedText(zh: "导出表格（CSV 和 Markdown）", en: "export the table (CSV and Markdown)")),
        ("t  L", LocalizedText(zh: "下一个主题 · 切换语言", en: "next theme · toggle language")),
        ("a", LocalizedText(zh: "确认选中的告警", en: "acknowledge the selected alarm")),
        ("?", LocalizedText(zh: "显示本帮助", en: "this help")),
        ("Ctrl-L", LocalizedText(zh: "全屏重绘", en: "full repaint")),
        ("q", LocalizedText(zh: "退出", en: "quit")),
    ]
}
