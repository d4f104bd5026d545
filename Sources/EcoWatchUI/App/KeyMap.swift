import EcoWatchCore

/// What a key or click means in the current state (DESIGN.md's key map), or nil when it
/// means nothing here.
public func action(for event: InputEvent, in state: AppState) -> Action? {
    switch event {
    case .resize(let width, let height): return .resize(width: width, height: height)
    case .click(let x, let y): return state.showHelp ? .toggleHelp : .click(x: x, y: y)
    case .key(let key): return action(for: key, in: state)
    }
}

private func action(for key: Key, in state: AppState) -> Action? {
    if state.showHelp {
        if key == .character("q") { return .quit }
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
    switch key {
    case .tab: return .focusNext
    case .backTab: return .focusPrevious
    case .up, .character("k"): return .move(dx: 0, dy: -1)
    case .down, .character("j"): return .move(dx: 0, dy: 1)
    case .left, .character("h"): return .move(dx: -1, dy: 0)
    case .right, .character("l"): return .move(dx: 1, dy: 0)
    case .pageUp: return .page(-1)
    case .pageDown: return .page(1)
    case .home: return .home
    case .end: return .end
    case .enter: return .open
    case .escape, .backspace:
        if state.filters[state.route]?.isEmpty == false { return .cancelFilter }
        return .back
    case .character("/"): return .startFilter
    case .character("["): return .shiftMonths(-1)
    case .character("]"): return .shiftMonths(1)
    case .character("{"): return .shiftMonths(-12)
    case .character("}"): return .shiftMonths(12)
    case .character("s"):
        if case .district(let id) = state.route { return .go(.stations(district: id)) }
        return .go(.stations(district: nil))
    case .character("!"): return .go(.alarms)
    case .character("o"): return .go(.overdue)
    case .character("T"): return .go(.tasks)
    case .character("<"): return .sortColumn(-1)
    case .character(">"): return .sortColumn(1)
    case .character("I"): return .invertSort
    case .character("e"): return .export
    case .character("t"): return .cycleTheme
    case .character("L"): return .toggleLanguage
    case .character("m"): return .toggleMap
    case .character("a"): return .acknowledge
    case .character("?"): return .toggleHelp
    case .control("l"): return .repaint
    case .character("q"), .control("c"): return .quit
    case .character(let c) where ("1"..."6").contains(c):
        return Pane(rawValue: Int(String(c))!).map(Action.focusPane)
    default: return nil
    }
}
