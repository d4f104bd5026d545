import EcoWatchCore

/// One entry of the key map (as Bubble Tea's `key.Binding`): the keys, how the footer and the
/// help overlay name them, and what they mean in a state. The help overlay and the footer are
/// drawn from `KeyMap.bindings`, and keys are turned into actions from it: one place for each key.
public struct KeyBinding: Sendable {
    /// The keys, as the decoder reports them.
    public let keys: [Key]
    /// The keys as printed (`Tab/1-6`, `↑↓←→`).
    public let label: String
    /// The help overlay's line.
    public let help: LocalizedText
    /// The footer's short word; nil keeps the binding out of the footer.
    public let hint: LocalizedText?
    /// Whether the footer offers it in this state.
    let offered: @Sendable (AppState) -> Bool
    /// What the key means in this state (nil: nothing here).
    let action: @Sendable (Key, AppState) -> Action?

    init(_ keys: [Key], _ label: String, help: LocalizedText, hint: LocalizedText? = nil,
         offered: @escaping @Sendable (AppState) -> Bool = { _ in true },
         action: @escaping @Sendable (Key, AppState) -> Action?) {
        self.keys = keys
        self.label = label
        self.help = help
        self.hint = hint
        self.offered = offered
        self.action = action
    }

    init(_ keys: [Key], _ label: String, help: LocalizedText, hint: LocalizedText? = nil,
         offered: @escaping @Sendable (AppState) -> Bool = { _ in true }, does action: Action) {
        self.init(keys, label, help: help, hint: hint, offered: offered, action: { _, _ in action })
    }
}

/// The console's keys (DESIGN.md's key map).
public enum KeyMap {
    private static func characters(_ text: String) -> [Key] { text.map(Key.character) }
    private static let hasList: @Sendable (AppState) -> Bool = { Screens.list($0) != nil }

    /// The key that brings the as-of date back to today (`T` is all tasks; 1–6 are panes).
    static let backToToday: [Key] = [.character("0")]

    /// Every binding of the normal mode, in the order help lists them and the footer offers them.
    public static let bindings: [KeyBinding] = [
        KeyBinding([.tab, .backTab], "Tab",
                   help: LocalizedText(zh: "下一窗格，Shift-Tab 上一个（区县页亦可）",
                                       en: "next pane, Shift-Tab back (district page too)"),
                   hint: LocalizedText(zh: "窗格", en: "pane"), offered: { state in
                       if case .district = state.route { return true }
                       return state.route == .overview
                   }) { key, _ in
            key == .tab ? .focusNext : .focusPrevious
        },
        KeyBinding(characters("123456"), "1-6",
                   help: LocalizedText(zh: "总览窗格：1 大气 2 水 3 固废 4 海洋 5 任务 6 区县",
                                       en: "overview pane: 1 air 2 water 3 waste 4 marine 5 tasks 6 map")) { key, _ in
            guard case .character(let c) = key else { return nil }
            return Int(String(c)).flatMap(Pane.init(rawValue:)).map(Action.focusPane)
        },
        KeyBinding([.up, .down, .left, .right] + characters("kjhl"), "↑↓←→",
                   help: LocalizedText(zh: "移动选择（h j k l）；站点界面 ← → 切换时段", en: "move (h j k l too); on a station, ← → the chart span"),
                   hint: LocalizedText(zh: "移动", en: "move")) { key, _ in
            switch key {
            case .up, .character("k"): .move(dx: 0, dy: -1)
            case .down, .character("j"): .move(dx: 0, dy: 1)
            case .left, .character("h"): .move(dx: -1, dy: 0)
            default: .move(dx: 1, dy: 0)
            }
        },
        KeyBinding([.pageUp, .pageDown, .home, .end], "PgUp PgDn Home End",
                   help: LocalizedText(zh: "上一页 · 下一页 · 第一行 · 最后一行", en: "a page up · a page down · first row · last row")) { key, _ in
            switch key {
            case .pageUp: .page(-1)
            case .pageDown: .page(1)
            case .home: .home
            default: .end
            }
        },
        KeyBinding([.enter], "Enter",
                   help: LocalizedText(zh: "进入详情；告警进入其站点", en: "drill down; from an alarm, its station"),
                   hint: LocalizedText(zh: "进入", en: "open"), offered: { Screens.openTarget($0) != nil }, does: .open),
        KeyBinding([.escape, .backspace], "Esc",
                   help: LocalizedText(zh: "返回上一层（或 Backspace）；先清除筛选", en: "back up a level (Backspace too); clears a filter first"),
                   hint: LocalizedText(zh: "返回", en: "back"), offered: { $0.route != .overview }) { _, state in
            state.filters[state.route]?.isEmpty == false ? .cancelFilter : .back
        },
        KeyBinding(characters("/"), "/",
                   help: LocalizedText(zh: "筛选列表（中文、英文、编号）；Enter 保留，Esc 清除",
                                       en: "filter the list (zh, en, ID); Enter keeps, Esc clears"),
                   hint: LocalizedText(zh: "筛选", en: "filter"), offered: hasList, does: .startFilter),
        KeyBinding(characters("<>I"), "<>I",
                   help: LocalizedText(zh: "表格：选择排序列 · 反转顺序", en: "in a table: choose the sort column · invert the order"),
                   hint: LocalizedText(zh: "排序", en: "sort"), offered: hasList) { key, _ in
            switch key {
            case .character("<"): .sortColumn(-1)
            case .character(">"): .sortColumn(1)
            default: .invertSort
            }
        },
        KeyBinding(characters("e"), "e",
                   help: LocalizedText(zh: "导出表格所示内容（CSV 和 Markdown）", en: "export what the table shows (CSV and Markdown)"),
                   hint: LocalizedText(zh: "导出", en: "export"), offered: hasList, does: .export),
        KeyBinding(characters("ac"), "a c",
                   help: LocalizedText(zh: "告警：确认选中的一条 · c 隐藏/显示已解除", en: "alarms: acknowledge the selected one · c hides/shows closed"),
                   hint: LocalizedText(zh: "确认·隐藏已解除", en: "acknowledge·closed"), offered: { $0.route == .alarms }) { key, state in
            key == .character("a") ? .acknowledge : state.route == .alarms ? .toggleClosedAlarms : nil
        },
        KeyBinding(characters("m"), "m",
                   help: LocalizedText(zh: "区县窗格：地图 / 可排序列表", en: "districts pane: map / sortable list"),
                   hint: LocalizedText(zh: "地图/列表", en: "map/list"), offered: { $0.route == .overview }, does: .toggleMap),
        KeyBinding(characters("[]{}"), "[ ]",
                   help: LocalizedText(zh: "截至日期前后移一月（{ } 一年），在数据首月与今天之间",
                                       en: "move the as-of date a month ({ } a year), between the first month of data and today"),
                   hint: LocalizedText(zh: "月份", en: "month")) { key, _ in
            switch key {
            case .character("["): .shiftMonths(-1)
            case .character("]"): .shiftMonths(1)
            case .character("{"): .shiftMonths(-12)
            default: .shiftMonths(12)
            }
        },
        KeyBinding(backToToday, "0",
                   help: LocalizedText(zh: "截至日期回到今天", en: "back to today"),
                   hint: LocalizedText(zh: "回到今天", en: "today"), offered: { $0.asOf != $0.today }, does: .backToToday),
        KeyBinding(characters("s!oTM"), "s ! o T M",
                   help: LocalizedText(zh: "站点 · 告警 · 逾期任务 · 全部任务 · 未达标目标（任意界面）",
                                       en: "stations · alarms · overdue · all tasks · missed targets, from anywhere"),
                   hint: LocalizedText(zh: "站点·告警·逾期·任务", en: "stations·alarms·overdue·tasks")) { key, state in
            switch key {
            case .character("s"):
                if case .district(let id) = state.route { return .go(.stations(district: id)) }
                return .go(.stations(district: nil))
            case .character("!"): return .go(.alarms)
            case .character("o"): return .go(.overdue)
            case .character("M"): return .go(.missedTargets)
            default: return .go(.tasks)
            }
        },
        KeyBinding(characters("tL"), "t L",
                   help: LocalizedText(zh: "下一个主题 · 切换语言", en: "next theme · toggle language"),
                   hint: LocalizedText(zh: "主题·English", en: "theme·中文")) { key, _ in
            key == .character("t") ? .cycleTheme : .toggleLanguage
        },
        KeyBinding([.control("l")], "Ctrl-L",
                   help: LocalizedText(zh: "全屏重绘", en: "full repaint"), does: .repaint),
        KeyBinding(characters("?"), "?",
                   help: LocalizedText(zh: "本帮助；Esc 或任意键关闭，q 退出", en: "this help; Esc or any key closes it, q quits"),
                   hint: LocalizedText(zh: "帮助", en: "help"), does: .toggleHelp),
        KeyBinding([.character("q"), .control("c")], "q",
                   help: LocalizedText(zh: "退出（Ctrl-C 亦可）", en: "quit (Ctrl-C too)"),
                   hint: LocalizedText(zh: "退出", en: "quit"), does: .quit),
    ]

    /// Meeting mode's keys: t and L change theme and language while the tour goes on, Esc leaves
    /// meeting mode, q quits, any other key pauses or resumes (on a replay's closing frame, replays
    /// the story again).
    public static let kiosk = KeyBinding([.escape] + characters("tL"), "kiosk t L Esc",
                                         help: LocalizedText(zh: "会议模式：t 主题、L 语言（轮播继续）；Esc 离开；q 退出；其他键暂停/继续（回放结束时重新回放）",
                                                             en: "meeting mode: t theme, L language (the tour goes on); Esc leaves; q quits; other keys pause/resume (replay again at the end)"),
                                         action: { key, state in
        switch key {
        case .escape: .leaveKiosk
        case .character("q"), .control("c"): .quit
        case .character("t"): .cycleTheme
        case .character("L"): .toggleLanguage
        case .control("l"): .repaint
        default: state.kiosk?.replay?.closing == true ? .restartReplay : .toggleKioskPause
        }
    })

    /// The bindings the help overlay lists: every key, meeting mode's too.
    public static var help: [KeyBinding] { bindings + [kiosk] }

    /// The bindings the footer offers in `state`, in order; `?` and `q` are the last two, so
    /// the footer can keep them whatever the width.
    static func footer(_ state: AppState) -> [KeyBinding] {
        bindings.filter { $0.hint != nil && $0.offered(state) }
    }

    /// The binding of `key`, if any.
    static func binding(for key: Key) -> KeyBinding? {
        bindings.first { $0.keys.contains(key) }
    }
}

/// What a key or click means in the current state, or nil when it means nothing here.
public func action(for event: InputEvent, in state: AppState) -> Action? {
    switch event {
    case .resize(let width, let height): return .resize(width: width, height: height)
    case .click(let x, let y):
        if state.kiosk != nil { return .toggleKioskPause }
        return state.showHelp ? .toggleHelp : .click(x: x, y: y)
    case .key(let key): return action(for: key, in: state)
    }
}

private func action(for key: Key, in state: AppState) -> Action? {
    if state.kiosk != nil { return KeyMap.kiosk.action(key, state) }
    if state.showHelp {
        if key == .character("q") || key == .control("c") { return .quit }
        return .toggleHelp
    }
    if state.editingFilter {
        switch key {
        case .character(let c): return .filterInput(c)
        case .backspace, .delete: return .filterBackspace
        case .enter: return .commitFilter
        case .escape: return .cancelFilter
        case .up: return .move(dx: 0, dy: -1)
        case .down: return .move(dx: 0, dy: 1)
        case .control("l"): return .repaint
        case .control("c"): return .quit
        default: return nil
        }
    }
    return KeyMap.binding(for: key)?.action(key, state)
}
