import Testing
import EcoWatchCore
@testable import EcoWatchUI

@Suite struct TextFitTests {
    @Test func chineseIsTwoColumnsWide() {
        #expect(displayWidth("宁波") == 4)
        #expect(displayWidth("PM2.5 宁波") == 10)
        for glyph in ["✓", "▲", "✕", "—", "○", "…", "─", "━", "▁", "█", "⣿", "╌", "┊"] {
            #expect(displayWidth(glyph) == 1, "\(glyph)")
        }
    }

    @Test func truncatesByDisplayWidthWithEllipsis() {
        #expect(truncated("Beilun", toWidth: 10) == "Beilun")
        #expect(truncated("Beilun District", toWidth: 8) == "Beilun …")
        #expect(truncated("宁波市生态", toWidth: 6) == "宁波…")   // 市 would not fit whole
        #expect(truncated("宁波市生态", toWidth: 7) == "宁波市…")
        #expect(truncated("宁波市生态", toWidth: 10) == "宁波市生态")
        #expect(truncated("宁波", toWidth: 1) == "…")
        #expect(truncated("宁波", toWidth: 0) == "")
    }

    @Test func padsByDisplayWidth() {
        #expect(padded("北仑", toWidth: 6) == "北仑  ")
        #expect(padded("北仑", toWidth: 6, alignment: .right) == "  北仑")
        #expect(padded("北仑", toWidth: 7, alignment: .center) == " 北仑  ")
        #expect(padded("宁波市生态", toWidth: 6) == "宁波… ")
        for width in 0...12 {
            #expect(displayWidth(padded("宁波 Ningbo", toWidth: width, alignment: .center)) == width)
        }
    }

    @Test func textLineAlignsAndTruncatesSpans() {
        let line = TextLine([Span("PM2.5 "), Span("超标", style: Style(.bad))])
        #expect(trimmedLines(draw(width: 12, height: 1) { line.render(into: &$0, area: $1) }) == ["PM2.5 超标"])
        #expect(lines(draw(width: 9, height: 1) { line.render(into: &$0, area: $1) }) == ["PM2.5 超…"])
        #expect(lines(draw(width: 8, height: 1) { line.render(into: &$0, area: $1) }) == ["PM2.5 … "])
        let right = TextLine("北仑", alignment: .right)
        #expect(lines(draw(width: 6, height: 1) { right.render(into: &$0, area: $1) }) == ["  北仑"])
        let centred = Label("Air", alignment: .center)
        #expect(lines(draw(width: 7, height: 1) { centred.render(into: &$0, area: $1) }) == ["  Air  "])
    }
}
