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
    /// Everything the row says, untruncated, for the detail line under the table when the row
    /// is selected: by default its cells' texts.
    public var detail: String
    /// What the row is about (a pollutant code), for the screen to act on the selected row.
    public var key: String?

    public init(cells: [TableCell], target: Route? = nil, sortKeys: [SortKey], searchText: String, alarmID: Int64? = nil,
                detail: String? = nil, key: String? = nil) {
        self.cells = cells
        self.target = target
        self.sortKeys = sortKeys
        self.searchText = searchText.lowercased()
        self.alarmID = alarmID
        self.detail = detail ?? cells.map(\.text).filter { !$0.isEmpty }.joined(separator: "  ")
        self.key = key
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
    /// The filter's words, lower-cased: what the table and the detail line show matched.
    public var filterWords: [String]

    /// Keeps the rows matching `filter` (every word must appear), then sorts by `sort`
    /// (ties keep their order).
    public init(title: String, exportName: String, columns: [TableColumn], rows: [ListRow], filter: String?, sort: SortOrder?) {
        self.title = title
        self.exportName = exportName
        self.columns = columns
        self.sort = sort
        let words = (filter ?? "").lowercased().split(separator: " ")
        self.filterWords = words.map(String.init)
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

    /// The table widget for this list with `selected` highlighted (none when nil).
    public func table(selected: Int?, focused: Bool, emptyMessage: String) -> Table {
        Table(columns: columns, rows: rows.map(\.cells), selected: rows.isEmpty ? nil : selected.map { min($0, rows.count - 1) },
              sortColumn: sort?.column, sortAscending: sort?.ascending ?? true, focused: focused, emptyMessage: emptyMessage,
              matching: filterWords)
    }

    /// The selected row's whole text wrapped to `width` in at most `maxLines` lines (the last
    /// ending in `…` if even they are too few), filter matches marked: the detail under a
    /// table, as k9s and htop show the selected item in full.
    public func detailLines(selected: Int, width: Int, maxLines: Int) -> [TextLine] {
        guard !rows.isEmpty, width > 0, maxLines > 0 else { return [] }
        let text = rows[min(max(0, selected), rows.count - 1)].detail
        var lines = wrapped(text, toWidth: width)
        if lines.count > maxLines {
            let rest = lines[(maxLines - 1)...].joined(separator: " ")
            lines = Array(lines.prefix(maxLines - 1)) + [truncated(rest, toWidth: width)]
        }
        return lines.map { line in
            TextLine(markMatches(line, filterWords, style: Style(.text), matched: Style(.accent, bold: true, underline: true)))
        }
    }

    /// Draws the table, and under a rule at the bottom of `area` the selected row's detail,
    /// when the area is tall enough to spare the rows (`split`).
    public func render(into canvas: inout Canvas, area: Rect, selected: Int?, focused: Bool, emptyMessage: String) {
        let split = ListModel.split(area)
        table(selected: selected, focused: focused, emptyMessage: emptyMessage).render(into: &canvas, area: split.table)
        guard let detail = split.detail, let selected, !rows.isEmpty else { return }
        canvas.put(String(repeating: "─", count: detail.width), x: detail.x, y: detail.y, style: Style(.border), clip: detail)
        for (i, line) in detailLines(selected: selected, width: detail.width, maxLines: detail.height - 1).enumerated() {
            line.render(into: &canvas, area: Rect(x: detail.x, y: detail.y + 1 + i, width: detail.width, height: 1))
        }
    }

    /// Rows given to the detail under a table: a rule and up to three lines, when the area
    /// keeps at least seven rows for the table.
    static func split(_ area: Rect) -> (table: Rect, detail: Rect?) {
        let detailHeight = area.height >= 16 ? 4 : area.height >= 10 ? 3 : 0
        guard detailHeight > 0 else { return (area, nil) }
        return (Rect(x: area.x, y: area.y, width: area.width, height: area.height - detailHeight),
                Rect(x: area.x, y: area.maxY - detailHeight, width: area.width, height: detailHeight))
    }
}
