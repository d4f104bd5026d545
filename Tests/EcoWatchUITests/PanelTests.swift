import Testing
@testable import EcoWatchUI

@Suite struct PanelTests {
    @Test func drawsBorderAndTitleAndReturnsInner() {
        var inner = Rect(x: 0, y: 0, width: 0, height: 0)
        let canvas = draw(width: 12, height: 4) { canvas, area in
            inner = Panel(title: "大气").render(into: &canvas, area: area)
        }
        #expect(lines(canvas) == [
            "┌─ 大气 ───┐",
            "│          │",
            "│          │",
            "└──────────┘",
        ])
        #expect(inner == Rect(x: 1, y: 1, width: 10, height: 2))
        #expect(canvas[0, 0].style.foreground == .border)
    }

    @Test func focusedPanelIsHeavyInFocusSlot() {
        let canvas = draw(width: 10, height: 3) { Panel(title: "Air", focused: true).render(into: &$0, area: $1) }
        #expect(lines(canvas) == ["┏━ Air ━━┓", "┃        ┃", "┗━━━━━━━━┛"])
        #expect(canvas[0, 0].style.foreground == .focus)
        #expect(canvas[3, 0].style.foreground == .focus)
    }

    @Test func longTitleIsTruncatedAndTrailingShownWhenRoomy() {
        let narrow = draw(width: 12, height: 3) { Panel(title: "整改任务清单总表").render(into: &$0, area: $1) }
        #expect(lines(narrow)[0] == "┌─ 整改… ──┐")
        let wide = draw(width: 24, height: 3) { Panel(title: "Tasks", trailing: "19").render(into: &$0, area: $1) }
        #expect(lines(wide)[0] == "┌─ Tasks ───────── 19 ─┐")
    }

    /// A long title gives way to the trailing text (a task's status), up to half the border.
    @Test func longTitleIsCutToKeepTheTrailingTextWhole() {
        let task = draw(width: 40, height: 3) {
            Panel(title: "R10 重点工业园区“污水零直排区”建设", trailing: "✕ 已逾期 · 440天").render(into: &$0, area: $1)
        }
        #expect(lines(task)[0] == "┌─ R10 重点工业园… ─ ✕ 已逾期 · 440天 ─┐")
        // A trailing text longer than half the border is itself cut, the title keeps its half.
        let long = draw(width: 24, height: 3) {
            Panel(title: "Overdue tasks", trailing: "a very long trailing note").render(into: &$0, area: $1)
        }
        #expect(lines(long)[0] == "┌─ Overdue… ─ a very… ─┐")
        #expect(!Panel(title: "Overdue tasks", trailing: "a very long trailing note").titleFits(width: 24))
        #expect(Panel(title: "Tasks", trailing: "19").titleFits(width: 24))
    }

    @Test func drawsOnlyInsideItsArea() {
        var canvas = Canvas(width: 8, height: 4, fill: Cell(text: "x"))
        Panel(title: "").render(into: &canvas, area: Rect(x: 2, y: 1, width: 4, height: 2))
        #expect(lines(canvas) == ["xxxxxxxx", "xx┌──┐xx", "xx└──┘xx", "xxxxxxxx"])
    }
}
