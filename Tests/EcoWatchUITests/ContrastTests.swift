import Foundation
import Testing
import EcoWatchCore
@testable import EcoWatchUI

/// WCAG 2 relative luminance of an sRGB colour.
func relativeLuminance(_ colour: ThemeColor) -> Double? {
    guard case let .rgb(r, g, b) = colour else { return nil }
    func linear(_ c: UInt8) -> Double {
        let v = Double(c) / 255
        return v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4)
    }
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// WCAG 2 contrast ratio (1 to 21) of two colours; nil when either is the terminal's own.
func contrastRatio(_ a: ThemeColor, _ b: ThemeColor) -> Double? {
    guard let la = relativeLuminance(a), let lb = relativeLuminance(b) else { return nil }
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

/// A colour as drawn: the slot of the ink, the slot it is drawn on.
struct DrawnPair: Hashable, CustomStringConvertible {
    let ink: StyleSlot
    let paper: StyleSlot
    var description: String { "\(ink.rawValue) on \(paper.rawValue)" }
}

/// Every colour the console draws as text, over the bundled themes' slots: the high-contrast
/// theme keeps each at 4.5:1 or better against what it is drawn on (WCAG AA), box lines at 3:1
/// (WCAG's non-text contrast). The pairs are collected from every screen as drawn, plus every
/// slot on the background (station lists draw AQI and water-class colours as text).
@Suite struct ContrastTests {
    static let themesDirectory = repositoryRoot + "/themes"

    static func theme(_ name: String) throws -> Theme {
        let path = themesDirectory + "/\(name).toml"
        return try Theme.load(toml: String(contentsOfFile: path, encoding: .utf8), file: path).theme
    }

    /// Box-drawing characters are lines, not text.
    static func isLine(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { (0x2500...0x257F).contains($0.value) }
    }

    /// The pairs drawn on every screen, in both languages, in the console and in meeting mode.
    static let drawn: (text: Set<DrawnPair>, lines: Set<DrawnPair>) = {
        var text = Set<DrawnPair>(), lines = Set<DrawnPair>()
        var states: [AppState] = []
        let views = ["overview", "district:beilun", "district:haishu", "indicator:pm25", "task:R10", "tasks", "overdue",
                     "stations", "alarms", "missed"]
        for language in Language.allCases {
            for asOf in ["2023-01-15", "2026-11-29"] {
                for view in views {
                    var s = state(asOf: asOf, language: language, size: (160, 48), route: Route(view: view, programme: sampleProgramme)!)
                    states.append(s)
                    s.kiosk = KioskState(playlist: [s.route], interval: 15)
                    states.append(s)
                }
                var help = state(asOf: asOf, language: language)
                help.showHelp = true
                states.append(help)
                var filtering = state(asOf: asOf, language: language, route: .tasks)
                filtering.editingFilter = true
                states.append(filtering)
                var message = state(asOf: asOf, language: language)
                message.message = "message"
                states.append(message)
                // The header with the live feed: stations, and an open alarm.
                for route in [Route.overview, .alarms] {
                    var live = state(asOf: asOf, language: language, route: route)
                    let alarm = Alarm(id: 1, mn: sampleProgramme.stations[0].mn, rule: .aqi, started: 100, amount: 180,
                                      cleared: nil, acknowledgedBy: nil, acknowledgedAt: nil)
                    _ = reduce(&live, .liveUpdated(LiveSnapshot(taken: 200, stations: [], alarms: [alarm], feed: FeedCounts())))
                    states.append(live)
                }
                // A store that does not answer: the header, and the kiosk strip.
                var failing = state(asOf: asOf, language: language)
                _ = reduce(&failing, .storeFailed(.unreachable, detail: "db: cannot reach the database server", at: 100))
                states.append(failing)
                failing.kiosk = KioskState(playlist: [.overview], interval: 15)
                states.append(failing)
                var paused = state(asOf: asOf, language: language)
                paused.kiosk = KioskState(playlist: [.overview], interval: 15)
                paused.kiosk?.paused = true
                states.append(paused)
            }
            var closing = state(asOf: "2023-01-01", language: language, size: (160, 48))
            closing.kiosk = KioskState(playlist: [.overview], interval: 1,
                                       replay: YearMonth(year: 2021, month: 1)!...YearMonth(year: 2022, month: 12)!)
            closing.kiosk?.replay?.month = YearMonth(year: 2022, month: 12)!
            closing.kiosk?.replay?.closing = true
            states.append(closing)
            var replaying = closing
            replaying.kiosk?.replay?.closing = false
            states.append(replaying)
        }
        for s in states {
            let canvas = render(s)
            for y in 0..<canvas.height {
                for x in 0..<canvas.width {
                    let cell = canvas[x, y]
                    guard !cell.text.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
                    let style = cell.style
                    let back = style.background ?? .background
                    let pair = style.reverse ? DrawnPair(ink: back, paper: style.foreground) : DrawnPair(ink: style.foreground, paper: back)
                    if isLine(cell.text) { lines.insert(pair) } else { text.insert(pair) }
                }
            }
        }
        // The header's live count is `good` on the bar when stations report (none do here).
        text.insert(DrawnPair(ink: .good, paper: .border))
        // Every slot but the paper itself may be drawn as text on the background.
        for slot in StyleSlot.allCases where slot != .background && slot != .border {
            text.insert(DrawnPair(ink: slot, paper: .background))
        }
        return (text, lines)
    }()

    @Test func theHighContrastThemeKeepsEveryTextAtAA() throws {
        let theme = try Self.theme("high-contrast")
        #expect(Self.drawn.text.count > 20)
        for pair in Self.drawn.text {
            let ratio = try #require(contrastRatio(theme[pair.ink], theme[pair.paper]), "\(pair)")
            #expect(ratio >= 4.5, "\(pair): \(theme[pair.ink]) on \(theme[pair.paper]) is \(ratio):1")
        }
        for pair in Self.drawn.lines {
            let ratio = try #require(contrastRatio(theme[pair.ink], theme[pair.paper]), "\(pair)")
            #expect(ratio >= 3, "\(pair) (lines): \(ratio):1")
        }
    }

    /// The official AQI colours too dark for black are drawn in a lighter variant of their hue,
    /// and the theme file says so.
    @Test func darkOfficialColoursAreLightenedInTheirOwnHue() throws {
        let theme = try Self.theme("high-contrast")
        let file = try String(contentsOfFile: Self.themesDirectory + "/high-contrast.toml", encoding: .utf8)
        for (slot, official) in [(StyleSlot.aqiHeavy, ThemeColor.rgb(0x99, 0x00, 0x4C)), (.aqiSevere, .rgb(0x7E, 0x00, 0x23))] {
            #expect(contrastRatio(official, .rgb(0, 0, 0))! < 4.5)
            #expect(theme[slot] != official)
            #expect(abs(hue(theme[slot]) - hue(official)) < 3, "\(slot): \(hue(theme[slot])) vs \(hue(official))")
            #expect(file.contains(official.description), "the file names the official \(official)")
        }
    }

    /// The figures docs/contrast.md records for every bundled theme are the ones the themes give.
    @Test func theDocumentedFiguresAreTheThemes() throws {
        let doc = try String(contentsOfFile: repositoryRoot + "/docs/contrast.md", encoding: .utf8)
        for name in ["default", "light", "high-contrast", "colorblind"] {
            let theme = try Self.theme(name)
            let pairs = Self.drawn.text.sorted { $0.description < $1.description }
            let worst = pairs.map { (pair: $0, ratio: contrastRatio(theme[$0.ink], theme[$0.paper])!) }.min { $0.ratio < $1.ratio }!
            let row = "| \(name) | \(String(format: "%.2f", worst.ratio)):1 | \(worst.pair) |"
            #expect(doc.contains(row), "docs/contrast.md lacks \(row)")
        }
    }

    func hue(_ colour: ThemeColor) -> Double {
        guard case let .rgb(r8, g8, b8) = colour else { return .nan }
        let r = Double(r8) / 255, g = Double(g8) / 255, b = Double(b8) / 255
        let high = max(r, g, b), low = min(r, g, b), c = high - low
        guard c > 0 else { return 0 }
        let h: Double = high == r ? (g - b) / c : high == g ? (b - r) / c + 2 : (r - g) / c + 4
        return (h * 60 + 360).truncatingRemainder(dividingBy: 360)
    }
}
