import Foundation
import Testing
import EcoWatchCore
import EcoWatchPostgres
import EcoWatchUI
import PostgresTestSupport
@testable import EcoWatchTerminal

/// The console's start on a real PostgreSQL server: the first frame does not wait for the
/// connection that listens for commits, and nothing committed before that connection listens
/// is missed.
@Suite struct ConsoleOnPostgresTests {
    /// The database refuses new connections while the console starts, so its pool's open
    /// connection reads but the listening connection cannot be made until it is allowed again.
    @Test func theFirstFrameDoesNotWaitForTheListeningConnection() throws {
        let (server, name, writer, console) = try Self.stores()
        // Both pools hold their open connection; then no new one is let in.
        _ = try writer.feedCounts()
        _ = try console.feedCounts()
        _ = try server.psql("ALTER DATABASE \"\(name)\" ALLOW_CONNECTIONS false")
        defer { _ = try? server.psql("ALTER DATABASE \"\(name)\" ALLOW_CONNECTIONS true") }
        // As the console command does on opening the store.
        console.watchForChanges()
        let runtime = Self.runtime(console)
        #expect(runtime.state.live != nil)
        let station = try Self.commitReading(writer)
        _ = try server.psql("ALTER DATABASE \"\(name)\" ALLOW_CONNECTIONS true")
        #expect(Self.eventuallyShows(station, runtime).shown)
    }

    /// Committed after the first read and before the listening connection is even asked for
    /// (no poll yet): no notification will tell of it, and the store never failed.
    @Test func whatIsCommittedBeforeListeningShows() throws {
        let (_, _, writer, console) = try Self.stores()
        let runtime = Self.runtime(console)
        #expect(runtime.state.live != nil)
        let station = try Self.commitReading(writer)
        let (shown, failed) = Self.eventuallyShows(station, runtime)
        #expect(shown && !failed)
    }

    static func stores() throws -> (PostgresTestServer, String, PostgresStore, PostgresStore) {
        let server = try PostgresTestServer.shared()
        let (name, url) = try server.makeDatabase()
        let address = try PostgresAddress(url: url)
        let writer = try PostgresStore(address: address)
        try writer.replaceProgramme(ConsoleRuntimeTests.programme)
        return (server, name, writer, try PostgresStore(address: address))
    }

    static func runtime(_ console: PostgresStore) -> ConsoleRuntime {
        let state = AppState(programme: ConsoleRuntimeTests.programme, asOf: .today(), today: .today(), language: .en,
                             width: 120, height: 40)
        return ConsoleRuntime(state: state, theme: Theme(name: "t", colors: [:]),
                              environment: ConsoleEnvironment(store: console, clock: { Int64(Date().timeIntervalSince1970) },
                                                              loadTheme: { LoadedTheme(theme: Theme(name: $0, colors: [:]), missingSlots: []) },
                                                              operatorName: "t"))
    }

    /// An air station's reading, stamped now.
    static func commitReading(_ writer: PostgresStore) throws -> (mn: String, time: Int64) {
        let now = Int64(Date().timeIntervalSince1970)
        let station = try #require(ConsoleRuntimeTests.programme.stations.first { $0.kind == .air })
        _ = try writer.ingest([IngestFrame(mn: station.mn, qn: "\(now)000", dataType: .realTime, readings: [
            Reading(mn: station.mn, code: "a34004", time: now, dataType: .realTime, value: 40, flag: .normal),
        ])])
        return (station.mn, now)
    }

    /// Ticks the console until the reading shows (at most 30 s); whether it did, and whether the
    /// header said the store was failing meanwhile.
    static func eventuallyShows(_ reading: (mn: String, time: Int64), _ runtime: ConsoleRuntime) -> (shown: Bool, failed: Bool) {
        let deadline = Date().addingTimeInterval(30)
        var failed = false
        while runtime.state.live?.status(mn: reading.mn)?.lastSeen != reading.time, Date() < deadline {
            _ = runtime.tick()
            if runtime.state.storeHealth != .answering { failed = true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        if runtime.state.storeHealth != .answering { failed = true }
        return (runtime.state.live?.status(mn: reading.mn)?.lastSeen == reading.time, failed)
    }
}
