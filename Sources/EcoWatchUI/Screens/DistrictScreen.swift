import EcoWatchCore

/// A district: every indicator against its target with last year's change and a 24-month
/// trend (marine ones "not applicable" inland), the tasks that name it and its stations.
enum DistrictScreen {
    /// The indicator table takes the left part of the body; tasks and stations the right.
    static func tableArea(_ body: Rect) -> Rect {
        Panel.inner(Rect(x: body.x, y: body.y, width: body.width * 2 / 3, height: body.height))
    }

    static func list(_ state: AppState) -> ListModel {
        let l = state.language
        let id: String = if case .district(let d) = state.route { d } else { "" }
        // Every indicator: city figures say "not by district", city totals show the district's
        // share, marine ones "not applicable" inland.
        let rows = state.programme.indicators.map { indicator -> ListRow in
            let result = state.snapshot.result(indicator.id, area: id)
                ?? state.evaluator.evaluate(indicator, areaID: id, asOf: state.asOf)
            let mark = StatusMark(result.status)
            let applies = result.value != nil && result.share == nil
            let value = result.shownValue(l)
            return ListRow(
                cells: [TableCell(mark.glyph, style: mark.style), TableCell(indicator.domain.name[l]), TableCell(indicator.name[l]),
                        TableCell(value, style: Style(mark.slot, bold: applies)),
                        TableCell(OverviewScreen.targetText(indicator), style: Style(.muted)), TableCell(Strings.unit(indicator.unit)[l], style: Style(.muted)),
                        TableCell(result.changeText), TableCell(Sparkline(result.recent).text(width: 12), style: Style(.accent))],
                target: .indicator(indicator.id),
                sortKeys: [.text(mark.rawValue), .text(indicator.domain.rawValue), .text(indicator.name[l]),
                           result.value.map(SortKey.number) ?? .none, .number(indicator.target), .text(Strings.unit(indicator.unit)[l]),
                           result.change.map(SortKey.number) ?? .none, .none],
                searchText: [indicator.id, indicator.name.zh, indicator.name.en, indicator.domain.rawValue,
                             indicator.domain.name.zh, result.status.rawValue].joined(separator: " "))
        }
        // In a narrow window the domain and trend give way, or the indicator's name would get no room.
        let narrow = state.width < 100
        let columns = [
            TableColumn("", width: .fixed(1)), TableColumn(state.text(Strings.columnDomain), width: .fixed(narrow ? 0 : l == .zh ? 8 : 11)),
            TableColumn(state.text(Strings.indicator), width: .flexible(3)),
            TableColumn(state.text(Strings.columnValue), width: .fixed(8), alignment: .right),
            TableColumn(state.text(Strings.columnTarget), width: .fixed(6)), TableColumn("", width: .fixed(6)),
            TableColumn(state.text(Strings.columnChange), width: .fixed(7), alignment: .right),
            TableColumn(state.text(Strings.columnTrend), width: .fixed(narrow ? 0 : 12)),
        ]
        let name = state.programme.district(id)?.name[l] ?? id
        return ListModel(title: name, exportName: "district-\(id)-\(state.asOf)", columns: columns, rows: rows,
                         filter: state.filters[state.route], sort: state.sorts[state.route])
    }

    static func render(_ state: AppState, districtID: String, into canvas: inout Canvas, area: Rect) {
        guard let district = state.programme.district(districtID) else { return }
        let l = state.language
        let left = Rect(x: area.x, y: area.y, width: area.width * 2 / 3, height: area.height)
        let right = Rect(x: left.maxX, y: area.y, width: area.width - left.width, height: area.height)
        let list = list(state)
        var facts = [Strings.districtKind(district.kind)[l]]
        if let parent = district.parentID.flatMap({ state.programme.district($0) }) { facts.append(parent.name[l]) }
        facts.append(district.coastal ? state.text(Strings.coastal) : state.text(Strings.inland))
        let inner = Panel(title: list.title, focused: true, trailing: facts.joined(separator: " · ")).render(into: &canvas, area: left)
        list.table(selected: Screens.selection(state), focused: true, emptyMessage: state.text(Strings.noRows)).render(into: &canvas, area: inner)

        let tasksArea = Rect(x: right.x, y: right.y, width: right.width, height: right.height / 2)
        let tasksInner = Panel(title: state.text(Strings.paneTasks)).render(into: &canvas, area: tasksArea)
        let tasks = state.snapshot.tasks.filter { $0.task.districtIDs.contains(districtID) }
        for (i, r) in tasks.prefix(tasksInner.height).enumerated() {
            let mark = StatusMark(r.status)
            TextLine([Span(mark.glyph + " ", style: mark.style), Span(r.task.id + " ", style: Style(.accent)), Span(r.task.title[l])])
                .render(into: &canvas, area: Rect(x: tasksInner.x, y: tasksInner.y + i, width: tasksInner.width, height: 1))
        }
        if tasks.isEmpty {
            TextLine(state.text(Strings.noRows), style: Style(.muted)).render(into: &canvas, area: tasksInner)
        }

        let stationsArea = Rect(x: right.x, y: tasksArea.maxY, width: right.width, height: right.height - tasksArea.height)
        let stationsInner = Panel(title: state.text(Strings.stations), trailing: "s").render(into: &canvas, area: stationsArea)
        let stations = state.programme.stations.filter { $0.districtID == districtID }
        for (i, station) in stations.prefix(stationsInner.height).enumerated() {
            let status = state.live?.status(mn: station.mn)
            let (quality, style, _, _) = status.map { StationsScreen.describe($0, l) } ?? ("—", Style(.na), "", 0)
            let stale = status.map { $0.stale && $0.lastSeen != nil } ?? false
            TextLine([Span(station.name[l] + " ", style: Style(.text)), Span(quality, style: style),
                      Span(stale ? " " + state.text(Strings.stale) : "", style: Style(.bad, bold: true))])
                .render(into: &canvas, area: Rect(x: stationsInner.x, y: stationsInner.y + i, width: stationsInner.width, height: 1))
        }
    }
}
