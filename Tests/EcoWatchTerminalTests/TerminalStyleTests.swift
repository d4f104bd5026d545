import EcoWatchUI
import Testing
@testable import EcoWatchTerminal

@Suite("TerminalStyle")
struct TerminalStyleTests {
    private let palette = Palette(colours: [
        .background: RGB(hex: "#000000"), .text: RGB(hex: "#ffffff"), .bad: RGB(hex: "#ff0000"),
        .focus: RGB(hex: "#ffaf00"), .muted: nil,
    ])

    @Test func coloursFromSlotsWithThePaletteBackground() {
        let look = TerminalStyle(Style(.bad), palette: palette, depth: .ansi256)
        #expect(look.foreground == 196)
        #expect(look.background == 16)
        #expect(!look.bold)
    }

    @Test func ownBackgroundSlotAndDefaultColours() {
        let look = TerminalStyle(Style(.text, background: .focus), palette: palette, depth: .ansi256)
        #expect(look.background == 214)
        #expect(TerminalStyle(Style(.muted), palette: palette, depth: .ansi256).foreground == -1)
        #expect(TerminalStyle(Style(.warn), palette: palette, depth: .ansi256).foreground == -1) // slot missing
    }

    @Test func monochromeKeepsMeaningWithAttributes() {
        let bad = TerminalStyle(Style(.bad), palette: palette, depth: .monochrome)
        #expect(bad.bold && bad.foreground == -1 && bad.background == -1)
        #expect(TerminalStyle(Style(.aqiSevere), palette: palette, depth: .monochrome).bold)
        #expect(TerminalStyle(Style(.muted), palette: palette, depth: .monochrome).dim)
        let plain = TerminalStyle(Style(.text), palette: palette, depth: .monochrome)
        #expect(!plain.bold && !plain.dim && !plain.reverse)
        #expect(TerminalStyle(Style(.text, background: .focus), palette: palette, depth: .monochrome).reverse)
        #expect(TerminalStyle(Style(.text, underline: true), palette: palette, depth: .monochrome).underline)
    }

    @Test func aThemesOwnColourIsNotDimmed() {
        // Dim would darken the theme's checked contrast; the terminal's default colour keeps it.
        #expect(!TerminalStyle(Style(.bad, dim: true), palette: palette, depth: .ansi256).dim)
        #expect(!TerminalStyle(Style(.bad, dim: true), palette: palette, depth: .trueColour).dim)
        #expect(TerminalStyle(Style(.muted, dim: true), palette: palette, depth: .ansi256).dim)
        #expect(TerminalStyle(Style(.bad, dim: true), palette: palette, depth: .monochrome).dim)
    }
}
