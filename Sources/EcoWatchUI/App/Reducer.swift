import EcoWatchCore
import Foundation

/// Applies an action to the state and returns what the run loop must do. Pure: no I/O.
public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
    if case .say(let text) = action {
        state.message = text
        return []
    }
    switch action {
    case .resize, .liveUpdated, .tick, .stationLoaded, .say, .storeFailed, .storeAnswered: break
    default: state.message = nil
    }
    switch action {
    case .quit:
        return [.quit]
    case .repaint:
        return [.fullRepaint]
    case .resize(let width, let height):
        state.width = max(0, width)
        state.height = max(0, height)
    case .toggleHelp:
        state.showHelp.toggle()
    case .toggleLanguage:
        state.language = state.language == .zh ? .en : .zh
    case .cycleTheme:
        guard !state.themeNames.isEmpty else { return [] }
        let index = state.themeNames.firstIndex(of: state.themeName) ?? -1
        state.themeName = state.themeNames[(index + 1) % state.themeNames.count]
        state.message = state.text(Strings.themeChanged) + state.themeName
        return [.applyTheme(state.themeName)]
    case .shiftMonths(let months):
        let bounds = state.programme.asOfBounds(today: state.today)
        state.move(asOf: min(max(state.asOf.adding(months: months), bounds.lowerBound), bounds.upperBound))
        // The list in view may have shrunk (fewer tasks overdue): keep the selection on a row.
        setCursor(&state, Screens.selection(state))
    case .backToToday:
        state.move(asOf: state.today)
        // The list in view may have shrunk (fewer tasks overdue): keep the selection on a row.
        setCursor(&state, Screens.selection(state))
    case .focusNext, .focusPrevious, .focusPane:
        focus(&state, action)
    case .go(let route):
        return navigate(&state, to: route)
    case .back:
        if state.stack.count > 1 { state.stack.removeLast() }
        state.editingFilter = false
        return loadStationIfShown(&state)
    case .toggleMap:
        if state.route == .overview { state.mapAsList.toggle() }
    case .move(let dx, let dy):
        if case .station(let mn) = state.route, dx != 0 {
            state.stationSpan = state.stationSpan.moved(by: dx)
            return [.loadStation(mn: mn, span: state.stationSpan)]
        }
        move(&state, dx: dx, dy: dy)
    case .page(let pages):
        move(&state, dx: 0, dy: pages * max(1, state.height - 8))
    case .home:
        setCursor(&state, 0)
    case .end:
        setCursor(&state, Int.max / 2)
    case .open:
        guard let target = Screens.openTarget(state) else { return [] }
        return navigate(&state, to: target)
    case .startFilter:
        if Screens.list(state) != nil { state.editingFilter = true }
    case .filterInput(let character):
        state.filters[state.route, default: ""].append(character)
        setCursor(&state, 0)
    case .filterBackspace:
        if state.filters[state.route]?.isEmpty == false { state.filters[state.route]!.removeLast() }
        setCursor(&state, 0)
    case .commitFilter:
        state.editingFilter = false
    case .cancelFilter:
        state.editingFilter = false
        state.filters[state.route] = nil
        setCursor(&state, 0)
    case .sortColumn(let delta):
        // Start from the order the list shows (its own default until the user chooses).
        guard let list = Screens.list(state), !list.columns.isEmpty else { return [] }
        let columns = list.columns.count
        var sort = list.sort ?? SortOrder(column: 0, ascending: true)
        sort.column = ((sort.column + delta) % columns + columns) % columns
        state.sorts[state.route] = sort
    case .invertSort:
        guard let list = Screens.list(state) else { return [] }
        var sort = list.sort ?? SortOrder(column: 0, ascending: true)
        sort.ascending.toggle()
        state.sorts[state.route] = sort
    case .export:
        guard let table = Screens.exportTable(state) else {
            state.message = state.text(Strings.nothingToExport)
            return []
        }
        return [.export(name: table.name, table: table.table)]
    case .acknowledge:
        guard state.route == .alarms, let alarm = Screens.selectedAlarm(state) else {
            state.message = state.text(Strings.acknowledgeWhere)
            return []
        }
        guard alarm.acknowledgedAt == nil else {
            state.message = state.text(Strings.alreadyAcknowledged)
            return []
        }
        return [.acknowledge(alarmID: alarm.id)]
    case .click(let x, let y):
        click(&state, x: x, y: y)
    case .liveUpdated(let live):
        let first = state.live == nil
        let before = Set(state.live?.alarms.map(\.id) ?? [])
        state.live = live
        // Only alarms new since the last snapshot flash (not the whole log on the first read).
        let raised = first ? 0 : live.alarms.filter { !before.contains($0.id) && $0.acknowledgedAt == nil && $0.cleared == nil }.count
        var effects: [Effect] = []
        if raised > 0 {
            effects.append(.bell)
            state.alarmFlash = (until: live.taken + alarmFlashSeconds, count: raised)
        }
        // The station on screen is read again as the feed moves, at most every `stationRefresh` seconds.
        if case .station(let mn) = state.route, let history = state.stationHistory, history.station.mn == mn,
           live.taken - history.taken >= stationRefresh {
            effects.append(.loadStation(mn: mn, span: state.stationSpan))
        }
        return effects
    case .stationLoaded(let history):
        // A read that ends after the user moved on to another station is not that station's.
        guard case .station(let mn) = state.route, history.station.mn == mn else { break }
        state.stationHistory = history
    case .storeFailed(let fault, let detail, let time):
        storeFailed(&state, fault: fault, detail: detail, at: time)
    case .storeAnswered:
        return storeAnswered(&state)
    case .tick(let now):
        return tick(&state, now: now)
    case .toggleClosedAlarms:
        state.hideClosedAlarms.toggle()
        setCursor(&state, state.selection)
    case .toggleKioskPause:
        state.kiosk?.paused.toggle()
    case .leaveKiosk:
        state.kiosk = nil
    case .restartReplay:
        restartReplay(&state)
    case .say:
        break
    }
    return []
}

/// Seconds the header flashes after new alarms.
let alarmFlashSeconds: Int64 = 6

/// Seconds between two reads of the station on screen while the feed moves.
let stationRefresh: Int64 = 10

private func navigate(_ state: inout AppState, to route: Route) -> [Effect] {
    state.editingFilter = false
    if route == .overview {
        state.stack = [.overview]
        return []
    }
    if let existing = state.stack.firstIndex(of: route) {
        state.stack.removeSubrange((existing + 1)...)
    } else {
        state.stack.append(route)
        if case .district = route {
            state.districtPane = .indicators
        }
    }
    return loadStationIfShown(&state)
}

/// A station screen coming into view reads its history unless it holds that station's already.
private func loadStationIfShown(_ state: inout AppState) -> [Effect] {
    guard case .station(let mn) = state.route else { return [] }
    if state.stationHistory?.station.mn == mn, state.stationHistory?.span == state.stationSpan { return [] }
    if state.stationHistory?.station.mn != mn { state.stationHistory = nil }
    return [.loadStation(mn: mn, span: state.stationSpan)]
}

private func focus(_ state: inout AppState, _ action: Action) {
    if case .district = state.route, action.isFocusStep {
        let all = DistrictPane.allCases
        let step = action.isFocusNext ? 1 : all.count - 1
        state.districtPane = all[(state.districtPane.rawValue + step) % all.count]
        // The filter and sort belonged to the pane left.
        state.filters[state.route] = nil
        state.sorts[state.route] = nil
        state.editingFilter = false
        return
    }
    if state.route != .overview {
        guard case .focusPane(let pane) = action else { return }
        state.stack = [.overview]
        state.focus = pane
        return
    }
    let all = Pane.allCases
    let index = all.firstIndex(of: state.focus) ?? 0
    switch action {
    case .focusNext: state.focus = all[(index + 1) % all.count]
    case .focusPrevious: state.focus = all[(index + all.count - 1) % all.count]
    case .focusPane(let pane): state.focus = pane
    default: break
    }
    updateMapIndicator(&state)
}

private func updateMapIndicator(_ state: inout AppState) {
    let indicators = state.paneIndicators(state.focus)
    guard !indicators.isEmpty else { return }
    let row = min(state.cursor[.pane(state.focus)] ?? 0, indicators.count - 1)
    state.mapIndicatorID = indicators[row].id
}

private func move(_ state: inout AppState, dx: Int, dy: Int) {
    if state.route == .overview, state.focus == .districts, !state.mapAsList {
        let current = state.cursor[.pane(.districts)] ?? 0
        state.cursor[.pane(.districts)] = DistrictMap.neighbour(of: current, dx: dx, dy: dy, in: state.programme)
        return
    }
    guard dy != 0 else { return }
    setCursor(&state, state.selection + dy)
}

/// Sets the selection of the list in focus, clamped to its rows.
private func setCursor(_ state: inout AppState, _ value: Int) {
    let count = Screens.rowCount(state)
    let clamped = max(0, min(value, count - 1))
    state.cursor[state.listKey] = clamped
    if state.route == .overview { updateMapIndicator(&state) }
}

private func click(_ state: inout AppState, x: Int, y: Int) {
    guard state.route == .overview else {
        if let row = Screens.rowAt(state, y: y) { setCursor(&state, row) }
        return
    }
    let layout = OverviewLayout(state)
    guard let pane = layout.pane(atX: x, y: y) else { return }
    state.focus = pane
    if let row = OverviewScreen.row(state, pane: pane, x: x, y: y, layout: layout) {
        state.cursor[state.listKey] = row
    }
    updateMapIndicator(&state)
}

/// The store failing: the spell keeps the moment it began; its first failure, and a fault of
/// another kind, put the store's own sentence (where, and what to do) in the footer.
private func storeFailed(_ state: inout AppState, fault: StoreFault, detail: String, at time: Int64) {
    var since = time
    if case .failing(let began, let previous, let shown) = state.storeHealth {
        since = min(began, time)
        // The same fault again (every poll meets it while it lasts): nothing new to say.
        if previous == fault {
            state.storeHealth = .failing(since: since, fault: fault, detail: shown)
            return
        }
    }
    state.storeHealth = .failing(since: since, fault: fault, detail: detail)
    state.message = detail
}

/// The store answering again: the header clears (and the footer, if it still says why it
/// failed), and the station on screen is read again, since what came meanwhile is missing from
/// it, unless its history on screen was read during the outage (the answer may be that very
/// read). The live state needs no asking: the read that answered brought it.
private func storeAnswered(_ state: inout AppState) -> [Effect] {
    guard case .failing(let since, _, let detail) = state.storeHealth else { return [] }
    state.storeHealth = .answering
    if state.message == detail { state.message = nil }
    guard case .station(let mn) = state.route else { return [] }
    // The read that answered may be the station's own, taken during the spell: nothing to read again.
    if let history = state.stationHistory, history.station.mn == mn, history.span == state.stationSpan, history.taken >= since {
        return []
    }
    return [.loadStation(mn: mn, span: state.stationSpan)]
}

/// How long a live snapshot's staleness may lag the clock before it is judged again.
let stalenessStep: Int64 = 5

private func tick(_ state: inout AppState, now: Int64) -> [Effect] {
    let seconds = state.clock.map { max(0, min(now - $0, 3600)) } ?? 0
    state.clock = now
    let route = state.route
    for _ in 0..<seconds { kioskSecond(&state) }
    // Staleness moves with the clock even when nothing arrives: no need to read the store.
    if let live = state.live, now - live.taken >= stalenessStep { state.live = live.at(now) }
    if let flash = state.alarmFlash, now >= flash.until { state.alarmFlash = nil }
    // A console left running past midnight follows the calendar; one looking at today stays on it.
    let today = Day.today(now: Date(timeIntervalSince1970: TimeInterval(now)))
    if today != state.today {
        if state.asOf == state.today { state.move(asOf: today) }
        state.today = today
    }
    return state.route != route ? loadStationIfShown(&state) : []
}
