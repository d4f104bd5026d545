import Foundation
import GRDB
import Testing
@testable import EcoWatchCore

@Suite struct HistoryGeneratorTests {
    @Test func badOptionsAreRefusedWithTheOptionNamed() throws {
        #expect(throws: GenerationOptionError.self) { try GenerationOptions.check(stations: 0, years: 7) }
        #expect(throws: GenerationOptionError.self) { try GenerationOptions.check(stations: 500, years: -1) }
        #expect(throws: Never.self) { try GenerationOptions.check(stations: 1, years: 1) }
        for bad in ["", "h", "1", "0h", "-1h", "1w", "1.5h", "h1", "1 h", "400d"] {
            #expect(throws: GenerationOptionError.self, "\(bad)") { try GenerationOptions.interval(bad) }
        }
        #expect(try GenerationOptions.interval("1h") == 3600)
        #expect(try GenerationOptions.interval("15m") == 900)
        #expect(try GenerationOptions.interval("1d") == 86_400)
        #expect(try GenerationOptions.interval("30s") == 30)
        do {
            try GenerationOptions.check(stations: -3, years: 1)
        } catch {
            #expect(error.description == "--stations must be a whole number above zero, not -3")
        }
    }

    @Test func syntheticStationsAreSpreadOverDistrictsWithUniqueIDs() throws {
        let programme = try MiniDataSet().load()
        let stations = HistoryGenerator.syntheticStations(count: 60, programme: programme, interval: 3600)
        #expect(Set(stations.map(\.mn)).count == 60)
        #expect(Set(stations.map(\.mn)).isDisjoint(with: programme.stations.map(\.mn)))
        #expect(Set(stations.map(\.districtID)) == Set(programme.districts.map(\.id)))
        #expect(stations.allSatisfy { !$0.codes.isEmpty && $0.mn.count <= 24 && $0.pw.count == 6 })
        #expect(Set(stations.map(\.kind)) == [.air, .water, .sea])
    }

    @Test func aTinyHistoryHasTheExpectedRowsAndRollUps() throws {
        let db = TemporaryDatabase()
        defer { db.remove() }
        var programme = try MiniDataSet().load()
        let plan = GenerationPlan(syntheticStations: 2, end: 1_706_716_800 + 1800, span: 2 * 86_400, interval: 3600, seed: 7)
        programme.stations += HistoryGenerator.syntheticStations(count: 2, programme: programme, interval: plan.interval)
        var phases: [GenerationProgress.Phase] = []
        let summary: GenerationSummary
        do {
            let store = try SQLiteStore(path: db.path)
            try store.replaceProgramme(programme)
            summary = try HistoryGenerator.generate(into: store, stations: programme.stations, plan: plan) { phases.append($0.phase) }
        }
        let codes = programme.stations.reduce(0) { $0 + $1.codes.count }
        #expect(programme.stations.count == 4)
        #expect(summary.readings == codes * 48)
        #expect(phases.last == .done)

        let queue = try DatabaseQueue(path: db.path)
        try queue.read { db in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM reading") == codes * 48)
            #expect(try Int.fetchOne(db, sql: "SELECT count(DISTINCT time) FROM reading") == 48)
            #expect(try Int64.fetchOne(db, sql: "SELECT max(time) FROM reading") == 1_706_716_800)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM latest") == codes)
            #expect(try Int64.fetchOne(db, sql: "SELECT min(time) FROM latest") == 1_706_716_800)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM latest WHERE cn = 2061") == codes)   // hourly data
            let normal = try Int.fetchOne(db, sql: "SELECT count(*) FROM reading WHERE flag = 'N'") ?? 0
            #expect(normal > codes * 40)
            #expect(try Int.fetchOne(db, sql: "SELECT sum(n) FROM rollup_hour") == normal)
            for grain in RollupGrain.allCases {
                #expect(RollupCheck.agree(try RollupCheck.table(db, grain), try RollupCheck.direct(db, grain)), "\(grain)")
            }
            #expect(try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal")
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE name = 'reading_identity'") == 1)
        }
        // The store opens it as usual, and the live snapshot sees every station as fresh.
        let store = try SQLiteStore(path: db.path)
        let live = try LiveSnapshot.read(from: store, programme: try store.loadProgramme(), now: 1_706_716_800 + 60)
        #expect(live.stations.allSatisfy { !$0.stale })
    }
}
