import Testing
import EcoWatchCore
@testable import EcoWatchUI

/// The station screen's gaps: the history requests the ingest service sent the station, summed,
/// and the latest ones with their span, state and readings recovered, beside its alarms.
@Suite struct StationGapsTests {
    static let now = LiveGoldenTests.now

    static func screen(_ language: Language, _ size: (Int, Int), requests: Bool = true) -> [String] {
        var s = LiveGoldenTests.screen("station", language, size)
        if !requests, let h = s.stationHistory {
            _ = reduce(&s, .stationLoaded(StationHistory(station: h.station, span: h.span, starts: h.starts, series: h.series,
                                                         alarms: h.alarms, refusals: h.refusals, taken: h.taken)))
        }
        return lines(render(s))
    }

    static func span(_ begin: Int64, _ end: Int64) -> String {
        String(formatMoment(begin).dropFirst(5)) + "–" + String(formatMoment(end).dropFirst(11))
    }

    @Test func theTotalsAndTheLatestRequestsShowBesideTheAlarms() {
        let text = Self.screen(.en, (200, 60)).joined(separator: "\n")
        #expect(text.contains("gaps: requested 2 · answered 1 · 59 readings recovered"))
        #expect(text.contains("↺ " + Self.span(Self.now - 1800, Self.now - 1200) + " sent · 0 recovered"))
        #expect(text.contains("↺ " + Self.span(Self.now - 7200, Self.now - 3660) + " done · 59 recovered"))
        #expect(text.contains("AQI > 100 AQI 132"))

        let zh = Self.screen(.zh, (200, 60)).joined(separator: "\n")
        #expect(zh.contains("补传：请求 2 · 已应答 1 · 补回 59 个读数"))
        #expect(zh.contains("↺ " + Self.span(Self.now - 7200, Self.now - 3660) + " 已完成 · 补回 59 个读数"))
    }

    /// The pane is 34 columns and 4 lines: the totals in short, whole (readings recovered too),
    /// then the newest request (its readings as a number) and the newest alarm.
    @Test func atEightyByTwentyFourTheTotalsTheNewestRequestAndAnAlarmStillShow() {
        let text = Self.screen(.en, (80, 24)).joined(separator: "\n")
        #expect(text.contains("│gaps 2 · answered 1 · 59 recovered│"))
        #expect(text.contains("↺ " + Self.span(Self.now - 1800, Self.now - 1200) + " sent · 0 "))
        #expect(text.contains("! 11-29"))
        let zh = Self.screen(.zh, (80, 24)).joined(separator: "\n")
        #expect(zh.contains("补传 2 · 已应答 1 · 补回 59 读数"))
        #expect(!zh.contains("…│"))
    }

    @Test func aStationNeverAskedSaysSo() {
        let text = Self.screen(.en, (200, 60), requests: false).joined(separator: "\n")
        #expect(text.contains("no gaps requested"))
        #expect(!text.contains("↺"))
    }
}
