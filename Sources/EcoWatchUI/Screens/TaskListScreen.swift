import EcoWatchCore

/// The task lists: every task (`T`), or the supervisors' overdue browser (`o`): tasks overdue
/// or at risk as of the day, with ID, title, domain, districts, lead unit, deadline, days
/// overdue, progress and last event. Sortable, filterable (Chinese, English, task and
/// district IDs) and exportable.
enum TaskListScreen {
    static func list(_ state: AppState) -> ListModel {
        let l = state.language
        let overdueOnly = state.route == .overdue
        let tasks = state.snapshot.tasks.filter { !overdueOnly || $0.status == .overdue || $0.status == .atRisk }
        let words = (state.filters[state.route] ?? "").lowercased().split(separator: " ").map(String.init)
        let separator = Strings.listSeparator[l]
        let rows = tasks.map { r -> ListRow in
            let t = r.task
            let mark = StatusMark(r.status)
            // Districts a filter word matched come first, so the cell shows why the row is here.
            let districtIDs = t.districtIDs.enumerated().sorted { a, b in
                let ma = matches(a.element, words, state), mb = matches(b.element, words, state)
                return ma != mb ? ma : a.offset < b.offset
            }.map(\.element)
            let districts = districtIDs.isEmpty ? state.text(Strings.cityWide)
                : districtIDs.map { state.programme.district($0).map { DistrictMap.shortName($0, l) } ?? $0 }.joined(separator: separator)
            let fullDistricts = districtIDs.isEmpty ? state.text(Strings.cityWide)
                : districtIDs.map { state.programme.district($0)?.name[l] ?? $0 }.joined(separator: separator)
            let deadline = r.effectiveDeadline?.description ?? state.text(Strings.longTerm)
            let last = r.lastEvent.map { $0.date.description + " " + kindName($0.kind, l) } ?? ""
            let lastInFull = r.lastEvent.map { last + ($0.note[l].isEmpty ? "" : " " + $0.note[l]) } ?? ""
            let search = [t.id, t.title.zh, t.title.en, t.domain.rawValue, t.domain.name.zh, t.domain.name.en,
                          t.leadUnit.zh, t.leadUnit.en, r.status.rawValue, r.status.name.zh, r.status.name.en]
                + t.districtIDs.flatMap { id in [id] + (state.programme.district(id).map { [$0.name.zh, $0.name.en] } ?? []) }
            let overdue = r.daysOverdue > 0 ? " · " + state.text(Strings.columnDaysOverdue) + " \(r.daysOverdue)" : ""
            let colon = Strings.colon[l]
            let detail = t.id + " " + t.title[l] + " · " + r.status.name[l] + overdue + " · " + state.text(Strings.paneDistricts)
                + colon + fullDistricts + " · " + state.text(Strings.columnLeadUnit) + colon + t.leadUnit[l]
                + " · " + state.text(Strings.columnDeadline) + " " + deadline + " · " + state.text(Strings.columnProgress)
                + " \(r.progress)%" + (lastInFull.isEmpty ? "" : " · " + state.text(Strings.columnLastEvent) + colon + lastInFull)
            return ListRow(
                cells: [TableCell(mark.glyph + " " + t.id, style: mark.style), TableCell(t.title[l]), TableCell(t.domain.name[l]),
                        TableCell(districts), TableCell(t.leadUnit[l]), TableCell(deadline),
                        TableCell(r.daysOverdue > 0 ? String(r.daysOverdue) : "", style: Style(.bad, bold: true)),
                        TableCell("\(r.progress)%"), TableCell(last, style: Style(.muted))],
                target: .task(t.id),
                sortKeys: [.text(t.id), .text(t.title[l]), .text(t.domain.rawValue), .text(districts), .text(t.leadUnit[l]),
                           .text(deadline), .number(Double(r.daysOverdue)), .number(Double(r.progress)), .text(last)],
                searchText: search.joined(separator: " "), detail: detail)
        }
        let columns = [
            TableColumn(state.text(Strings.columnID), width: .fixed(5)),
            TableColumn(state.text(Strings.task), width: .flexible(4)),
            TableColumn(state.text(Strings.columnDomain), width: .fixed(l == .zh ? 8 : 11)),
            TableColumn(state.text(Strings.paneDistricts), width: .flexible(2)),
            TableColumn(state.text(Strings.columnLeadUnit), width: .flexible(2)),
            TableColumn(state.text(Strings.columnDeadline), width: .fixed(10)),
            TableColumn(state.text(Strings.columnDaysOverdue), width: .fixed(l == .zh ? 8 : 6), alignment: .right),
            TableColumn(state.text(Strings.columnProgress), width: .fixed(l == .zh ? 4 : 8), alignment: .right),
            TableColumn(state.text(Strings.columnLastEvent), width: .flexible(2)),
        ]
        let defaultSort = overdueOnly ? SortOrder(column: 6, ascending: false) : SortOrder(column: 0, ascending: true)
        return ListModel(title: overdueOnly ? state.text(Strings.overdueTasks) : state.text(Strings.paneTasks),
                         exportName: (overdueOnly ? "overdue-" : "tasks-") + state.asOf.description,
                         columns: columns, rows: rows, filter: state.filters[state.route],
                         sort: state.sorts[state.route] ?? defaultSort)
    }

    /// Whether a filter word matches the district's ID or either of its names.
    static func matches(_ districtID: String, _ words: [String], _ state: AppState) -> Bool {
        guard !words.isEmpty else { return false }
        let names = [districtID] + (state.programme.district(districtID).map { [$0.name.zh, $0.name.en] } ?? [])
        return words.contains { word in names.contains { $0.lowercased().contains(word) } }
    }

    static func kindName(_ kind: TaskEventKind, _ language: Language) -> String {
        Strings.eventKind(kind)[language]
    }
}
