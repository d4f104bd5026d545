import EcoWatchCore

/// What a row sorts by in one column.
public enum SortKey: Comparable, Hashable, Sendable {
    case none
    case number(Double)
    case text(String)
}

/// One row of a list screen: its cells, what Enter opens, how it sorts and what `/` matches.
public struct ListRow: Hashable, Sendable {
    public var cells: [TableCell]
    public var target: Route?
    public var sortKeys: [SortKey]
    /// Lower-cased text in every language and every ID the filter should find the row by.
    public var searchText: String
    /// For the alarms list: the alarm the row shows.
    public var alarmID: Int64?

    public init(cells: [TableCell], target: Route? = nil, sortKeys: [SortKey], searchText: String, alarmID: Int64? = nil) {
        self.cells = cells
        self.target = target
        self.sortKeys = sortKeys
        self.searchText = searchText.lowercased()
        self.alarmID = alarmID
    }
}

/// A list screen's table after the user's filter and sort: exactly what is on screen,
/// which is also what `e` exports.
public struct ListModel: Hashable, Sendable {
    public var title: String
    /// File-name stem for exports (`overdue-2023-01-15`).
    public var exportName: String
    public var columns: [TableColumn]
    public var rows: [ListRow]
    public var sort: SortOrder?

    /// Keeps the rows matching `filter` (every word must appear), then sorts by `sort`
    /// (ties keep their order).
    public init(title: String, exportName: String, columns: [TableColumn], rows: [ListRow], filter: String?, sort: SortOrder?) {
        self.title = title
        self.exportName = exportName
        self.columns = columns
        self.sort = sort
        let words = (filter ?? "").lowercased().split(separator: " ")
        var kept = words.isEmpty ? rows : rows.filter { row in words.allSatisfy { row.searchText.contains($0) } }
        if let sort, sort.column < columns.count {
            let indexed = kept.enumerated().map { ($0.offset, $0.element) }
            kept = indexed.sorted { a, b in
                let ka = sort.column < a.1.sortKeys.count ? a.1.sortKeys[sort.column] : .none
                let kb = sort.column < b.1.sortKeys.count ? b.1.sortKeys[sort.column] : .none
                if ka == kb { return a.0 < b.0 }
                return sort.ascending ? ka < kb : kb < ka
            }.map(\.1)
        }
        self.rows = kept
    }

    /// The rows as a plain table, for export.
    public var textTable: TextTable {
        TextTable(columns: columns.map { TextTable.Column($0.title, $0.alignment == .right ? .right : .left) },
                  rows: rows.map { $0.cells.map(\.text) })
    }

    /// The table widget for this list with `selected` highlighted.
    public func table(selected: Int, focused: Bool, emptyMessage: String) -> Table {
        Table(columns: columns, rows: rows.map(\.cells), selected: rows.isEmpty ? nil : min(selected, rows.count - 1),
              sortColumn: sort?.column, sortAscending: sort?.ascending ?? true, focused: focused, emptyMessage: emptyMessage)
    }
}
