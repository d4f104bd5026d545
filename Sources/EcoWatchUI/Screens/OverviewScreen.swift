import EcoWatchCore

/// The overview: six panes. Air, water, waste · soil and marine & more list every indicator
/// of their domains against target (status glyph, value, target, a 24-month sparkline) —
/// missed and at-risk ones first, then the headline ones; a pane too short scrolls and says how
/// many more there are — and the districts furthest from the selected one's target; Tasks counts tasks by status and lists
/// the most urgent; Districts is the map (or, with `m`, a sortable list).
enum OverviewScreen {
    /// Open tasks, most urgent first: overdue (longest first), at risk, then by deadline.
    static func urgentTasks(_ state: AppState) -> [TaskResult] {
        func rank(_ r: TaskResult) -> Int {
            switch r.status {
            case .overdue: 0
            case .atRisk: 1
            case .onTrack: 2
            case .doneLate, .done: 3
            }
        }
        return state.snapshot.tasks.filter { !$0.status.isDone }.sorted { a, b in
            if rank(a) != rank(b) { return rank(a) < rank(b) }
            if a.daysOverdue != b.daysOverdue { return a.daysOverdue > b.daysOverdue }
            let da = a.effectiveDeadline ?? Day(ordinal: .max / 4), db = b.effectiveDeadline ?? Day(ordinal: .max / 4)
            return da != db ? da < db : a.task.id < b.task.id
        }
    }

    static func rowCount(_ state: AppState, pane: Pane) -> Int {
        switch pane {
        case .tasks: urgentTasks(state).count
        case .districts: DistrictMap.districts(state.programme).count
        default: state.paneIndicators(pane).count
        }
    }

    static func openTarget(_ state: AppState) -> Route? {
        let row = state.cursor[.pane(state.focus)] ?? 0
        switch state.focus {
        case .tasks:
            let tasks = urgentTasks(state)
            return row < tasks.count ? .task(tasks[row].task.id) : .tasks
        case .districts:
            let cells = DistrictMap.districts(state.programme)
            return row < cells.count ? .district(cells[row].district.id) : nil
        default:
            let indicators = state.paneIndicators(state.focus)
            return row < indicators.count ? .indicator(indicators[row].id) : nil
        }
    }

    /// The pane row under a click, if any.
    static func row(_ state: AppState, pane: Pane, x: Int, y: Int, layout: OverviewLayout) -> Int? {
        guard let area = layout.panes[pane] else { return nil }
        let inner = Panel.inner(area)
        let line = y - inner.y
        guard line >= 0, line < inner.height else { return nil }
        switch pane {
        case .tasks:
            let row = line - 2
            return row >= 0 && row < rowCount(state, pane: pane) ? row : nil
        case .districts:
            return nil
        default:
            let window = indicatorWindow(state, pane: pane, area: inner)
            let row = window.offset + line / 2
            return line / 2 < window.count && row < state.paneIndicators(pane).count ? row : nil
        }
    }

    static func render(_ state: AppState, into canvas: inout Canvas, area: Rect) {
        let layout = OverviewLayout(state)
        if !layout.now.isEmpty { NowBand.render(state, into: &canvas, area: layout.now) }
        for pane in Pane.allCases {
            guard let rect = layout.panes[pane] else { continue }
            let focused = state.kiosk == nil && state.focus == pane
            let title = "\(pane.rawValue) " + pane.title[state.language]
            switch pane {
            case .tasks:
                let inner = Panel(title: title, focused: focused, trailing: "\(state.programme.tasks.count)").render(into: &canvas, area: rect)
                renderTasks(state, focused: focused, into: &canvas, area: inner)
            case .districts:
                let inner = Panel(title: title, focused: focused).render(into: &canvas, area: rect)
                if state.mapAsList {
                    let list = DistrictListPane.list(state)
                    list.table(selected: state.cursor[.districtList] ?? 0, focused: focused, emptyMessage: state.text(Strings.noRows))
                        .render(into: &canvas, area: inner)
                } else {
                    DistrictMap.render(state, focused: focused, into: &canvas, area: inner)
                }
            default:
                let inner = Panel(title: title, focused: focused).render(into: &canvas, area: rect)
                renderIndicators(state, pane: pane, focused: focused, into: &canvas, area: inner)
            }
        }
    }

    /// Which of a pane's indicators fit its inner area: from `offset`, `count` of them (two lines
    /// each), and whether a last line says how many more there are.
    static func indicatorWindow(_ state: AppState, pane: Pane, area: Rect) -> (offset: Int, count: Int, more: Bool) {
        let total = state.paneIndicators(pane).count
        let fit = max(0, area.height / 2)
        guard total > fit else { return (0, total, false) }
        let count = max(0, (area.height - 1) / 2)
        let selected = state.cursor[.pane(pane)] ?? 0
        return (Table.scrollOffset(selected: selected, offset: 0, visibleRows: max(1, count), rowCount: total), count, true)
    }

    static func renderIndicators(_ state: AppState, pane: Pane, focused: Bool, into canvas: inout Canvas, area: Rect) {
        let indicators = state.paneIndicators(pane)
        let selected = state.cursor[.pane(pane)] ?? 0
        let window = indicatorWindow(state, pane: pane, area: area)
        var y = area.y
        for i in window.offset..<min(indicators.count, window.offset + window.count) {
            let indicator = indicators[i]
            guard let result = state.snapshot.result(indicator.id) else { continue }
            let mark = StatusMark(result.status)
            var nameStyle = Style(.text, bold: true)
            if focused && i == selected { nameStyle.reverse = true }
            TextLine([Span(mark.glyph + " ", style: mark.style), Span(indicator.name[state.language], style: nameStyle)])
                .render(into: &canvas, area: Rect(x: area.x, y: y, width: area.width, height: 1))
            let value = result.valueText
            let target = targetText(indicator)
            // An annual figure says which year it is, and the year so far follows, provisional.
            let period = indicator.isAnnual ? result.period.map { " " + $0.shortLabel(state.language) } ?? "" : ""
            var spans = [Span("  " + value, style: Style(mark.slot, bold: true)), Span(" " + target + period, style: Style(.muted))]
            if let ytd = result.yearToDate {
                let ytdMark = StatusMark(ytd.status)
                spans += [Span("  " + ytdMark.glyph + indicator.format(ytd.value), style: Style(ytdMark.slot)),
                          Span(" " + ytd.period.shortLabel(state.language), style: Style(.muted))]
            }
            let figuresWidth = min(area.width, spans.reduce(1) { $0 + displayWidth($1.text) })
            TextLine(spans).render(into: &canvas, area: Rect(x: area.x, y: y + 1, width: figuresWidth, height: 1))
            let sparkWidth = min(24, area.width - figuresWidth)
            if sparkWidth > 3 {
                Sparkline(Array(result.recent.suffix(sparkWidth)), style: Style(.accent))
                    .render(into: &canvas, area: Rect(x: area.maxX - sparkWidth, y: y + 1, width: sparkWidth, height: 1))
            }
            y += 2
        }
        if window.more {
            // What is out of view: how many, and how many of them are missed or at risk.
            let hidden = indicators.indices.filter { $0 < window.offset || $0 >= window.offset + window.count }
            let short = hidden.filter { state.snapshot.result(indicators[$0].id)?.status.isShortfall == true }.count
            var spans = [Span((hidden.first ?? 0) < window.offset ? "▲▼ " : "▼ ", style: Style(.accent, bold: true)),
                         Span("+\(hidden.count) " + state.text(Strings.moreBelow), style: Style(.muted))]
            if short > 0 { spans.append(Span("  " + StatusMark.missed.glyph + StatusMark.atRisk.glyph + "\(short)", style: Style(.bad, bold: true))) }
            TextLine(spans).render(into: &canvas, area: Rect(x: area.x, y: area.maxY - 1, width: area.width, height: 1))
            return
        }
        // The districts furthest from the selected indicator's target.
        guard y + 1 < area.maxY, selected < indicators.count else { return }
        let ranking = (state.snapshot.rankings[indicators[selected].id] ?? []).filter { $0.status == .missed || $0.status == .atRisk }
        let names = ranking.prefix(max(1, area.maxY - y - 1)).compactMap { r -> Span? in
            guard let district = state.programme.district(r.areaID) else { return nil }
            let mark = StatusMark(r.status)
            return Span(mark.glyph + DistrictMap.shortName(district, state.language) + " " + (r.value == nil ? "" : r.valueText) + "  ",
                        style: mark.style)
        }
        guard !names.isEmpty else { return }
        TextLine(state.text(Strings.furthestFromTarget), style: Style(.muted))
            .render(into: &canvas, area: Rect(x: area.x, y: y, width: area.width, height: 1))
        TextLine(names).render(into: &canvas, area: Rect(x: area.x, y: y + 1, width: area.width, height: 1))
    }

    static func renderTasks(_ state: AppState, focused: Bool, into canvas: inout Canvas, area: Rect) {
        let counts = state.snapshot.taskCounts
        let order: [TaskStatus] = [.done, .doneLate, .onTrack, .atRisk, .overdue]
        let spans = order.map { status -> Span in
            let mark = StatusMark(status)
            return Span("\(mark.glyph)\(counts[status] ?? 0) ", style: Style(mark.slot, bold: true))
        }
        TextLine(spans).render(into: &canvas, area: Rect(x: area.x, y: area.y, width: area.width, height: 1))
        let legend = order.map { "\(StatusMark($0).glyph)" + $0.name[state.language] }.joined(separator: " ")
        TextLine(legend, style: Style(.muted)).render(into: &canvas, area: Rect(x: area.x, y: area.y + 1, width: area.width, height: 1))
        let tasks = urgentTasks(state)
        let visible = max(0, area.height - 2)
        let selected = state.cursor[.pane(.tasks)] ?? 0
        let offset = Table.scrollOffset(selected: selected, offset: 0, visibleRows: visible, rowCount: tasks.count)
        for (line, i) in (offset..<min(tasks.count, offset + visible)).enumerated() {
            let r = tasks[i]
            let mark = StatusMark(r.status)
            let days = r.daysOverdue > 0 ? " \(r.daysOverdue)" + state.text(Strings.daysShort) : ""
            var titleStyle = Style(.text)
            if focused && i == selected { titleStyle.reverse = true }
            let row = Rect(x: area.x, y: area.y + 2 + line, width: area.width, height: 1)
            let daysWidth = displayWidth(days)
            TextLine([Span(mark.glyph + " ", style: mark.style), Span(r.task.id + " ", style: Style(.accent)),
                      Span(r.task.title[state.language], style: titleStyle)])
                .render(into: &canvas, area: Rect(x: row.x, y: row.y, width: row.width - daysWidth, height: 1))
            TextLine(days, style: Style(mark.slot, bold: true)).render(into: &canvas, area: Rect(x: row.maxX - daysWidth, y: row.y, width: daysWidth, height: 1))
        }
    }

    /// The target as the panes write it: `<26`, `≥90%`, `↗` for "improving".
    static func targetText(_ indicator: Indicator) -> String {
        guard let symbol = indicator.comparator.symbol else { return indicator.better == .lower ? "↘" : "↗" }
        return symbol + formatNumber(indicator.target) + (indicator.unit == "%" ? "%" : "")
    }
}
