/// A table of text for the `table`, `csv` and `md` report formats.
public struct TextTable: Hashable, Sendable {
    public enum Alignment: Hashable, Sendable { case left, right }

    public struct Column: Hashable, Sendable {
        public let title: String
        public let alignment: Alignment
        public init(_ title: String, _ alignment: Alignment = .left) {
            self.title = title
            self.alignment = alignment
        }
    }

    public var columns: [Column]
    public var rows: [[String]]

    public init(columns: [Column], rows: [[String]]) {
        self.columns = columns
        self.rows = rows
    }

    /// Columns padded by display width, two spaces apart, a rule under the header;
    /// no trailing spaces.
    public var aligned: String {
        let widths = columns.indices.map { c in
            rows.reduce(displayWidth(columns[c].title)) { max($0, displayWidth(cell($1, c))) }
        }
        func line(_ cells: [String]) -> String {
            var out = ""
            for (c, column) in columns.enumerated() {
                let text = c < cells.count ? cells[c] : ""
                let pad = String(repeating: " ", count: widths[c] - displayWidth(text))
                if c > 0 { out += "  " }
                out += column.alignment == .right ? pad + text : text + pad
            }
            while out.hasSuffix(" ") { out.removeLast() }
            return out
        }
        var lines = [line(columns.map(\.title))]
        lines.append(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
        lines += rows.map(line)
        return lines.joined(separator: "\n") + "\n"
    }

    /// RFC 4180 CSV with a byte-order mark and CRLF line ends.
    public var csv: String {
        func field(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        let lines = [columns.map { field($0.title) }] + rows.map { $0.map(field) }
        return "\u{FEFF}" + lines.map { $0.joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// A Markdown pipe table (pipes in cells escaped).
    public var markdown: String {
        func cellText(_ text: String) -> String {
            text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
        }
        var lines = ["| " + columns.map { cellText($0.title) }.joined(separator: " | ") + " |"]
        lines.append("|" + columns.map { $0.alignment == .right ? "---:|" : "---|" }.joined())
        lines += rows.map { "| " + $0.map(cellText).joined(separator: " | ") + " |" }
        return lines.joined(separator: "\n") + "\n"
    }

    private func cell(_ row: [String], _ c: Int) -> String { c < row.count ? row[c] : "" }
}
