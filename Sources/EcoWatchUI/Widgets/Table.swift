import EcoWatchCore

/// How wide a table column is.
public enum ColumnWidth: Hashable, Sendable {
    /// Exactly this many columns (fewer if the table runs out of room).
    case fixed(Int)
    /// A share of what the fixed columns leave, in proportion to the weight.
    case flexible(Int)
}

/// A column of a `Table`: its title, width and alignment.
public struct TableColumn: Hashable, Sendable {
    public var title: String
    public var width: ColumnWidth
    public var alignment: Alignment

    public init(_ title: String, width: ColumnWidth, alignment: Alignment = .left) {
        self.title = title
        self.width = width
        self.alignment = alignment
    }
}

/// A cell of a `Table`: a text in a style.
public struct TableCell: Hashable, Sendable {
    public var text: String
    public var style: Style

    public init(_ text: String, style: Style = .plain) {
        self.text = text
        self.style = style
    }
}

/// A scrolling table with a header, a sort indicator and a selected row: the overdue browser,
/// the station list, the alarms and the district list.
///
/// Every cell is truncated (with `…`) and padded by display width, so columns line up under
/// Chinese text. The table keeps no state: the reducer owns `selected` and `offset`, and
/// `Table.scrollOffset` is the one rule for keeping the selection in view.
public struct Table: Hashable, Sendable {
    public var columns: [TableColumn]
    public var rows: [[TableCell]]
    /// The selected row's index, or nil.
    public var selected: Int?
    /// The first row shown (adjusted by `scrollOffset` so the selection stays visible).
    public var offset: Int
    /// The column the rows are sorted by, shown with ▲ (ascending) or ▼ (descending).
    public var sortColumn: Int?
    public var sortAscending: Bool
    /// Whether the table has the focus: the selection is shown reversed, else dimmed.
    public var focused: Bool
    /// What to say when there are no rows.
    public var emptyMessage: String
    /// Blank columns between two columns.
    public var spacing: Int
    /// The filter's words (lower case): a cell that hides its match shows the matching part.
    public var matching: [String]

    public init(columns: [TableColumn], rows: [[TableCell]], selected: Int? = nil, offset: Int = 0,
                sortColumn: Int? = nil, sortAscending: Bool = true, focused: Bool = true,
                emptyMessage: String = "", spacing: Int = 1, matching: [String] = []) {
        self.columns = columns
        self.rows = rows
        self.selected = selected
        self.offset = offset
        self.sortColumn = sortColumn
        self.sortAscending = sortAscending
        self.focused = focused
        self.emptyMessage = emptyMessage
        self.spacing = spacing
        self.matching = matching
    }

    /// The first row to show so that `selected` is visible with `visibleRows` rows on screen,
    /// moving `offset` as little as possible and never past the last page.
    public static func scrollOffset(selected: Int?, offset: Int, visibleRows: Int, rowCount: Int) -> Int {
        guard visibleRows > 0, rowCount > 0 else { return 0 }
        var first = min(max(0, offset), max(0, rowCount - visibleRows))
        if let selected {
            let s = min(max(0, selected), rowCount - 1)
            if s < first { first = s }
            if s >= first + visibleRows { first = s - visibleRows + 1 }
        }
        return first
    }

    /// Each column's width when the table is `totalWidth` columns wide. Fixed columns come
    /// first; flexible ones share the rest by weight; a column that finds no room gets 0.
    public func columnWidths(totalWidth: Int) -> [Int] {
        let gaps = spacing * max(0, columns.count - 1)
        var remaining = max(0, totalWidth - gaps)
        var widths = Array(repeating: 0, count: columns.count)
        for (i, column) in columns.enumerated() {
            if case .fixed(let w) = column.width {
                widths[i] = min(max(0, w), remaining)
                remaining -= widths[i]
            }
        }
        let flexible = columns.indices.compactMap { i -> (Int, Int)? in
            if case .flexible(let weight) = columns[i].width { return (i, max(1, weight)) }
            return nil
        }
        let totalWeight = flexible.reduce(0) { $0 + $1.1 }
        guard totalWeight > 0 else { return widths }
        var given = 0
        for (i, weight) in flexible {
            widths[i] = remaining * weight / totalWeight
            given += widths[i]
        }
        for (i, _) in flexible where given < remaining {
            widths[i] += 1
            given += 1
        }
        return widths
    }

    /// The header's title for column `index`, with the sort indicator.
    func headerTitle(_ index: Int, width: Int) -> String {
        let title = columns[index].title
        guard index == sortColumn else { return padded(title, toWidth: width, alignment: columns[index].alignment) }
        let arrow = sortAscending ? "▲" : "▼"
        if width <= 2 { return padded(arrow, toWidth: width) }
        // The arrow always shows: the title gives way to it.
        return padded(truncated(title, toWidth: width - 2) + " " + arrow, toWidth: width,
                      alignment: columns[index].alignment)
    }

    /// Draws the header on the first row of `area` and the visible rows below it.
    public func render(into canvas: inout Canvas, area: Rect) {
        let area = area.intersection(canvas.bounds)
        guard !area.isEmpty else { return }
        let widths = columnWidths(totalWidth: area.width)
        var starts: [Int] = []
        var x = area.x
        for w in widths {
            starts.append(x)
            x += w + spacing
        }
        let headerStyle = Style(.accent, bold: true, underline: true)
        canvas.fill(Rect(x: area.x, y: area.y, width: area.width, height: 1), style: headerStyle)
        for i in columns.indices where widths[i] > 0 {
            let cellRect = Rect(x: starts[i], y: area.y, width: widths[i], height: 1).intersection(area)
            canvas.put(headerTitle(i, width: widths[i]), x: starts[i], y: area.y, style: headerStyle, clip: cellRect)
        }
        let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        guard !body.isEmpty else { return }
        canvas.fill(body)
        if rows.isEmpty {
            if !emptyMessage.isEmpty {
                TextLine(emptyMessage, style: Style(.muted), alignment: .center)
                    .render(into: &canvas, area: Rect(x: body.x, y: body.y, width: body.width, height: 1))
            }
            return
        }
        let first = Table.scrollOffset(selected: selected, offset: offset, visibleRows: body.height,
                                       rowCount: rows.count)
        for (line, index) in (first..<min(rows.count, first + body.height)).enumerated() {
            let y = body.y + line
            let row = rows[index]
            for i in columns.indices where widths[i] > 0 && i < row.count {
                let cellRect = Rect(x: starts[i], y: y, width: widths[i], height: 1).intersection(body)
                let shown = truncated(row[i].text, toWidth: widths[i], showing: matching)
                let text = padded(shown, toWidth: widths[i], alignment: columns[i].alignment)
                canvas.put(text, x: starts[i], y: y, style: row[i].style, clip: cellRect)
            }
            if index == selected {
                let focused = self.focused
                canvas.restyle(Rect(x: body.x, y: y, width: body.width, height: 1)) { style in
                    style.reverse = true
                    if !focused { style.dim = true }
                }
            }
        }
    }
}
