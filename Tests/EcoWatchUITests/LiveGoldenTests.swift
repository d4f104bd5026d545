import Foundation
import Testing
import EcoWatchCore
@testable import EcoWatchUI

/// Whole-screen golden text of the duty console's live screens (the overview with live data,
/// a station, the alarms shift log) in both languages at 80×24 and 200×60: every line compared.
/// The goldens live in `Tests/EcoWatchUITests/Golden/`; `ECOWATCH_RECORD_GOLDEN=1` rewrites them
/// (then read the diff before committing).
@Suite struct LiveGoldenTests {
    static let now = OverviewNowTests.now
    static let golden = URL(fileURLWithPath: repositoryRoot).appendingPathComponent("Tests/EcoWatchUITests/Golden")

    static var live: LiveSnapshot {
        let base = OverviewNowTests.live(pm25: 60)
        return LiveSnapshot(taken: base.taken, stations: base.stations, alarms: AlarmsShiftLogTests.alarms, feed: base.feed)
    }

    static func history(_ station: Station) -> StationHistory {
        let starts = (0..<24).map { now - 3600 * Int64(24 - $0) }
        var series: [String: [Int64: SeriesPoint]] = [:]
        for code in station.codes {
            series[code] = Dictionary(uniqueKeysWithValues: starts.enumerated().compactMap { i, start in
                i == 7 ? nil : (start, SeriesPoint(start: start, count: 60, mean: (40 + Double((i * 13) % 50)) / station.particleScale,
                                                    low: 20, high: 90))
            })
        }
        return StationHistory(station: station, span: .day, starts: starts, series: series,
                              alarms: AlarmsShiftLogTests.alarms.filter { $0.mn == station.mn }, refusals: 2,
                              gapRequests: gapRequests(station), gapTotals: gapTotals, taken: now)
    }

    /// Two gaps asked back from the station: one still unanswered, one answered with 59 records.
    static func gapRequests(_ station: Station) -> [HistoryRequest] {
        [HistoryRequest(mn: station.mn, cn: .minute, begin: now - 1800, end: now - 1200, qn: "2", sent: now - 600),
         HistoryRequest(mn: station.mn, cn: .minute, begin: now - 7200, end: now - 3660, qn: "1", sent: now - 3000,
                        state: .done, finished: now - 2900, records: 59)]
    }

    static var gapTotals: HistoryRequestTotals {
        var totals = HistoryRequestTotals()
        totals.requests = 2
        totals.attempts = 2
        totals.done = 1
        totals.records = 59
        return totals
    }

    static func screen(_ view: String, _ language: Language, _ size: (Int, Int)) -> AppState {
        var s = state(asOf: "2026-11-29", language: language, size: size)
        s.shiftStart = now - 8 * 3600
        s.live = live
        switch view {
        case "station":
            let station = AlarmsShiftLogTests.air
            s.stack.append(.station(station.mn))
            _ = reduce(&s, .stationLoaded(history(station)))
        case "alarms":
            s.stack.append(.alarms)
        default:
            break
        }
        return s
    }

    static let cases: [(String, Language, (Int, Int))] = ["overview", "station", "alarms"].flatMap { view in
        [Language.zh, .en].flatMap { language in [(80, 24), (200, 60)].map { (view, language, $0) } }
    }

    @Test(arguments: 0..<cases.count)
    func theScreenMatchesItsGoldenLineByLine(index: Int) throws {
        let (view, language, size) = Self.cases[index]
        let name = "\(view)-\(language)-\(size.0)x\(size.1).txt"
        let text = lines(render(Self.screen(view, language, size))).map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
        let file = Self.golden.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["ECOWATCH_RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.golden, withIntermediateDirectories: true)
            try (text.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(text.count == expected.count, "\(name): \(text.count) lines, golden \(expected.count)")
        for (i, (line, want)) in zip(text, expected).enumerated() {
            #expect(line == want, "\(name) line \(i + 1)")
        }
    }
}
