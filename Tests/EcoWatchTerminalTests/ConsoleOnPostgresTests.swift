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
    @Test func theFirstFrameComesBeforeListeningAndWhatIsCommittedMeanwhileShows() throws {
        let server = try PostgresTestServer.shared()
        let (name, url) = try server.makeDatabase()
        let address = try PostgresAddress(url: url)
        let programme = ConsoleRuntimeTests.programme
        let writer = try PostgresStore(address: address)
        try writer.replaceProgramme(programme)
        let console = try PostgresStore(address: address)
        let now = Int64(Date().timeIntervalSince1970)
        let state = AppState(programme: programme, asOf: .today(), today: .today(), language: .en, width: 120, height: 40)
        let runtime = ConsoleRuntime(state: state, theme: Theme(name: "t", colors: [:]),
                                     environment: ConsoleEnvironment(store: console, clock: { Int64(Date().timeIntervalSince1970) },
                                                                     loadTheme: { LoadedTheme(theme: Theme(name: $0, colors: [:]), missingSlots: []) },
                                                                     operatorName: "t"))
        // The first frame's live state is read, and no connection listens yet.
        #expect(runtime.state.live != nil)
        let listening = "SELECT count(*) FROM pg_stat_activity WHERE datname = '\(name)' AND query LIKE 'LISTEN%'"
        #expect(try server.psql(listening).trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        // Committed after the first read, before anyone listens: no notification will tell of it.
        let station = try #require(programme.stations.first { $0.kind == .air })
        _ = try writer.ingest([IngestFrame(mn: station.mn, qn: "\(now)000", dataType: .realTime, readings: [
            Reading(mn: station.mn, code: "a34004", time: now, dataType: .realTime, value: 40, flag: .normal),
        ])])
        let deadline = Date().addingTimeInterval(30)
        while runtime.state.live?.status(mn: station.mn)?.lastSeen == nil, Date() < deadline {
            _ = runtime.tick()
            Thread.sleep(forTimeInterval: 0.02)
        }
        #expect(runtime.state.live?.status(mn: station.mn)?.lastSeen == now)
    }
}
