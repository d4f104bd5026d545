import EcoWatchCore
import Testing
@testable import EcoWatchUI

@Suite struct ChartTests {
    let pm25 = LineChart(values: [40, 35, 30, nil, 28, 24, 22, 26], target: 26,
                         firstLabel: "2021-01", lastLabel: "2021-08")

    func isBraille(_ c: Character) -> Bool { (0x2800...0x28FF).contains(c.unicodeScalars.first!.value) }

    @Test func lineChartSnapshot() {
        let canvas = draw(width: 24, height: 6) { pm25.render(into: &$0, area: $1) }
        #expect(lines(canvas) == [
            "40┤⠑⢄⡀                  ",
            "  │  ⠈⠢⡀                ",
            "  │    ⠈⠢⡀              ",
            "26┤╌╌╌╌╌╌╌╌╌╌╌⠐⠤⡀╌╌╌╌╌╌⢀",
            "22┤             ⠈⠑⠢⠤⣀⠤⠊⠁",
            "  └2021-01       2021-08",
        ])
        #expect(canvas[3, 3].style.foreground == .warn)      // the target line
        #expect(canvas[3, 0].style.foreground == .accent)    // the series
    }

    @Test(arguments: [(16, 4), (40, 10), (12, 2), (5, 5)])
    func lineChartAtOtherSizes(width: Int, height: Int) {
        let text = lines(draw(width: width, height: height) { pm25.render(into: &$0, area: $1) })
        for line in text { #expect(displayWidth(line) == width) }
        // The target keeps its label, and its dashes show wherever the series is not.
        if height >= 3 {
            #expect(text.contains { $0.hasPrefix("26┤") && $0.contains("╌") })
            #expect(text.first!.hasPrefix("40┤"))
            #expect(text.last!.contains("└"))
        }
        // Dots only right of the axis.
        for line in text { #expect(!line.prefix(3).contains(where: isBraille)) }
    }

    @Test func lineChartGapLeavesAColumnEmpty() {
        // Months 0–1 and 3–4 joined; month 2 missing: no dots between them.
        let chart = LineChart(values: [1, 1, nil, 1, 1], minimum: 0, maximum: 2)
        let canvas = draw(width: 12, height: 2) { chart.render(into: &$0, area: $1) }
        let row = lines(canvas).first { $0.contains(where: isBraille) }!
        #expect(row == "0┤⠉⠉⠉    ⠉⠉⠉")
    }

    @Test func lineChartClipsToItsArea() {
        var canvas = Canvas(width: 30, height: 8, fill: Cell(text: "x"))
        pm25.render(into: &canvas, area: Rect(x: 2, y: 1, width: 20, height: 5))
        let text = lines(canvas)
        #expect(text[0] == String(repeating: "x", count: 30))
        #expect(text[7] == String(repeating: "x", count: 30))
        for line in text[1...5] {
            #expect(line.hasPrefix("xx") && line.hasSuffix("xxxxxxxx"))
        }
    }

    let progress = ProgressChart(points: [.init(day: Day(iso: "2022-03-01")!, percent: 45),
                                          .init(day: Day(iso: "2021-12-01")!, percent: 20),
                                          .init(day: Day(iso: "2022-06-15")!, percent: 60),
                                          .init(day: Day(iso: "2022-09-01")!, percent: 90)],
                                 start: Day(iso: "2021-11-03")!, deadline: Day(iso: "2022-12-31")!,
                                 asOf: Day(iso: "2022-08-01")!)

    @Test func progressChartShowsPlanAsOfAndAxes() {
        let canvas = draw(width: 40, height: 8) { progress.render(into: &$0, area: $1) }
        let text = lines(canvas)
        #expect(text[0].hasPrefix("100%┤"))
        #expect(text[3].hasPrefix(" 50%┤"))
        #expect(text[6].hasPrefix("  0%┤"))
        #expect(trimmedLines(canvas)[7] == "    └2021-11-03               2022-12-31")
        // The planned line reaches 100 % at the deadline: the top-right cell has dots, planned style.
        #expect(isBraille(Array(text[0]).last!))
        #expect(canvas[39, 0].style == Style(.muted))
        // The as-of marker, and the reported line (accent) starting at 0 % on the start day.
        #expect(text.filter { $0.contains("┊") }.count >= 4)
        #expect(isBraille(Array(text[6])[5]) && canvas[5, 6].style.foreground == .accent)
        // The report after the as-of day (90 %) is not drawn: nothing above 60 % is accent.
        for x in 5..<40 { #expect(canvas[x, 0].style.foreground != .accent) }
    }

    @Test func longTermTaskHasNoPlannedLine() {
        let longTerm = ProgressChart(points: progress.points, start: progress.start, deadline: nil,
                                     asOf: progress.asOf)
        let canvas = draw(width: 30, height: 5) { longTerm.render(into: &$0, area: $1) }
        for y in 0..<5 { for x in 0..<30 where isBraille(Character(canvas[x, y].text.isEmpty ? " " : canvas[x, y].text)) {
            #expect(canvas[x, y].style.foreground == .accent)
        } }
        #expect(!canvas.plainText.contains("┊"))
        #expect(trimmedLines(canvas)[4] == "    └2021-11-03     2022-08-01")
    }
}
