import Foundation
import Testing
import EcoWatchCore
import EcoWatchUI
@testable import EcoWatchTerminal

/// A clock the test moves by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var seconds: Int64
    init(_ seconds: Int64) { self.seconds = seconds }
    var now: Int64 { lock.withLock { seconds } }
    func advance(_ by: Int64) { lock.withLock { seconds += by } }
}

/// The run loop's policy (ConsoleRuntime) on a real SQLite store with a clock the test moves:
/// what a tick reads, what it reduces, and what it asks the loop to do.
@Suite struct ConsoleRuntimeTests {
    static let programme: Programme = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        do {
            return try DataSetLoader.load(directory: root.appendingPathComponent("sample-data"), displayPath: "sample-data")
        } catch {
            fatalError("the bundled sample data must load: \(error)")
        }
    }()

    struct Setup {
        let store: SQLiteStore
        let path: String
        let clock: TestClock
        let runtime: ConsoleRuntime
    }

    func setup(kiosk: KioskState? = nil, size: (Int, Int) = (120, 40), asOf: Day? = nil,
               themes: [String: [StyleSlot]] = [:]) throws -> Setup {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ecowatch-runtime-\(UUID().uuidString).sqlite").path
        let store = try SQLiteStore(path: path)
        try store.replaceProgramme(Self.programme)
        let clock = TestClock(1_795_900_000)
        var state = AppState(programme: Self.programme, asOf: asOf ?? Day.today(now: Date(timeIntervalSince1970: TimeInterval(clock.now))),
                             today: Day.today(now: Date(timeIntervalSince1970: TimeInterval(clock.now))), language: .en,
                             themeNames: ["default"] + themes.keys.sorted())
        state.kiosk = kiosk
        if let first = kiosk?.playlist.first { state.stack = [first] }
        let environment = ConsoleEnvironment(store: store, clock: { clock.now }, loadTheme: { name in
                                                 LoadedTheme(theme: Theme(name: name, colors: [:]), missingSlots: themes[name] ?? [])
                                             },
                                             operatorName: "night-shift", bellOnAlarm: true,
                                             exportDirectory: FileManager.default.temporaryDirectory.path)
        let runtime = ConsoleRuntime(state: state, theme: Theme(name: "t", colors: [:]), environment: environment)
        _ = runtime.handle(.resize(width: size.0, height: size.1))
        return Setup(store: store, path: path, clock: clock, runtime: runtime)
    }

    /// A theme that leaves slots to the default says so in the footer, the first time only.
    @Test func aThemesMissingSlotsAreReportedOnce() throws {
        let s = try setup(themes: ["partial": [.accent, .focus], "whole": []])
        defer { remove(s) }
        _ = s.runtime.handle(.key(.character("t")))
        #expect(s.runtime.state.themeName == "partial")
        #expect(s.runtime.state.message == "Theme partial has no colour for accent, focus; using the default theme's")
        _ = s.runtime.handle(.key(.character("t")))
        #expect(s.runtime.state.message == "Theme: whole")
        _ = s.runtime.handle(.key(.character("t")))
        _ = s.runtime.handle(.key(.character("t")))
        #expect(s.runtime.state.themeName == "partial")
        #expect(s.runtime.state.message == "Theme: partial", "reported once")
    }

    func remove(_ setup: Setup) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: setup.path + suffix) }
    }

    /// Ticks, as the loop does, until `condition` holds of the state after a tick and what that
    /// tick asked the loop to do (reads come back from off the loop on a later tick), or 20 s
    /// have passed; whether it held.
    func tick(_ runtime: ConsoleRuntime, until condition: (LoopCommand) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(20)
        while !condition(runtime.tick()) {
            guard Date() < deadline else { return false }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return true
    }

    func frame(_ mn: String, at time: Int64, pm25: Double) -> IngestFrame {
        IngestFrame(mn: mn, qn: "\(time)000", dataType: .realTime, readings: [
            Reading(mn: mn, code: "a34004", time: time, dataType: .realTime, value: pm25, flag: .normal),
        ])
    }

    /// `--demo` shares one connection between ingest and console: the console must see its own
    /// process's commits (PRAGMA data_version alone never moves for them).
    @Test func aCommitOnTheSameConnectionIsSeenOnTheNextTick() throws {
        let s = try setup()
        defer { remove(s) }
        #expect(s.runtime.state.live?.stations.filter { !$0.stale }.count == 0)
        let station = try #require(Self.programme.stations.first { $0.kind == .air })
        _ = try s.store.ingest([frame(station.mn, at: s.clock.now, pm25: 40)])
        #expect(tick(s.runtime) { _ in s.runtime.state.live?.status(mn: station.mn)?.stale == false })
        #expect(s.runtime.render().plainText.contains("live 1/\(Self.programme.stations.count)"))
        // Nothing new, the same second: nothing to draw (once the last poll has come back).
        #expect(tick(s.runtime) { $0 == .none })
        // A second commit moves it again.
        let other = try #require(Self.programme.stations.first { $0.kind == .air && $0.mn != station.mn })
        _ = try s.store.ingest([frame(other.mn, at: s.clock.now, pm25: 40)])
        #expect(tick(s.runtime) { _ in s.runtime.state.live?.stations.filter { !$0.stale }.count == 2 })
    }

    /// Staleness follows the injected clock, with no commit: a feed silent for three
    /// intervals stops counting as live.
    @Test func aSilentFeedGoesStaleByTheClock() throws {
        let s = try setup()
        defer { remove(s) }
        let station = try #require(Self.programme.stations.first { $0.kind == .air })
        _ = try s.store.ingest([frame(station.mn, at: s.clock.now, pm25: 40)])
        #expect(tick(s.runtime) { _ in s.runtime.state.live?.status(mn: station.mn)?.stale == false })
        s.clock.advance(3 * Int64(station.intervalSeconds) + 10)
        #expect(s.runtime.tick() == .redraw)
        #expect(s.runtime.state.live?.status(mn: station.mn)?.stale == true)
        #expect(s.runtime.render().plainText.contains("live 0/\(Self.programme.stations.count)"))
    }

    /// Meeting mode rotates by the clock's seconds, through `Action.tick`; keys pause and leave it.
    @Test func theKioskRotatesByTheInjectedClock() throws {
        let s = try setup(kiosk: KioskState(playlist: [.overview, .overdue], interval: 2))
        defer { remove(s) }
        s.clock.advance(1)
        _ = s.runtime.tick()
        #expect(s.runtime.state.route == .overview)
        s.clock.advance(1)
        #expect(s.runtime.tick() == .redraw)
        #expect(s.runtime.state.route == .overdue)
        _ = s.runtime.handle(.key(.character(" ")))
        s.clock.advance(5)
        _ = s.runtime.tick()
        #expect(s.runtime.state.route == .overdue)
        #expect(s.runtime.render().plainText.contains("paused"))
        _ = s.runtime.handle(.key(.escape))
        #expect(s.runtime.state.kiosk == nil)
        #expect(s.runtime.handle(.key(.character("q"))) == .quit)
    }

    /// Meeting mode with no playlist tours every view by the injected clock; `t` and `L` change
    /// the theme and the language while the tour goes on; another key pauses it.
    @Test func theDefaultTourGoesOnWhileThemeAndLanguageChange() throws {
        let today = Day.today(now: Date(timeIntervalSince1970: 1_795_900_000))
        let snapshot = DashboardSnapshot(programme: Self.programme, evaluator: IndicatorEvaluator(programme: Self.programme), asOf: today)
        let tour = KioskState.tour(snapshot, programme: Self.programme)
        let s = try setup(kiosk: KioskState(playlist: tour, interval: 2), size: (100, 30), themes: ["high-contrast": []])
        defer { remove(s) }
        #expect(tour.count == 4 + Self.programme.districts.count)
        s.clock.advance(2)
        _ = s.runtime.tick()
        #expect(s.runtime.state.route == .overdue)
        _ = s.runtime.handle(.key(.character("t")))
        _ = s.runtime.handle(.key(.character("L")))
        #expect(s.runtime.state.themeName == "high-contrast" && s.runtime.state.language == .zh)
        #expect(s.runtime.state.kiosk?.paused == false)
        s.clock.advance(2)
        #expect(s.runtime.tick() == .redraw)
        #expect(s.runtime.state.route == tour[2])
        #expect(s.runtime.render().plainText.contains("3/\(tour.count)"))
        _ = s.runtime.handle(.key(.character("x")))
        s.clock.advance(10)
        _ = s.runtime.tick()
        #expect(s.runtime.state.route == tour[2])
        #expect(s.runtime.render().plainText.contains("已暂停"))
    }

    /// A replay steps a month a second here, then holds its closing frame by the clock until a
    /// key tells the story again.
    @Test func aReplayHoldsItsClosingFrameUntilAKey() throws {
        let months = YearMonth(year: 2022, month: 11)!...YearMonth(year: 2022, month: 12)!
        let s = try setup(kiosk: KioskState(playlist: [.overview], interval: 1, replay: months), size: (100, 30),
                          asOf: KioskState.asOf(replaying: months.lowerBound))
        defer { remove(s) }
        #expect(s.runtime.render().plainText.contains(" 2022-11 "))
        s.clock.advance(1)
        _ = s.runtime.tick()
        #expect(s.runtime.render().plainText.contains(" 2022-12 "))
        s.clock.advance(1)
        _ = s.runtime.tick()
        let closing = s.runtime.render().plainText
        #expect(closing.contains("end of replay · 2022-11 → 2022-12"))
        s.clock.advance(300)
        _ = s.runtime.tick()
        #expect(s.runtime.render().plainText == closing)
        _ = s.runtime.handle(.key(.character(" ")))
        #expect(s.runtime.state.kiosk?.replay?.closing == false)
        #expect(s.runtime.state.asOf == Day(iso: "2022-12-01"))
        #expect(s.runtime.render().plainText.contains(" 2022-11 "))
    }

    /// Acknowledging runs off the loop: `handle` returns at once, and a later tick brings the
    /// result (the message, and the alarm marked acknowledged from the store).
    @Test func acknowledgingDoesNotBlockAndComesBackOnATick() throws {
        let s = try setup()
        defer { remove(s) }
        let station = try #require(Self.programme.stations.first { $0.kind == .air })
        try s.store.raiseAlarm(NewAlarm(mn: station.mn, rule: .aqi, started: s.clock.now, amount: 150))
        // A new alarm, and the bell was asked for.
        #expect(tick(s.runtime) { $0 == .bell })
        _ = s.runtime.handle(.key(.character("!")))
        #expect(s.runtime.state.route == .alarms)
        #expect(s.runtime.handle(.key(.character("a"))) == .redraw)
        let deadline = Date().addingTimeInterval(10)
        while s.runtime.state.live?.alarms.first?.acknowledgedBy == nil || s.runtime.state.message == nil, Date() < deadline {
            _ = s.runtime.tick()
            Thread.sleep(forTimeInterval: 0.01)
        }
        #expect(s.runtime.state.live?.alarms.first?.acknowledgedBy == "night-shift")
        #expect(s.runtime.state.message?.contains("night-shift") == true)
    }

    /// Opening a station reads its history from the roll-ups through the runtime's store.
    @Test func openingAStationReadsItsHistory() throws {
        let s = try setup(size: (120, 40))
        defer { remove(s) }
        let station = try #require(Self.programme.stations.first { $0.kind == .air && $0.particleScale == 1 })
        _ = try s.store.ingest([frame(station.mn, at: s.clock.now - 600, pm25: 40)])
        _ = s.runtime.dispatch(.go(.station(station.mn)))
        #expect(tick(s.runtime) { _ in s.runtime.state.stationHistory != nil && s.runtime.state.live?.status(mn: station.mn)?.lastSeen != nil })
        let history = try #require(s.runtime.state.stationHistory)
        #expect(history.station.mn == station.mn && history.span == .day)
        #expect(history.means("a34004").compactMap { $0 } == [40])
        #expect(s.runtime.render().plainText.contains("40 µg/m³"))
    }

    /// A database file taken away from under the console (moved, deleted, replaced) would be
    /// read on as it was, showing no commit ever again: the header says the database cannot be
    /// read, keys go on working, and when the file is back the header clears and what was
    /// committed meanwhile shows.
    @Test func aDatabaseFileTakenAwayIsSaidAndItsReturnReadsWhatCameMeanwhile() throws {
        let s = try setup(size: (80, 24))
        defer { remove(s) }
        let station = try #require(Self.programme.stations.first { $0.kind == .air })
        let away = s.path + ".away"
        try FileManager.default.moveItem(atPath: s.path, toPath: away)
        defer { try? FileManager.default.removeItem(atPath: away) }
        #expect(tick(s.runtime) { _ in s.runtime.render().plainText.hasPrefix(" EcoWatch Ningbo  ⚠ database unreadable since ") })
        #expect(s.runtime.state.message?.contains("the database file was removed or replaced") == true)
        _ = s.runtime.handle(.key(.character("?")))
        #expect(s.runtime.state.showHelp)
        _ = s.runtime.handle(.key(.escape))
        // Committed meanwhile (the file is the same one, elsewhere).
        _ = try s.store.ingest([frame(station.mn, at: s.clock.now, pm25: 40)])
        try FileManager.default.moveItem(atPath: away, toPath: s.path)
        #expect(tick(s.runtime) { _ in s.runtime.state.storeHealth == .answering })
        #expect(tick(s.runtime) { _ in s.runtime.state.live?.status(mn: station.mn)?.stale == false })
        let header = s.runtime.render().plainText.prefix { $0 != "\n" }
        #expect(!header.contains("⚠") && header.contains("live 1/\(Self.programme.stations.count)"), "\(header)")
    }

    /// A read that ends between two ticks wakes the loop, and `wake()` takes its result then:
    /// one tick to notice the commit, none more to show it.
    @Test func aReadsResultIsTakenWhenItEndsNotOnTheNextTick() throws {
        let s = try setup()
        defer { remove(s) }
        let wakeup = try #require(s.runtime.wakeup)
        let station = try #require(Self.programme.stations.first { $0.kind == .air })
        // The first token, and the read it brings, out of the way.
        _ = s.runtime.wake()
        _ = s.runtime.tick()
        #expect(Self.readable(wakeup.descriptor, seconds: 20))
        _ = s.runtime.wake()
        _ = try s.store.ingest([frame(station.mn, at: s.clock.now, pm25: 40)])
        _ = s.runtime.tick()   // polls: the token moved, so a read starts off the loop
        #expect(Self.readable(wakeup.descriptor, seconds: 20), "the read's end wakes the loop")
        #expect(s.runtime.wake() == .redraw)
        #expect(s.runtime.state.live?.status(mn: station.mn)?.stale == false)
    }

    /// Whether `descriptor` becomes readable within `seconds`.
    static func readable(_ descriptor: Int32, seconds: Int32) -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, seconds * 1000) == 1
    }

    /// Drawing never changes the state; the size comes as an event.
    @Test func renderingDoesNotReduce() throws {
        let s = try setup(size: (80, 24))
        let canvas = s.runtime.render()
        #expect(canvas.width == 80 && canvas.height == 24)
        _ = s.runtime.handle(.resize(width: 100, height: 30))
        #expect(s.runtime.render().width == 100)
        remove(s)
    }
}
