import EcoWatchCore

/// An indicator: its monthly chart city-wide against the target, and every district ranked
/// by distance from the target.
enum IndicatorScreen {
    /// The ranking table takes the lower part of the body; the chart the upper.
    static func tableArea(_ body: Rect) -> Rect {
        let chartHeight = max(6, body.height * 2 / 5)
        return Panel.inner(Rect(x: body.x, y: body.y + chartHeight, width: body.width, height: body.height - chartHeight))
    }

    static func list(_ state: AppState) -> ListModel {
        let l = state.language
        let id: String = if case .indicator(let i) = state.route { i } else { "" }
        let ranking = state.snapshot.rankings[id] ?? []
        let rows = ranking.enumerated().map { rank, result -> ListRow in
            let district = state.programme.district(result.areaID)
            let mark = StatusMark(result.status)
            return ListRow(
                cells: [TableCell("\(rank + 1)"), TableCell(mark.glyph + " " + result.status.name[l], style: mark.style),
                        TableCell(district?.name[l] ?? result.areaID),
                        TableCell(result.valueText, style: Style(mark.slot, bold: true)),
                        TableCell(result.changeText),
                        TableCell(Sparkline(result.recent).text(width: 24), style: Style(.accent))],
                target: .district(result.areaID),
                sortKeys: [.number(Double(rank)), .text(result.status.rawValue), .text(result.areaID),
                           result.value.map(SortKey.number) ?? .none, result.change.map(SortKey.number) ?? .none, .none],
                searchText: [result.areaID, district?.name.zh ?? "", district?.name.en ?? ""].joined(separator: " "))
        }
        let columns = [
            TableColumn("#", width: .fixed(3), alignment: .right), TableColumn(state.text(Strings.columnStatus), width: .fixed(l == .zh ? 10 : 16)),
            TableColumn(state.text(Strings.district), width: .flexible(2)),
            TableColumn(state.text(Strings.columnValue), width: .fixed(8), alignment: .right),
            TableColumn(state.text(Strings.columnChange), width: .fixed(7), alignment: .right),
            TableColumn(state.text(Strings.columnTrend), width: .fixed(24)),
        ]
        return ListModel(title: state.programme.indicator(id)?.name[l] ?? id, exportName: "indicator-\(id)-\(state.asOf)",
                         columns: columns, rows: rows, filter: state.filters[state.route], sort: state.sorts[state.route])
    }

    static func render(_ state: AppState, indicatorID: String, into canvas: inout Canvas, area: Rect) {
        guard let indicator = state.programme.indicator(indicatorID), let city = state.snapshot.result(indicatorID) else { return }
        let l = state.language
        let chartHeight = max(6, area.height * 2 / 5)
        let chartArea = Rect(x: area.x, y: area.y, width: area.width, height: chartHeight)
        let mark = StatusMark(city.status)
        var headline = city.valueText + " " + Strings.unit(indicator.unit)[l] + (city.period.map { " (" + $0.label(l) + ")" } ?? "")
            + "  " + state.text(Strings.target) + " " + OverviewScreen.targetText(indicator) + (indicator.deadline.map { " · " + $0.description } ?? "")
        if let ytd = city.yearToDate {
            headline += "  " + StatusMark(ytd.status).glyph + " " + indicator.format(ytd.value) + " (" + ytd.period.label(l) + ")"
        }
        let inner = Panel(title: state.text(Strings.city) + " · " + indicator.name[l], focused: false,
                          trailing: mark.glyph + " " + city.status.name[l]).render(into: &canvas, area: chartArea)
        TextLine(headline, style: Style(mark.slot, bold: true)).render(into: &canvas, area: Rect(x: inner.x, y: inner.y, width: inner.width, height: 1))
        let series = state.evaluator.monthly(indicator, areaID: cityAreaID, asOf: state.asOf).suffix(max(12, inner.width * 2))
        let values = series.map { Optional($0.value) }
        LineChart(values: values, target: indicator.comparator == .improves ? nil : indicator.target,
                  firstLabel: series.first?.month.description ?? "", lastLabel: series.last?.month.description ?? "")
            .render(into: &canvas, area: Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1))

        let tableArea = Rect(x: area.x, y: area.y + chartHeight, width: area.width, height: area.height - chartHeight)
        let list = list(state)
        let tableInner = Panel(title: state.text(Strings.paneDistricts), focused: true, trailing: "\(list.rows.count)").render(into: &canvas, area: tableArea)
        list.table(selected: Screens.selection(state), focused: true, emptyMessage: state.text(Strings.cityOnly)).render(into: &canvas, area: tableInner)
    }
}
