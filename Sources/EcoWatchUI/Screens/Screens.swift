import EcoWatchCore

/// The one place that knows which screen answers for a route: its list (if any), what Enter
/// opens, how many rows it has, what it exports. The reducer and the renderer both ask here.
enum Screens {
    /// The filtered, sorted table of a list screen (or of the overview's district list).
    static func list(_ state: AppState) -> ListModel? {
        switch state.route {
        case .tasks, .overdue: TaskListScreen.list(state)
        case .district: DistrictScreen.list(state, pane: state.districtPane)
        case .indicator: IndicatorScreen.list(state)
        case .stations: StationsScreen.list(state)
        case .alarms: AlarmsScreen.list(state)
        case .station(let mn): StationScreen.list(state, mn: mn)
        case .missedTargets: MissedTargetsScreen.list(state)
        case .overview: state.focus == .districts && state.mapAsList ? DistrictListPane.list(state) : nil
        case .task: nil
        }
    }

    /// Rows the selection moves through on the current screen.
    static func rowCount(_ state: AppState) -> Int {
        if let list = list(state) { return list.rows.count }
        switch state.route {
        case .overview: return OverviewScreen.rowCount(state, pane: state.focus)
        case .task(let id): return TaskScreen.lineCount(state, taskID: id)
        default: return 0
        }
    }

    /// The selected row of the current screen.
    static func selection(_ state: AppState) -> Int {
        state.selection
    }

    /// What Enter opens from here.
    static func openTarget(_ state: AppState) -> Route? {
        if let list = list(state) {
            let row = selection(state)
            return row < list.rows.count ? list.rows[row].target : nil
        }
        return state.route == .overview ? OverviewScreen.openTarget(state) : nil
    }

    /// The table `e` exports: exactly what the list shows.
    static func exportTable(_ state: AppState) -> (name: String, table: TextTable)? {
        guard let list = list(state) else { return nil }
        return (list.exportName, list.textTable)
    }

    static func selectedAlarm(_ state: AppState) -> Alarm? {
        guard let list = list(state), selection(state) < list.rows.count,
              let id = list.rows[selection(state)].alarmID else { return nil }
        return state.live?.alarms.first { $0.id == id }
    }

    /// The list row drawn at screen row `y`, for mouse clicks.
    static func rowAt(_ state: AppState, y: Int) -> Int? {
        guard let list = list(state) else { return nil }
        let area = listArea(state)
        let visible = max(0, area.height - 1)
        let offset = Table.scrollOffset(selected: selection(state), offset: 0, visibleRows: visible, rowCount: list.rows.count)
        let row = y - area.y - 1 + offset
        return y > area.y && y < area.maxY && row < list.rows.count ? row : nil
    }

    /// Where the current list screen draws its table (above the detail lines, if any).
    static func listArea(_ state: AppState) -> Rect {
        let body = Frame.body(width: state.width, height: state.height, kiosk: state.kiosk != nil)
        switch state.route {
        case .district: return DistrictScreen.tableArea(body, pane: state.districtPane)
        case .indicator: return IndicatorScreen.tableArea(body)
        case .station: return StationScreen.tableArea(body, rows: list(state)?.rows.count ?? 0)
        default: return ListModel.split(Panel.inner(body)).table
        }
    }

    /// Draws the current route's screen into the body area.
    static func render(_ state: AppState, into canvas: inout Canvas, area: Rect) {
        switch state.route {
        case .overview: OverviewScreen.render(state, into: &canvas, area: area)
        case .district(let id): DistrictScreen.render(state, districtID: id, into: &canvas, area: area)
        case .indicator(let id): IndicatorScreen.render(state, indicatorID: id, into: &canvas, area: area)
        case .task(let id): TaskScreen.render(state, taskID: id, into: &canvas, area: area)
        case .station(let mn): StationScreen.render(state, mn: mn, into: &canvas, area: area)
        case .tasks, .overdue, .stations, .alarms, .missedTargets: renderList(state, into: &canvas, area: area)
        }
    }

    /// A list screen: a panel titled with the list's title and its row count, the table inside.
    static func renderList(_ state: AppState, into canvas: inout Canvas, area: Rect) {
        guard let list = list(state) else { return }
        let inner = Panel(title: list.title, focused: true, trailing: "\(list.rows.count)").render(into: &canvas, area: area)
        list.render(into: &canvas, area: inner, selected: selection(state), focused: true, emptyMessage: state.text(Strings.noRows))
    }

    /// The breadcrumb item for a route.
    static func title(_ route: Route, state: AppState) -> String {
        switch route {
        case .overview: state.text(Strings.overview)
        case .district(let id): state.programme.district(id)?.name[state.language] ?? id
        case .indicator(let id): state.programme.indicator(id)?.name[state.language] ?? id
        case .task(let id): id
        case .tasks: state.text(Strings.paneTasks)
        case .overdue: state.text(Strings.overdueTasks)
        case .stations(let district):
            if let name = district.flatMap({ state.programme.district($0)?.name[state.language] }) {
                name + " · " + state.text(Strings.stations)
            } else {
                state.text(Strings.stations)
            }
        case .alarms: state.text(Strings.alarms)
        case .station(let mn): state.programme.station(mn: mn)?.name[state.language] ?? mn
        case .missedTargets: state.text(Strings.missedTargets)
        }
    }
}
