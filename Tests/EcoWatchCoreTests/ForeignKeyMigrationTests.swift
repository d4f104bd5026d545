import Foundation
import GRDB
import Testing
@testable import EcoWatchCore

/// `v8-programme-foreign-keys` on a database of the schema before it: the programme and the
/// live data are kept, and the references hold from then on.
@Suite struct ForeignKeyMigrationTests {
    static let programmeTables = ["district", "indicator", "observation", "task", "task_event", "station"]

    @Test func aDatabaseOfThePreviousSchemaKeepsItsDataAndGainsItsForeignKeys() throws {
        let programme = try MiniDataSet().load()
        let source = TemporaryDatabase(), old = TemporaryDatabase()
        defer { source.remove(); old.remove() }
        try SQLiteStore(path: source.path).replaceProgramme(programme)
        // The previous schema, filled with the same programme and some live data.
        let queue = try DatabaseQueue(path: old.path)
        try queue.write { db in try db.execute(sql: "PRAGMA application_id = \(Schema.applicationID)") }
        try Schema.migrator.migrate(queue, upTo: "v7-record-times")
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "ATTACH DATABASE ? AS source", arguments: [source.path])
            for table in Self.programmeTables {
                try db.execute(sql: "INSERT INTO main.\(table) SELECT * FROM source.\(table)")
            }
            try db.execute(sql: """
                DETACH DATABASE source;
                INSERT INTO reading (mn, code, time, cn, value, flag) VALUES ('\(programme.stations[0].mn)', 'a34004', 3600, 2061, 12.5, 'N');
                INSERT INTO rollup_hour (mn, code, start, n, total, low, high) VALUES ('\(programme.stations[0].mn)', 'a34004', 3600, 1, 12.5, 12.5, 12.5);
                INSERT INTO alarm (mn, rule, started, value, amount) VALUES ('GONE', 'aqi', 100, '', 160);
                """)
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_list(station)").isEmpty)
        }
        try queue.close()

        let store = try SQLiteStore(path: old.path)
        let loaded = try store.loadProgramme()
        #expect(loaded.districts == programme.districts)
        #expect(loaded.indicators == programme.indicators)
        #expect(Set(loaded.observations) == Set(programme.observations))
        #expect(loaded.tasks == programme.tasks.sorted { $0.id < $1.id })
        #expect(loaded.events == programme.events)
        #expect(loaded.stations == programme.stations)
        #expect(try store.series(mn: programme.stations[0].mn, code: "a34004", grain: .hour, from: 0, to: 7200).map(\.mean) == [12.5])
        // An alarm may name a station the programme no longer has (live tables keep their history).
        #expect(try store.alarms(includeClosed: true, limit: 10).map(\.mn) == ["GONE"])

        let check = try DatabaseQueue(path: old.path)
        try check.read { db in
            let references = try Row.fetchAll(db, sql: """
                SELECT m.name AS child, f."table" AS parent, f."from" AS column FROM sqlite_master m, pragma_foreign_key_list(m.name) f
                WHERE m.type = 'table' ORDER BY 1, 3
                """).map { "\($0["child"] as String).\($0["column"] as String) → \($0["parent"] as String)" }
            #expect(references == ["district.parent → district", "observation.indicator → indicator",
                                   "station.district → district", "task_event.task → task"])
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
        }
        try check.close()
        // From now on a station of a district the programme lacks is refused, and nothing changes.
        var broken = programme
        broken.districts.removeAll { $0.id == programme.stations[0].districtID }
        broken.districts.removeAll { $0.parentID == programme.stations[0].districtID }
        #expect(throws: StoreError.self) { try store.replaceProgramme(broken) }
        #expect(try store.loadProgramme().districts == programme.districts)
    }
}
