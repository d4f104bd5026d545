import EcoWatchCore
import Testing
@testable import EcoWatchUI

@Suite struct SparklineTests {
    @Test func barsScaleToTheSeriesWithGaps() {
        let spark = Sparkline([1, 2, 3, 4, 5, 6, 7, 8, nil, 8], minimum: 0)
        #expect(lines(draw(width: 10, height: 1) { spark.render(into: &$0, area: $1) }) == ["▁▂▃▄▅▆▇█ █"])
    }

    @Test func showsTheNewestValuesAndRightAligns() {
        let spark = Sparkline([1, 2, 3, 4], minimum: 0, maximum: 4)
        #expect(lines(draw(width: 2, height: 1) { spark.render(into: &$0, area: $1) }) == ["▆█"])
        #expect(lines(draw(width: 6, height: 1) { spark.render(into: &$0, area: $1) }) == ["  ▂▄▆█"])
    }

    @Test func fixedRangeClampsAndFlatSeriesSitsMidway() {
        let clamped = Sparkline([-5, 50, 500], minimum: 0, maximum: 100)
        #expect(lines(draw(width: 3, height: 1) { clamped.render(into: &$0, area: $1) }) == ["▁▄█"])
        let flat = Sparkline([3, 3, 3])
        #expect(lines(draw(width: 3, height: 1) { flat.render(into: &$0, area: $1) }) == ["▄▄▄"])
    }

    @Test func twoRowsHigh() {
        let spark = Sparkline([0, 8, 16], minimum: 0, maximum: 16)
        #expect(lines(draw(width: 3, height: 2) { spark.render(into: &$0, area: $1) }) == ["  █", "▁██"])
    }
}

@Suite struct GaugeTests {
    @Test func barInEighthsWithPercentage() {
        #expect(lines(draw(width: 14, height: 1) { Gauge(percent: 50).render(into: &$0, area: $1) })
                == ["█████░░░░░ 50%"])
        #expect(lines(draw(width: 14, height: 1) { Gauge(percent: 73).render(into: &$0, area: $1) })
                == ["███████▎░░ 73%"])
        #expect(lines(draw(width: 14, height: 1) { Gauge(percent: 120, label: "超额").render(into: &$0, area: $1) })
                == ["█████████ 超额"])
        #expect(Gauge.bar(percent: 0, width: 4) == ("", "░░░░"))
        #expect(Gauge.bar(percent: .nan, width: 2) == ("", "░░"))
    }

    @Test func tooNarrowForTheLabelShowsTheBarOnly() {
        #expect(lines(draw(width: 3, height: 1) { Gauge(percent: 100).render(into: &$0, area: $1) }) == ["███"])
    }
}

@Suite struct StatusGlyphTests {
    @Test func everyStatusHasAGlyphAndASlot() {
        #expect(StatusMark.met.glyph == "✓" && StatusMark.met.slot == .good)
        #expect(StatusMark.atRisk.glyph == "▲" && StatusMark.atRisk.slot == .warn)
        #expect(StatusMark.missed.glyph == "✗" && StatusMark.missed.slot == .bad)
        #expect(StatusMark.overdue.glyph == "✕" && StatusMark.overdue.slot == .bad)
        #expect(StatusMark.notApplicable.glyph == "—" && StatusMark.notApplicable.slot == .na)
        #expect(StatusMark.done.glyph == "●" && StatusMark.doneLate.glyph == "◐" && StatusMark.doneLate.slot == .warn)
        #expect(StatusMark.metLate.glyph == "☑" && StatusMark.metLate.slot == .warn)
        #expect(StatusMark.notByDistrict.slot == .na && StatusMark.noData.slot == .na)
        for mark in StatusMark.allCases {
            #expect(displayWidth(mark.glyph) == 1)
            #expect(!mark.name.zh.isEmpty && !mark.name.en.isEmpty)
        }
    }

    @Test func glyphWithName() {
        let zh = draw(width: 8, height: 1) { StatusGlyph(.overdue, language: .zh).render(into: &$0, area: $1) }
        #expect(lines(zh) == ["✕ 已逾期"])
        #expect(zh[0, 0].style.foreground == .bad && zh[0, 0].style.bold)
        let en = draw(width: 8, height: 1) { StatusGlyph(.notApplicable, language: .en).render(into: &$0, area: $1) }
        #expect(lines(en) == ["— not a…"])
        let bare = draw(width: 2, height: 1) { StatusGlyph(.atRisk).render(into: &$0, area: $1) }
        #expect(lines(bare) == ["▲ "])
    }
}

@Suite struct BigDigitsTests {
    @Test func threeRowsHigh() {
        let big = BigDigits("92.5%")
        #expect(big.lines == [
            "█▀█ ▀▀█   █▀▀ ▀ █",
            "▀▀█ █▀▀   ▀▀█ ▄▀ ",
            "▀▀▀ ▀▀▀ ▀ ▀▀▀ ▀ ▀",
        ])
        #expect(big.width == 17)
    }

    @Test func fiveRowsHighIsTwoColumnsAPixel() {
        let big = BigDigits("1/", size: .five)
        #expect(big.lines == [
            "  ██        ██",
            "████        ██",
            "  ██      ██  ",
            "  ██    ██    ",
            "██████  ██    ",
        ])
    }

    @Test func alignsAndClips() {
        let right = draw(width: 9, height: 3) { BigDigits("7", alignment: .right).render(into: &$0, area: $1) }
        #expect(lines(right) == ["      ▀▀█", "       ▄▀", "       ▀ "])
        let clipped = draw(width: 5, height: 2) { BigDigits("10").render(into: &$0, area: $1) }
        #expect(lines(clipped) == ["▄█  █", " █  █"])
    }
}

@Suite struct ModalTests {
    @Test func centredOverContent() {
        var canvas = Canvas(width: 16, height: 7, fill: Cell(text: "."))
        let modal = Modal(title: "帮助", lines: [TextLine("q  退出")], footer: "")
        let box = modal.render(into: &canvas, area: canvas.bounds)
        #expect(box == Rect(x: 2, y: 2, width: 11, height: 3))
        #expect(lines(canvas) == [
            "................",
            "................",
            "..┏━ 帮助 ━━┓...",
            "..┃ q  退出 ┃...",
            "..┗━━━━━━━━━┛...",
            "................",
            "................",
        ])
    }

    @Test func shrinksToTheAreaAndShowsFooter() {
        let modal = Modal(title: "Help", lines: (1...6).map { TextLine("line \($0) of the help text") },
                          footer: "Press any key")
        let canvas = draw(width: 20, height: 6) { modal.render(into: &$0, area: $1) }
        #expect(lines(canvas) == [
            "┏━ Help ━━━━━━━━━━━┓",
            "┃ line 1 of the h… ┃",
            "┃ line 2 of the h… ┃",
            "┃ line 3 of the h… ┃",
            "┃  Press any key   ┃",
            "┗━━━━━━━━━━━━━━━━━━┛",
        ])
    }
}

@Suite struct BreadcrumbAndKeyHintsTests {
    @Test func breadcrumbDropsLeadingStepsFirst() {
        let crumb = Breadcrumb(["宁波市", "北仑区", "PM2.5"])
        #expect(trimmedLines(draw(width: 30, height: 1) { crumb.render(into: &$0, area: $1) })
                == ["宁波市 › 北仑区 › PM2.5"])
        #expect(trimmedLines(draw(width: 20, height: 1) { crumb.render(into: &$0, area: $1) })
                == ["… › 北仑区 › PM2.5"])
        #expect(trimmedLines(draw(width: 10, height: 1) { crumb.render(into: &$0, area: $1) })
                == ["… › PM2.5"])
        #expect(trimmedLines(draw(width: 4, height: 1) { crumb.render(into: &$0, area: $1) }) == ["PM2…"])
        let canvas = draw(width: 30, height: 1) { crumb.render(into: &$0, area: $1) }
        #expect(canvas[18, 0].style.bold && !canvas[0, 0].style.bold)
    }

    @Test func keyHintsDropWholeHints() {
        let hints = KeyHints([.init("q", "退出"), .init("?", "帮助"), .init("/", "筛选")])
        #expect(trimmedLines(draw(width: 30, height: 1) { hints.render(into: &$0, area: $1) })
                == ["q 退出  ? 帮助  / 筛选"])
        #expect(trimmedLines(draw(width: 14, height: 1) { hints.render(into: &$0, area: $1) })
                == ["q 退出  ? 帮助"])
        #expect(trimmedLines(draw(width: 13, height: 1) { hints.render(into: &$0, area: $1) }) == ["q 退出"])
        let canvas = draw(width: 30, height: 1) { hints.render(into: &$0, area: $1) }
        #expect(canvas[0, 0].style == Style(.accent, bold: true))
        #expect(canvas[2, 0].style.foreground == .muted)
    }
}

@Suite struct StringsTests {
    @Test func helpCoversEveryKeyInBothLanguages() {
        for binding in KeyMap.help {
            #expect(!binding.label.isEmpty && !binding.help.zh.isEmpty && !binding.help.en.isEmpty)
        }
        #expect(Strings.paneWaste[.zh] == "固废·土壤")
        #expect(Strings.enlargeWindow(width: 60, height: 20, minWidth: 80, minHeight: 24)[.en]
                == "Window too small (60×20): enlarge it to at least 80×24")
    }
}
