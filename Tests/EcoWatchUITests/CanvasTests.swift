import Testing
import EcoWatchCore
@testable import EcoWatchUI

@Suite struct CanvasTests {
    @Test func wideCharacterCutByRightEdgeBecomesSpace() {
        var canvas = Canvas(width: 6, height: 1)
        canvas.put("北仑区", x: 0, y: 0, clip: Rect(x: 0, y: 0, width: 5, height: 1))
        #expect(lines(canvas) == ["北仑  "])
        #expect(canvas[4, 0].text == " ")
        #expect(canvas[4, 0].width == 1)
    }

    @Test func wideCharacterCutByLeftEdgeBecomesSpace() {
        var canvas = Canvas(width: 6, height: 1, fill: Cell(text: "x"))
        canvas.put("北仑区", x: 0, y: 0, clip: Rect(x: 1, y: 0, width: 5, height: 1))
        #expect(lines(canvas) == ["x 仑区"])
    }

    @Test func overwritingHalfAWideCharacterClearsTheOtherHalf() {
        var canvas = Canvas(width: 6, height: 1)
        canvas.put("宁波市", x: 0, y: 0)
        canvas.put("a", x: 3, y: 0)
        #expect(lines(canvas) == ["宁 a市"])
        canvas.fill(Rect(x: 5, y: 0, width: 1, height: 1))
        #expect(lines(canvas) == ["宁 a  "])
        for y in 0..<canvas.height {
            #expect(displayWidth(lines(canvas)[y]) == canvas.width)
        }
    }

    @Test func restyleKeepsText() {
        var canvas = Canvas(width: 4, height: 1)
        canvas.put("ab", x: 0, y: 0)
        canvas.restyle(Rect(x: 0, y: 0, width: 4, height: 1)) { $0.reverse = true }
        #expect(lines(canvas) == ["ab  "])
        #expect(canvas[0, 0].style.reverse && canvas[3, 0].style.reverse)
    }
}
