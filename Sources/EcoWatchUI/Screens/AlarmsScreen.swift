import EcoWatchCore

/// The Alarms screen (`!`): open and unacknowledged alarms, newest first, with start time,
/// station, rule and value; `a` acknowledges the selected one in the operator's name.
enum AlarmsScreen {
    static func list(_ state: AppState) -> ListModel {
        let l = state.language
        let alarms = state.live?.alarms ?? []
        let rows = alarms.map { alarm -> ListRow in
            let station = state.programme.station(mn: alarm.mn)
            let name = station?.name[l] ?? alarm.mn
            let open = alarm.cleared == nil
            let stateText = (open ? state.text(Strings.alarmOpen) : state.text(Strings.alarmCleared))
            let ack = alarm.acknowledgedBy.map { $0 + " " + (alarm.acknowledgedAt.map(formatMoment) ?? "") } ?? ""
            let style = Style(open ? .bad : .muted, bold: open && alarm.acknowledgedAt == nil)
            let value = Strings.alarmValue(alarm.value, rule: alarm.rule)
            return ListRow(
                cells: [TableCell(formatMoment(alarm.started), style: style), TableCell(name),
                        TableCell(Strings.alarmRule(alarm.rule)[l]), TableCell(value[l], style: style),
                        TableCell(stateText, style: style), TableCell(ack, style: Style(.good))],
                target: .station(alarm.mn),
                sortKeys: [.number(Double(alarm.started)), .text(name), .text(alarm.rule.rawValue), .text(value[l]),
                           .text(stateText), .text(ack)],
                searchText: [alarm.mn, station?.name.zh ?? "", station?.name.en ?? "", station?.districtID ?? "",
                             alarm.rule.rawValue, value.zh, value.en].joined(separator: " "),
                alarmID: alarm.id)
        }
        let columns = [
            TableColumn(state.text(Strings.columnStarted), width: .fixed(16)),
            TableColumn(state.text(Strings.columnStation), width: .flexible(3)),
            TableColumn(state.text(Strings.columnRule), width: .flexible(2)),
            TableColumn(state.text(Strings.columnValue), width: .flexible(1)),
            TableColumn(state.text(Strings.columnState), width: .fixed(8)),
            TableColumn(state.text(Strings.columnAcknowledged), width: .flexible(2)),
        ]
        return ListModel(title: state.text(Strings.alarms), exportName: "alarms-" + state.asOf.description,
                         columns: columns, rows: rows, filter: state.filters[state.route],
                         sort: state.sorts[state.route] ?? SortOrder(column: 0, ascending: false))
    }
}
