import Testing
import EcoWatchCore
@testable import EcoWatchUI

@Suite struct TableTests {
    let columns = [
        TableColumn("ID", width: .fixed(4)),
        TableColumn("District", width: .flexible(2)),
        TableColumn("Days", width: .fixed(6), alignment: .right),
        TableColumn("Status", width: .flexible(1)),
    ]

    var rows: [[TableCell]] {
        [
            [TableCell("R01"), TableCell("北仑区"), TableCell("12"), TableCell("✕ 逾期", style: Style(.bad))],
            [TableCell("R02"), TableCell("Beilun"), TableCell("3"), TableCell("▲ at risk", style: Style(.warn))],
            [TableCell("R03"), TableCell("宁波前湾新区管委会"), TableCell("145"), TableCell("✓ 已销号")],
            [TableCell("R04"), TableCell("Cixi"), TableCell("0"), TableCell("○ on track")],
        ]
    }

    @Test func columnWidthsShareWhatFixedColumnsLeave() {
        let table = Table(columns: columns, rows: [])
        #expect(table.columnWidths(totalWidth: 43) == [4, 20, 6, 10])   // 43 - 3 gaps - 10 fixed = 30
        #expect(table.columnWidths(totalWidth: 41) == [4, 19, 6, 9])    // 28 shared 2:1, the odd one to the first
        #expect(table.columnWidths(totalWidth: 12) == [4, 0, 5, 0])     // gaps first, then fixed in order
        #expect(table.columnWidths(totalWidth: 6) == [3, 0, 0, 0])
    }

    @Test func rendersHeaderWithSortIndicatorAndRows() {
        let table = Table(columns: columns, rows: rows, sortColumn: 2, sortAscending: false)
        let canvas = draw(width: 43, height: 5) { table.render(into: &$0, area: $1) }
        #expect(trimmedLines(canvas) == [
            "ID   District             Days ▼ Status",
            "R01  北仑区                   12 ✕ 逾期",
            "R02  Beilun                    3 ▲ at risk",
            "R03  宁波前湾新区管委会      145 ✓ 已销号",
            "R04  Cixi                      0 ○ on track",
        ])
        #expect(canvas[0, 0].style.bold)
        #expect(canvas[33, 1].style.foreground == .bad)
    }

    @Test(arguments: [43, 40, 33, 27, 20])
    func columnsLineUpUnderChineseText(width: Int) {
        let table = Table(columns: columns, rows: rows, selected: 0)
        let canvas = draw(width: width, height: 5) { table.render(into: &$0, area: $1) }
        let widths = table.columnWidths(totalWidth: width)
        var starts: [Int] = []
        var x = 0
        for w in widths { starts.append(x); x += w + 1 }
        for (r, line) in lines(canvas).enumerated() {
            #expect(displayWidth(line) == width)
            guard r > 0 else { continue }
            // Each cell's text (as fitted) begins exactly at its column's start (or is right-aligned
            // to the column's end), whatever the width of the text before it.
            for i in columns.indices where widths[i] > 0 {
                let cell = padded(rows[r - 1][i].text, toWidth: widths[i], alignment: columns[i].alignment)
                #expect(substring(of: line, fromColumn: starts[i], width: widths[i]) == cell,
                        "row \(r) column \(i) at width \(width)")
            }
        }
    }

    @Test func statusColumnStartsAtTheSameDisplayColumnInEveryRow() {
        let table = Table(columns: columns, rows: rows)
        let text = lines(draw(width: 43, height: 5) { table.render(into: &$0, area: $1) })
        let starts = zip(["Status", "✕", "▲", "✓", "○"], text).map { displayColumn(of: $0, in: $1) }
        #expect(starts == Array(repeating: 33, count: 5))
        // Measured in characters instead, the Chinese rows would be off: the point of the test.
        #expect(text[1].distance(from: text[1].startIndex, to: text[1].firstIndex(of: "✕")!) != 33)
    }

    @Test func chineseIsTruncatedNotSplitAtTheColumnEdge() {
        let table = Table(columns: [TableColumn("名称", width: .fixed(5)), TableColumn("x", width: .fixed(1))],
                          rows: [[TableCell("宁波市"), TableCell("y")]])
        let canvas = draw(width: 7, height: 2) { table.render(into: &$0, area: $1) }
        #expect(lines(canvas) == ["名称  x", "宁波… y"])
    }

    @Test func selectionIsReversedAcrossTheRow() {
        let table = Table(columns: columns, rows: rows, selected: 1)
        let canvas = draw(width: 40, height: 5) { table.render(into: &$0, area: $1) }
        for x in 0..<40 { #expect(canvas[x, 2].style.reverse) }
        #expect(!canvas[0, 1].style.reverse)
        let unfocused = Table(columns: columns, rows: rows, selected: 1, focused: false)
        let dimmed = draw(width: 40, height: 5) { unfocused.render(into: &$0, area: $1) }
        #expect(dimmed[0, 2].style.reverse && dimmed[0, 2].style.dim)
    }

    @Test func scrollKeepsSelectionVisible() {
        #expect(Table.scrollOffset(selected: 0, offset: 0, visibleRows: 3, rowCount: 10) == 0)
        #expect(Table.scrollOffset(selected: 5, offset: 0, visibleRows: 3, rowCount: 10) == 3)
        #expect(Table.scrollOffset(selected: 4, offset: 3, visibleRows: 3, rowCount: 10) == 3)
        #expect(Table.scrollOffset(selected: 1, offset: 3, visibleRows: 3, rowCount: 10) == 1)
        #expect(Table.scrollOffset(selected: nil, offset: 9, visibleRows: 3, rowCount: 10) == 7)
        #expect(Table.scrollOffset(selected: 2, offset: 0, visibleRows: 0, rowCount: 10) == 0)

        let many = (1...10).map { [TableCell(String(format: "R%02d", $0))] }
        let table = Table(columns: [TableColumn("ID", width: .flexible(1))], rows: many, selected: 6)
        let canvas = draw(width: 4, height: 4) { table.render(into: &$0, area: $1) }
        #expect(trimmedLines(canvas) == ["ID", "R05", "R06", "R07"])
        #expect(canvas[0, 3].style.reverse)
    }

    @Test func emptyTableSaysSo() {
        let table = Table(columns: columns, rows: [], emptyMessage: "（无）")
        let canvas = draw(width: 20, height: 3) { table.render(into: &$0, area: $1) }
        #expect(trimmedLines(canvas)[1] == "       （无）")
    }

    /// The characters of `line` that occupy display columns `fromColumn ..< fromColumn + width`.
    func substring(of line: String, fromColumn: Int, width: Int) -> String {
        var column = 0
        var result = ""
        for character in line {
            let w = displayWidth(of: character)
            if column >= fromColumn && column + w <= fromColumn + width { result.append(character) }
            column += w
        }
        return result
    }
}
