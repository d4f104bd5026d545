import Testing
@testable import EcoWatchUI

@Suite("CanvasDiff")
struct CanvasDiffTests {
    private func frame(_ lines: [String], width: Int = 10) -> Canvas {
        var canvas = Canvas(width: width, height: lines.count)
        for (y, line) in lines.enumerated() { canvas.put(line, x: 0, y: y) }
        return canvas
    }

    private func text(_ run: CellRun) -> String { run.cells.map(\.text).joined() }

    @Test func unchangedCanvasHasNoRuns() {
        let a = frame(["宁波 Ningbo", "AQI 42"])
        var b = a
        b.put("A", x: 0, y: 1)   // same text written again: a copy with its own storage
        #expect(CanvasDiff.runs(from: a, to: a).isEmpty)
        #expect(CanvasDiff.runs(from: a, to: b).isEmpty)
    }

    @Test func oneChangedCellIsOneRunOfOne() {
        let a = frame(["AQI 42", "PM2.5 30"])
        var b = a
        b.put("3", x: 4, y: 0)
        let runs = CanvasDiff.runs(from: a, to: b)
        #expect(runs == [CellRun(y: 0, x: 4, cells: b.cells[4..<5])])
        #expect(text(runs[0]) == "3")
    }

    @Test func styleChangeAloneIsAChange() {
        let a = frame(["good"])
        var b = a
        b.put("g", x: 0, y: 0, style: Style(.bad, bold: true))
        let runs = CanvasDiff.runs(from: a, to: b)
        #expect(runs.count == 1)
        #expect(runs[0].x == 0 && runs[0].cells.count == 1)
    }

    @Test func separateChangesOnARowAreSeparateRuns() {
        let a = frame(["0123456789"])
        var b = a
        b.put("ab", x: 1, y: 0)
        b.put("c", x: 7, y: 0)
        let runs = CanvasDiff.runs(from: a, to: b)
        #expect(runs.map(\.x) == [1, 7])
        #expect(runs.map(text) == ["ab", "c"])
    }

    @Test func changedWideCharacterIsRedrawnWhole() {
        let a = frame(["海曙 ok"])
        var b = a
        b.put("江", x: 0, y: 0)
        let runs = CanvasDiff.runs(from: a, to: b)
        #expect(runs.count == 1)
        #expect(runs[0].x == 0)
        #expect(runs[0].cells.count == 2)          // the character and its continuation
        #expect(runs[0].cells.last?.isContinuation == true)
    }

    @Test func changeOnlyInContinuationCellStartsAtTheWideCharacter() {
        let a = frame(["ab中cd"])
        var b = a
        // Same character, but the continuation cell's style differs.
        b[3, 0] = Cell(text: "", width: 0, style: Style(.warn))
        let runs = CanvasDiff.runs(from: a, to: b)
        #expect(runs.count == 1)
        #expect(runs[0].x == 2)
        #expect(text(runs[0]) == "中")
        #expect(runs[0].cells.first?.isContinuation == false)
    }

    @Test func wideCharacterReplacedByNarrowOnes() {
        let a = frame(["x中y"])
        var b = a
        b.put("ab", x: 1, y: 0)
        let runs = CanvasDiff.runs(from: a, to: b)
        #expect(runs.count == 1)
        #expect(runs[0].x == 1)
        #expect(text(runs[0]) == "ab")
    }

    @Test func narrowCharactersReplacedByAWideOne() {
        let a = frame(["xaby"])
        var b = a
        b.put("镇", x: 1, y: 0)
        let runs = CanvasDiff.runs(from: a, to: b)
        #expect(runs.count == 1)
        #expect(runs[0].x == 1 && runs[0].cells.count == 2)
        #expect(text(runs[0]) == "镇")
    }

    @Test func runsNeverStartOnAContinuationCell() {
        let a = frame(["鄞州区 慈溪市", "北仑 奉化"], width: 16)
        var b = frame(["余姚市 象山县", "北仑 宁海"], width: 16)
        b.put("x", x: 15, y: 1)
        for run in CanvasDiff.runs(from: a, to: b) {
            #expect(run.cells.first?.isContinuation == false)
            if let last = run.cells.last, last.width == 2 {
                Issue.record("run at \(run.x),\(run.y) splits a wide character")
            }
        }
    }

    @Test func sizeChangeRedrawsEverything() {
        let a = frame(["abc"], width: 10)
        let b = frame(["abc", "def"], width: 12)
        let runs = CanvasDiff.runs(from: a, to: b)
        #expect(runs.count == 2)
        #expect(runs.allSatisfy { $0.x == 0 && $0.cells.count == 12 })
        #expect(CanvasDiff.runs(from: nil, to: b) == runs)
    }
}
