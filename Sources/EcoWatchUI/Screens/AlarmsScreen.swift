import EcoWatchCore

/// The Alarms screen (`!`): the shift log. Every alarm open or unacknowledged and every one
/// raised or cleared since the shift began (`c` hides the closed ones), newest first, with its
/// start, district, station, rule, value (a number in the rule's terms, shown in the reader's
/// language and sorted as a number), state and who acknowledged it when. `a` acknowledges the
/// selected one in the operator's name; Enter opens its station.
enum AlarmsScreen {
    static func list(_ state: AppState) -> ListModel {
        let l = state.language
        let alarms = (state.live?.alarms ?? []).filter { !state.hideClosedAlarms || $0.cleared == nil }
        let rows = alarms.map { alarm -> ListRow in
            let station = state.programme.station(mn: alarm.mn)
            let district = station.flatMap { state.programme.district($0.districtID) }
            let name = station?.name ?? LocalizedText(zh: alarm.mn, en: alarm.mn)
            let districtName = district.map { LocalizedText(zh: DistrictMap.shortName($0, .zh), en: DistrictMap.shortName($0, .en)) }
                ?? LocalizedText(zh: "", en: "")
            let open = alarm.cleared == nil
            let stateText: LocalizedText = open ? Strings.alarmOpen
                : LocalizedText(zh: Strings.alarmCleared.zh + " " + formatClock(alarm.cleared!), en: Strings.alarmCleared.en + " " + formatClock(alarm.cleared!))
            let ack = alarm.acknowledgedBy.map { $0 + " " + (alarm.acknowledgedAt.map(formatClock) ?? "") } ?? ""
            let style = Style(open ? .bad : .muted, bold: open && alarm.acknowledgedAt == nil)
            let value = Strings.alarmValue(alarm.amount, rule: alarm.rule)
            let rule = Strings.alarmRule(alarm.rule)
            return ListRow(
                cells: [TableCell(formatMoment(alarm.started), style: style), TableCell(districtName[l]), TableCell(name[l]),
                        TableCell(rule[l]), TableCell(value[l], style: style),
                        TableCell(stateText[l], style: style), TableCell(ack, style: Style(.good))],
                target: .station(alarm.mn),
                sortKeys: [.number(Double(alarm.started)), .text(districtName[l]), .text(name[l]), .text(rule[l]), .number(alarm.amount),
                           .number(Double(alarm.cleared ?? .max)), .text(ack)],
                // What the screen shows, in both languages, and the IDs.
                searchText: [alarm.mn, name.zh, name.en, station?.districtID ?? "", districtName.zh, districtName.en,
                             district?.name.zh ?? "", district?.name.en ?? "", rule.zh, rule.en, value.zh, value.en,
                             stateText.zh, stateText.en, ack, alarm.rule.rawValue, formatMoment(alarm.started)].joined(separator: " "),
                alarmID: alarm.id)
        }
        let columns = [
            TableColumn(state.text(Strings.columnStarted), width: .fixed(16)),
            TableColumn(state.text(Strings.district), width: .fixed(l == .zh ? 8 : 10)),
            TableColumn(state.text(Strings.columnStation), width: .flexible(3)),
            TableColumn(state.text(Strings.columnRule), width: .flexible(2)),
            TableColumn(state.text(Strings.columnValue), width: .fixed(l == .zh ? 14 : 15)),
            TableColumn(state.text(Strings.columnState), width: .fixed(l == .zh ? 10 : 13)),
            TableColumn(state.text(Strings.columnAcknowledged), width: .flexible(2)),
        ]
        let title = state.text(Strings.alarms) + " · " + state.text(Strings.shiftSince(formatMoment(state.shiftStart)))
            + (state.hideClosedAlarms ? " · " + state.text(Strings.closedHidden) : "")
        return ListModel(title: title, exportName: "alarms-" + state.asOf.description,
                         columns: columns, rows: rows, filter: state.filters[state.route],
                         sort: state.sorts[state.route] ?? SortOrder(column: 0, ascending: false))
    }
}
