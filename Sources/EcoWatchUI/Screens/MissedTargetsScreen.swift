import EcoWatchCore

/// The programme's missed targets: every city indicator missed or at risk as of the day, in
/// any domain (missed first), with its value, target, unit, deadline and the change against the
/// year before. Enter opens the indicator; sortable, filterable and exportable like every list.
enum MissedTargetsScreen {
    static func list(_ state: AppState) -> ListModel {
        let l = state.language
        let rows = state.snapshot.shortfalls.map { result -> ListRow in
            let indicator = result.indicator
            let mark = StatusMark(result.status)
            let deadline = indicator.deadline?.description ?? state.text(Strings.kept)
            return ListRow(
                cells: [TableCell(mark.glyph + " " + result.status.name[l], style: mark.style), TableCell(indicator.domain.name[l]),
                        TableCell(indicator.name[l]),
                        TableCell(result.valueText, style: Style(mark.slot, bold: true)),
                        TableCell(OverviewScreen.targetText(indicator)), TableCell(indicator.unit, style: Style(.muted)),
                        TableCell(deadline), TableCell(result.changeText)],
                target: .indicator(indicator.id),
                sortKeys: [.text(result.status.rawValue), .text(indicator.domain.rawValue), .text(indicator.name[l]),
                           result.value.map(SortKey.number) ?? .none, .number(indicator.target), .text(indicator.unit),
                           .text(deadline), result.change.map(SortKey.number) ?? .none],
                searchText: [indicator.id, indicator.name.zh, indicator.name.en, indicator.domain.rawValue,
                             indicator.domain.name.zh, indicator.domain.name.en, result.status.name.zh, result.status.name.en]
                    .joined(separator: " "))
        }
        let columns = [
            TableColumn(state.text(Strings.columnStatus), width: .fixed(l == .zh ? 8 : 11)),
            TableColumn(state.text(Strings.columnDomain), width: .fixed(l == .zh ? 8 : 11)),
            TableColumn(state.text(Strings.indicator), width: .flexible(4)),
            TableColumn(state.text(Strings.columnValue), width: .fixed(7), alignment: .right),
            TableColumn(state.text(Strings.columnTarget), width: .fixed(8)),
            TableColumn(state.text(Strings.columnUnit), width: .fixed(7)),
            TableColumn(state.text(Strings.columnDeadline), width: .fixed(10)),
            TableColumn(state.text(Strings.columnChange), width: .fixed(7), alignment: .right),
        ]
        return ListModel(title: state.text(Strings.missedTargets), exportName: "missed-targets-" + state.asOf.description,
                         columns: columns, rows: rows, filter: state.filters[state.route], sort: state.sorts[state.route])
    }
}
