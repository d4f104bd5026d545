import EcoWatchCore

/// The task lists: every task (`T`), or the supervisors' overdue browser (`o`): tasks overdue
/// or at risk as of the day, with ID, title, domain, districts, lead unit, deadline, days
/// overdue, progress and last event. Sortable, filterable (Chinese, English, task and
/// district IDs) and exportable.
enum TaskListScreen {
    static func list(_ state: AppState) -> ListModel {
        let l = state.language
        let overdueOnly = state.route == .overdue
        // The overdue browser lists what `report overdue` lists, in the same order and columns.
        let tasks = overdueOnly ? overdueList(state.snapshot.tasks) : state.snapshot.tasks
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
            let cells = TaskColumn.allCases.map { column -> TableCell in
                let text = r.cell(column, language: l, districtOrder: districtIDs) { id in
                    state.programme.district(id).map { DistrictMap.shortName($0, l) } ?? id
                }
                switch column {
                case .id: return TableCell(text, style: Style(mark.slot, bold: true))
                case .status: return TableCell(text, style: mark.style)
                case .daysOverdue: return TableCell(text, style: Style(.bad, bold: true))
                case .lastEvent: return TableCell(text, style: Style(.muted))
                default: return TableCell(text)
                }
            }
            let sortKeys = TaskColumn.allCases.enumerated().map { index, column -> SortKey in
                switch column {
                case .daysOverdue: .number(Double(r.daysOverdue))
                case .progress: .number(Double(r.progress))
                case .status: .text(r.status.rawValue)
                case .domain: .text(t.domain.rawValue)
                case .deadline: .text(r.effectiveDeadline?.description ?? "9999")
                default: .text(cells[index].text)
                }
            }
            let search = [t.id, t.title.zh, t.title.en, t.domain.rawValue, t.domain.name.zh, t.domain.name.en,
                          t.leadUnit.zh, t.leadUnit.en, r.status.rawValue, r.status.name.zh, r.status.name.en]
                + t.districtIDs.flatMap { id in [id] + (state.programme.district(id).map { [$0.name.zh, $0.name.en] } ?? []) }
            let fullDistricts = r.cell(.districts, language: l, districtOrder: districtIDs) { state.programme.district($0)?.name[l] ?? $0 }
            let last = r.cell(.lastEvent, language: l) { $0 }
            let lastInFull = r.lastEvent.map { last + ($0.note[l].isEmpty ? "" : " " + $0.note[l]) } ?? ""
            let overdue = r.daysOverdue > 0 ? " · " + state.text(Strings.columnDaysOverdue) + " \(r.daysOverdue)" : ""
            let colon = Strings.colon[l]
            let detail = t.id + " " + t.title[l] + " · " + r.status.name[l] + overdue + " · " + state.text(Strings.paneDistricts)
                + colon + fullDistricts + " · " + state.text(Strings.columnLeadUnit) + colon + t.leadUnit[l]
                + " · " + state.text(Strings.columnDeadline) + " " + r.deadlineText(l) + " · " + state.text(Strings.columnProgress)
                + " " + r.progressText + (lastInFull.isEmpty ? "" : " · " + state.text(Strings.columnLastEvent) + colon + lastInFull)
            return ListRow(cells: cells, target: .task(t.id), sortKeys: sortKeys, searchText: search.joined(separator: " "), detail: detail)
        }
        // In a narrow window the domain and the last event give way (the row's detail line shows it).
        let narrow = state.width < 100
        let columns = TaskColumn.allCases.map { column -> TableColumn in
            let title = state.text(column.heading)
            switch column {
            case .id: return TableColumn(title, width: .fixed(4))
            case .status: return TableColumn(title, width: .fixed(l == .zh ? 10 : 11))
            case .title: return TableColumn(title, width: .flexible(4))
            case .domain: return TableColumn(title, width: .fixed(narrow ? 0 : l == .zh ? 8 : 11))
            case .lastEvent: return narrow ? TableColumn(title, width: .fixed(0)) : TableColumn(title, width: .flexible(2))
            case .districts, .leadUnit: return TableColumn(title, width: .flexible(2))
            case .deadline: return TableColumn(title, width: .fixed(10))
            case .daysOverdue: return TableColumn(title, width: .fixed(l == .zh ? 8 : 6), alignment: .right)
            case .progress: return TableColumn(title, width: .fixed(8), alignment: .right)
            }
        }
        // The overdue browser: days overdue, longest first; ties keep `overdueList`'s order (at
        // risk after overdue), so the screen and `report overdue` list the same rows in one order.
        let daysColumn = TaskColumn.allCases.firstIndex(of: .daysOverdue)!
        let defaultSort = overdueOnly ? SortOrder(column: daysColumn, ascending: false) : SortOrder(column: 0, ascending: true)
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
}
