import EcoWatchCore
import Foundation
import Testing

/// What the back ends refuse, alike: a programme whose references do not hold, and a stored
/// row that cannot be read back (a value no version wrote), which is an error, never dropped.
@Suite struct StoreIntegrityContractTests {
    @Test(arguments: StoreBackend.allCases)
    func aProgrammeWhoseStationNamesAnUnknownDistrictIsRefusedAndNothingChanges(backend: StoreBackend) throws {
        let database = try backend.makeDatabase()
        defer { database.remove() }
        let store = try database.open()
        let programme = try SampleData.programme()
        try store.replaceProgramme(programme)
        var broken = programme
        let station = broken.stations[0]
        broken.stations[0] = Station(mn: station.mn, pw: station.pw, name: station.name, districtID: "atlantis", kind: station.kind,
                                     targetClass: station.targetClass, codes: station.codes, intervalSeconds: station.intervalSeconds,
                                     codeAliases: station.codeAliases, particleScale: station.particleScale, isLake: station.isLake)
        #expect(throws: StoreError.self) { try store.replaceProgramme(broken) }
        var orphanEvent = programme
        orphanEvent.tasks.removeAll { $0.id == programme.events[0].taskID }
        #expect(throws: StoreError.self) { try store.replaceProgramme(orphanEvent) }
        #expect(try database.open().loadProgramme().stations == programme.stations)
    }

    /// Each table read back by the screens, with one value planted that no version writes.
    @Test(arguments: StoreBackend.allCases)
    func aRowThatCannotBeReadBackIsAnErrorNamingItsTable(backend: StoreBackend) throws {
        let database = try backend.makeDatabase()
        defer { database.remove() }
        let store = try database.open()
        try store.replaceProgramme(try SampleData.programme())
        let mn = try store.loadProgramme().stations[0].mn
        _ = try store.ingest([IngestFrame(mn: mn, qn: "1", dataType: .realTime,
                                          readings: [Reading(mn: mn, code: "a34004", time: 6000, dataType: .realTime, value: 12, flag: .normal)])])
        _ = try store.raiseAlarm(NewAlarm(mn: mn, rule: .aqi, started: 6000, amount: 160))
        try store.recordRefusals([RefusalCount(time: 6000, reason: .crc, mn: mn, count: 1)])
        try store.recordBadFrameSamples([BadFrameSample(peer: "127.0.0.1:5000", time: 6000, reason: .crc, mn: mn, bytes: Array("##01".utf8))])
        try store.recordHistoryRequests([HistoryRequest(mn: mn, cn: .minute, begin: 1000, end: 1600, qn: "2", sent: 6000)])

        func unreadable(_ table: String, _ value: String, _ read: @escaping (any EcoWatchStore) throws -> Void) throws {
            // A new store each time, as a console opening the database would.
            let reader = try database.open()
            #expect(performing: { try read(reader) }, throws: { error in
                guard case .unreadableRow(_, let named, let detail) = error as? StoreError else { return false }
                return named == table && detail.contains(value)
            })
        }
        // Planted in the reverse of the reading order (districts first, stations last), so that
        // each is the first bad row the read meets.
        let plants: [(sql: String, table: String, value: String, read: (any EcoWatchStore) throws -> Void)] = [
            ("UPDATE station SET kind = 'volcano' WHERE mn = '\(mn)'", "station", "volcano", { _ = try $0.loadProgramme() }),
            ("UPDATE task_event SET kind = 'rumour' WHERE id = (SELECT min(id) FROM task_event)", "task_event", "rumour",
             { _ = try $0.loadProgramme() }),
            ("UPDATE indicator SET scope = 'galaxy' WHERE position = 0", "indicator", "galaxy", { _ = try $0.loadProgramme() }),
            ("UPDATE district SET kind = 'kingdom' WHERE parent IS NULL", "district", "kingdom", { _ = try $0.loadProgramme() }),
            ("UPDATE latest SET flag = 'Q'", "latest", "Q", { _ = try $0.latestValues() }),
            ("UPDATE alarm SET rule = 'meteor'", "alarm", "meteor", { _ = try $0.alarms(includeClosed: true, limit: 10) }),
            ("UPDATE refusal_count SET reason = 'gremlins'", "refusal_count", "gremlins", { _ = try $0.refusals(since: 0, limit: 10) }),
            ("UPDATE bad_frame SET reason = 'gremlins'", "bad_frame", "gremlins", { _ = try $0.badFrameSamples() }),
            ("UPDATE history_request SET state = 'lost'", "history_request", "lost", { _ = try $0.historyRequests(limit: 10) }),
        ]
        for plant in plants {
            try database.execute(plant.sql)
            try unreadable(plant.table, plant.value, plant.read)
        }
    }
}
