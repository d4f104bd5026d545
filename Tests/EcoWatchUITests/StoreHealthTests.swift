import Testing
import EcoWatchCore
@testable import EcoWatchUI

/// A store that stops answering: the state keeps since when, the header says so in both
/// languages at every size (and the kiosk strip too), and the first answer clears it and reads
/// the station on screen again.
@Suite struct StoreHealthTests {
    /// 2026-11-29 05:06:40 in Ningbo.
    static let now: Int64 = 1_795_900_000
    static let detail = "postgresql://ecowatch@db.example:5432/ecowatch: cannot reach the database server (connection refused); is it running, and are host and port right?"

    func liveState(_ language: Language, size: (Int, Int) = (80, 24), route: Route = .overview) -> AppState {
        var s = state(asOf: "2026-11-29", language: language, size: size, route: route)
        _ = reduce(&s, .tick(now: Self.now))
        let stations = sampleProgramme.stations.map { StationStatus(station: $0, latest: [], lastSeen: Self.now - 30, now: Self.now) }
        _ = reduce(&s, .liveUpdated(LiveSnapshot(taken: Self.now, stations: stations, alarms: [], feed: FeedCounts())))
        return s
    }

    @Test func aFailureIsKeptWithItsBeginningAndSaidOnce() {
        var s = liveState(.en)
        #expect(s.storeHealth == .answering)
        _ = reduce(&s, .storeFailed(.unreachable, detail: Self.detail, at: Self.now))
        #expect(s.storeHealth == .failing(since: Self.now, fault: .unreachable, detail: Self.detail))
        #expect(s.message == Self.detail)
        // A key clears the footer; the same fault met again by the next polls does not bring it back.
        send(keys("s"), to: &s)
        #expect(s.message == nil)
        _ = reduce(&s, .storeFailed(.unreachable, detail: "another wording", at: Self.now + 5))
        #expect(s.storeHealth == .failing(since: Self.now, fault: .unreachable, detail: Self.detail))
        #expect(s.message == nil)
        // Another kind of fault is news: said, and the spell still began when it began.
        _ = reduce(&s, .storeFailed(.unreadable, detail: "gone", at: Self.now + 9))
        #expect(s.storeHealth == .failing(since: Self.now, fault: .unreadable, detail: "gone"))
        #expect(s.message == "gone")
    }

    @Test func theHeaderSaysItAtEightyColumnsAndLargeInBothLanguages() {
        let expected: [Language: String] = [.en: "⚠ database unreachable since 05:06", .zh: "⚠ 数据库连接中断 自05:06"]
        for language in [Language.en, .zh] {
            for size in [(80, 24), (200, 60)] {
                var s = liveState(language, size: size)
                let before = lines(render(s))[0]
                #expect(before.contains(language == .en ? "live 45/45" : "在线 45/45"), "\(before)")
                _ = reduce(&s, .storeFailed(.unreachable, detail: Self.detail, at: Self.now))
                let header = lines(render(s))[0]
                #expect(header.contains(expected[language]!), "\(language) \(size): \(header)")
                // The live count is of the last read, not of the stations now: not shown meanwhile.
                #expect(!header.contains("45/45"), "\(language) \(size): \(header)")
                #expect(lines(render(s)).last!.contains("cannot reach the database server") || size.0 < Self.detail.count)
                _ = reduce(&s, .storeAnswered)
                #expect(lines(render(s))[0] == before, "\(language) \(size)")
                #expect(s.message == nil)
            }
        }
    }

    @Test func eachFaultHasItsWordsAndAnOutageFromAnotherDayShowsTheDay() {
        var s = liveState(.en, size: (120, 30))
        _ = reduce(&s, .storeFailed(.locked, detail: "locked", at: Self.now - 60))
        #expect(lines(render(s))[0].contains("⚠ database locked since 05:05"))
        _ = reduce(&s, .storeFailed(.unreadable, detail: "gone", at: Self.now))
        #expect(lines(render(s))[0].contains("⚠ database unreadable since 05:05"))
        _ = reduce(&s, .storeAnswered)
        _ = reduce(&s, .storeFailed(.unreachable, detail: Self.detail, at: Self.now - 86_400))
        #expect(lines(render(s))[0].contains("⚠ database unreachable since 2026-11-28 05:06"))
        s.language = .zh
        #expect(lines(render(s))[0].contains("⚠ 数据库连接中断 自2026-11-28 05:06"))
    }

    @Test func keysStillWorkWhileTheStoreFails() {
        var s = liveState(.en)
        _ = reduce(&s, .storeFailed(.unreachable, detail: Self.detail, at: Self.now))
        send(keys("?"), to: &s)
        #expect(s.showHelp)
        send(.escape, to: &s)
        send(keys("o"), to: &s)
        #expect(s.route == .overdue)
        #expect(lines(render(s))[0].contains("⚠ database unreachable"))
    }

    /// What came meanwhile is missing from the station on screen: the answer reads it again.
    @Test func theAnswerReadsTheStationOnScreenAgain() {
        let mn = sampleProgramme.stations[0].mn
        var s = liveState(.en, route: .station(mn))
        #expect(reduce(&s, .storeAnswered) == [], "answering already: nothing to do")
        _ = reduce(&s, .storeFailed(.unreachable, detail: Self.detail, at: Self.now))
        // Its charts, never read, say why rather than "Loading…".
        #expect(lines(render(s)).contains { $0.contains("⚠ DB offline") })
        #expect(!lines(render(s)).contains { $0.contains("Loading…") })
        #expect(reduce(&s, .storeAnswered) == [.loadStation(mn: mn, span: .day)])
        #expect(lines(render(s)).contains { $0.contains("Loading…") })
        #expect(s.storeHealth == .answering)
        var overview = liveState(.en)
        _ = reduce(&overview, .storeFailed(.unreachable, detail: Self.detail, at: Self.now))
        #expect(reduce(&overview, .storeAnswered) == [])
    }

    /// The answer that ends an outage may be the station's own history, read during it: that is
    /// shown, and not read a second time at once. One read before the outage is.
    @Test func aStationReadThatEndsAnOutageIsNotReadAgain() {
        let station = sampleProgramme.stations[0]
        func history(taken: Int64) -> StationHistory {
            StationHistory(station: station, span: .day, starts: [0, 3600], series: [:], alarms: [], refusals: 0, taken: taken)
        }
        var s = liveState(.en, route: .station(station.mn))
        _ = reduce(&s, .stationLoaded(history(taken: Self.now - 10)))
        _ = reduce(&s, .storeFailed(.unreachable, detail: Self.detail, at: Self.now))
        _ = reduce(&s, .stationLoaded(history(taken: Self.now + 5)))
        #expect(reduce(&s, .storeAnswered) == [])
        #expect(s.stationHistory?.taken == Self.now + 5 && s.storeHealth == .answering)
        _ = reduce(&s, .storeFailed(.unreachable, detail: Self.detail, at: Self.now + 20))
        #expect(reduce(&s, .storeAnswered) == [.loadStation(mn: station.mn, span: .day)], "read before the outage: read again")
    }

    /// A footer message of the user's own (an export) is not taken away by the answer.
    @Test func theAnswerClearsOnlyItsOwnMessage() {
        var s = liveState(.en)
        _ = reduce(&s, .storeFailed(.unreachable, detail: Self.detail, at: Self.now))
        _ = reduce(&s, .say("Exported to exports/overdue.csv"))
        _ = reduce(&s, .storeAnswered)
        #expect(s.message == "Exported to exports/overdue.csv")
    }

    @Test func theKioskStripSaysItShort() {
        for (language, text) in [(Language.en, "⚠ DB offline"), (.zh, "⚠ 数据库断开")] {
            for size in [(80, 24), (200, 60)] {
                var s = liveState(language, size: size)
                s.kiosk = KioskState(playlist: [.overview], interval: 15)
                #expect(!lines(render(s)).joined().contains(text))
                _ = reduce(&s, .storeFailed(.unreachable, detail: Self.detail, at: Self.now))
                let strip = lines(render(s)).prefix(KioskStrip.height(width: size.0, height: size.1))
                #expect(strip.contains { $0.hasSuffix(text + " ") }, "\(language) \(size): \(strip.joined(separator: "\n"))")
            }
        }
    }

    @Test func everyErrorHasAFault() {
        #expect(StoreFault(StoreError.unreachable(location: "x", message: "y")) == .unreachable)
        #expect(StoreFault(StoreError.locked(path: "x")) == .locked)
        #expect(StoreFault(StoreError.sqlite(path: "x", message: "gone")) == .unreadable)
        #expect(StoreFault(StoreError.server(location: "x", message: "y")) == .unreadable)
        #expect(StoreFault(CancellationError()) == .unreadable)
    }
}
