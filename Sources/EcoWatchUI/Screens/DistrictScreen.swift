import EcoWatchCore

/// A district: every indicator against its target with last year's change and a 24-month
/// trend (marine ones "not applicable" inland), the tasks that name it and its stations.
enum DistrictScreen {
    /// The indicator table takes the left part of the body; tasks (above) and stations the right.
    static func paneArea(_ body: Rect, pane: DistrictPane) -> Rect {
        let left = Rect(x: body.x, y: body.y, width: body.width * 2 / 3, height: body.height)
        let right = Rect(x: left.maxX, y: body.y, width: body.width - left.width, height: body.height)
        switch pane {
        case .indicators: return left
        case .tasks: return Rect(x: right.x, y: right.y, width: right.width, height: right.height / 2)
        case .stations: return Rect(x: right.x, y: right.y + right.height / 2, width: right.width, height: right.height - right.height / 2)
        }
    }

    /// Where a pane's table is drawn (inside its border, above its detail lines).
    static func tableArea(_ body: Rect, pane: DistrictPane) -> Rect {
        ListModel.split(Panel.inner(paneArea(body, pane: pane))).table
    }

    static func list(_ state: AppState, pane: DistrictPane) -> ListModel {
        switch pane {
        case .indicators: indicatorList(state)
        case .tasks: taskList(state)
        case .stations: stationList(state)
        }
    }

    /// The district the page shows.
    static func districtID(_ state: AppState) -> String {
        if case .district(let d) = state.route { d } else { "" }
    }

    /// The tasks that name the district; Enter opens one.
    static func taskList(_ state: AppState) -> ListModel {
        let l = state.language
        let id = districtID(state)
        let rows = state.snapshot.tasks.filter { $0.task.districtIDs.contains(id) }.map { r -> ListRow in
            let mark = StatusMark(r.status)
            return ListRow(
                cells: [TableCell(mark.glyph + " " + r.task.id, style: mark.style), TableCell(r.task.title[l]),
                        TableCell("\(r.progress)%")],
                target: .task(r.task.id),
                sortKeys: [.text(r.task.id), .text(r.task.title[l]), .number(Double(r.progress))],
                searchText: [r.task.id, r.task.title.zh, r.task.title.en, r.status.rawValue, r.status.name.zh, r.status.name.en].joined(separator: " "),
                detail: [r.task.id, r.task.title[l], mark.glyph + " " + r.status.name[l], "\(r.progress)%"].joined(separator: "  "))
        }
        return ListModel(title: state.text(Strings.paneTasks), exportName: "district-\(id)-tasks-\(state.asOf)",
                         columns: [TableColumn(state.text(Strings.columnID), width: .fixed(5)),
                                   TableColumn(state.text(Strings.task), width: .flexible(1)),
                                   TableColumn(state.text(Strings.columnProgress), width: .fixed(l == .zh ? 4 : 8), alignment: .right)],
                         rows: rows, filter: paneFilter(state, .tasks), sort: paneSort(state, .tasks))
    }

    /// The district's stations with their latest quality; Enter opens the station.
    static func stationList(_ state: AppState) -> ListModel {
        let l = state.language
        let id = districtID(state)
        let rows = state.programme.stations.filter { $0.districtID == id }.map { station -> ListRow in
            let status = state.live?.status(mn: station.mn)
            let (quality, style, detail, _) = status.map { StationsScreen.describe($0, l) } ?? ("—", Style(.na), "", 0)
            let stale = status.map { $0.stale && $0.lastSeen != nil } ?? false
            return ListRow(
                cells: [TableCell(station.name[l]), TableCell(quality, style: style),
                        TableCell(stale ? state.text(Strings.stale) : "", style: Style(.bad, bold: true))],
                target: .station(station.mn),
                sortKeys: [.text(station.name[l]), .text(quality), .text(stale ? "1" : "0")],
                searchText: [station.mn, station.name.zh, station.name.en, Strings.stationKind(station.kind).zh,
                             Strings.stationKind(station.kind).en].joined(separator: " "),
                detail: [station.name[l], station.mn, Strings.stationKind(station.kind)[l], quality, detail,
                         stale ? state.text(Strings.stale) : ""].filter { !$0.isEmpty }.joined(separator: "  "))
        }
        return ListModel(title: state.text(Strings.stations), exportName: "district-\(id)-stations-\(state.asOf)",
                         columns: [TableColumn(state.text(Strings.columnStation), width: .flexible(1)),
                                   TableColumn(state.text(Strings.columnQuality), width: .fixed(10), alignment: .right),
                                   TableColumn("", width: .fixed(l == .zh ? 4 : 5))],
                         rows: rows, filter: paneFilter(state, .stations), sort: paneSort(state, .stations))
    }

    /// A pane's filter and sort are the page's while that pane has the focus (Tab clears them).
    static func paneFilter(_ state: AppState, _ pane: DistrictPane) -> String? {
        state.districtPane == pane ? state.filters[state.route] : nil
    }

    static func paneSort(_ state: AppState, _ pane: DistrictPane) -> SortOrder? {
        state.districtPane == pane ? state.sorts[state.route] : nil
    }

    /// The indicator's name keeps at least this many columns before the domain and trend are shown.
    static let minimumNameWidth = 16

    /// Every indicator judged for the district; Enter opens the indicator.
    static func indicatorList(_ state: AppState) -> ListModel {
        let l = state.language
        let id = districtID(state)
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
        // The domain and trend give way in a narrow pane, or the indicator's name would get no room.
        func columns(wide: Bool) -> [TableColumn] {
            [TableColumn("", width: .fixed(1)), TableColumn(state.text(Strings.columnDomain), width: .fixed(wide ? l == .zh ? 8 : 11 : 0)),
             TableColumn(state.text(Strings.indicator), width: .flexible(3)),
             TableColumn(state.text(Strings.columnValue), width: .fixed(11), alignment: .right),
             TableColumn(state.text(Strings.columnTarget), width: .fixed(6)), TableColumn("", width: .fixed(6)),
             TableColumn(state.text(Strings.columnChange), width: .fixed(7), alignment: .right),
             TableColumn(state.text(Strings.columnTrend), width: .fixed(wide ? 12 : 0))]
        }
        let paneWidth = Panel.inner(paneArea(Rect(x: 0, y: 0, width: state.width, height: state.height), pane: .indicators)).width
        let wide = Table(columns: columns(wide: true), rows: []).columnWidths(totalWidth: paneWidth)[2] >= minimumNameWidth
        let name = state.programme.district(id)?.name[l] ?? id
        return ListModel(title: name, exportName: "district-\(id)-\(state.asOf)", columns: columns(wide: wide), rows: rows,
                         filter: paneFilter(state, .indicators), sort: paneSort(state, .indicators))
    }

    /// The three panes, the focused one marked as on the overview (heavy border, selection shown).
    static func render(_ state: AppState, districtID: String, into canvas: inout Canvas, area: Rect) {
        guard let district = state.programme.district(districtID) else { return }
        let l = state.language
        var facts = [Strings.districtKind(district.kind)[l]]
        if let parent = district.parentID.flatMap({ state.programme.district($0) }) { facts.append(parent.name[l]) }
        facts.append(district.coastal ? state.text(Strings.coastal) : state.text(Strings.inland))
        for pane in DistrictPane.allCases {
            let list = list(state, pane: pane)
            let focused = state.districtPane == pane
            let trailing = pane == .indicators ? facts.joined(separator: " · ") : "\(list.rows.count)"
            let inner = Panel(title: list.title, focused: focused, trailing: trailing)
                .render(into: &canvas, area: paneArea(area, pane: pane))
            let selected: Int? = focused ? Screens.selection(state) : nil
            list.render(into: &canvas, area: inner, selected: selected, focused: focused, emptyMessage: state.text(Strings.noRows))
        }
    }
}
