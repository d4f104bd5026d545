import Foundation
import Testing
import EcoWatchCore
import EcoWatchPostgres
import EcoWatchUI
import PostgresTestSupport
@testable import EcoWatchTerminal

/// The console's start on a real PostgreSQL server: the first frame does not wait for the
/// connection that listens for commits, and nothing committed before that connection listens
/// is missed. The database refuses new connections while the console starts, so its pool's
/// open connection reads but the listening connection cannot be made until it is allowed again.
@Suite struct ConsoleOnPostgresTests {
    @Test func theFirstFrameComesBeforeListeningAndWhatIsCommittedMeanwhileShows() throws {
        let server = try PostgresTestServer.shared()
        let (name, url) = try server.makeDatabase()
        let address = try PostgresAddress(url: url)
        let programme = ConsoleRuntimeTests.programme
        let writer = try PostgresStore(address: address)
        try writer.replaceProgramme(programme)
        let console = try PostgresStore(address: address)
        // Both pools hold their open connection; then no new one is let in.
        _ = try writer.feedCounts()
        _ = try console.feedCounts()
        _ = try server.psql("ALTER DATABASE \"\(name)\" ALLOW_CONNECTIONS false")
        // As the console command does on opening the store.
        console.watchForChanges()
        let now = Int64(Date().timeIntervalSince1970)
        let state = AppState(programme: programme, asOf: .today(), today: .today(), language: .en, width: 120, height: 40)
        let runtime = ConsoleRuntime(state: state, theme: Theme(name: "t", colors: [:]),
                                     environment: ConsoleEnvironment(store: console, clock: { Int64(Date().timeIntervalSince1970) },
                                                                     loadTheme: { LoadedTheme(theme: Theme(name: $0, colors: [:]), missingSlots: []) },
                                                                     operatorName: "t"))
        // The first frame's live state is read, though no connection can listen.
        #expect(runtime.state.live != nil)
        // Committed after the first read, before anyone listens: no notification will tell of it.
        let station = try #require(programme.stations.first { $0.kind == .air })
        _ = try writer.ingest([IngestFrame(mn: station.mn, qn: "\(now)000", dataType: .realTime, readings: [
            Reading(mn: station.mn, code: "a34004", time: now, dataType: .realTime, value: 40, flag: .normal),
        ])])
        _ = try server.psql("ALTER DATABASE \"\(name)\" ALLOW_CONNECTIONS true")
        let deadline = Date().addingTimeInterval(30)
        while runtime.state.live?.status(mn: station.mn)?.lastSeen == nil, Date() < deadline {
            _ = runtime.tick()
            Thread.sleep(forTimeInterval: 0.02)
        }
        #expect(runtime.state.live?.status(mn: station.mn)?.lastSeen == now)
    }
}
