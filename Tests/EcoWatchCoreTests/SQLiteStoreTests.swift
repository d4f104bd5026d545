import Foundation
import Testing
@testable import EcoWatchCore

@Suite struct SQLiteStoreTests {
    @Test func theProgrammeRoundTrips() throws {
        let db = TemporaryDatabase()
        defer { db.remove() }
        let programme = try MiniDataSet().load()
        let store = try SQLiteStore(path: db.path)
        #expect(try store.isEmpty())
        try store.replaceProgramme(programme)
        let loaded = try SQLiteStore(path: db.path).loadProgramme()
        #expect(loaded.districts == programme.districts)
        #expect(loaded.indicators == programme.indicators)
        #expect(Set(loaded.observations) == Set(programme.observations))
        #expect(loaded.tasks == programme.tasks)
        #expect(loaded.events == programme.events)
        #expect(loaded.stations == programme.stations)
    }

    @Test func aReadOnlyStoreReadsAndNeverWrites() throws {
        let db = TemporaryDatabase()
        defer { db.remove() }
        #expect(throws: StoreError.self) { try SQLiteStore(path: db.path, readOnly: true) }
        #expect(!FileManager.default.fileExists(atPath: db.path), "a read-only open created the file")
        let programme = try MiniDataSet().load()
        try SQLiteStore(path: db.path).replaceProgramme(programme)
        let before = try Data(contentsOf: URL(fileURLWithPath: db.path))
        let reader = try SQLiteStore(path: db.path, readOnly: true)
        #expect(try reader.loadProgramme().tasks == programme.tasks)
        #expect(throws: StoreError.self) { try reader.replaceProgramme(programme) }
        #expect(throws: StoreError.self) { try reader.acknowledgeAlarm(id: 1, operator: "x", at: 0) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: db.path)) == before)
    }

    @Test func aFileThatIsNotSQLiteIsRefusedAndLeftUntouched() throws {
        let db = TemporaryDatabase()
        defer { db.remove() }
        let text = Data("id,name\nnot,a database\n".utf8)
        try text.write(to: URL(fileURLWithPath: db.path))
        #expect(throws: StoreError.notSQLite(path: db.path)) { try SQLiteStore(path: db.path) }
        #expect(FileManager.default.contents(atPath: db.path) == text)
        #expect(!FileManager.default.fileExists(atPath: db.path + "-wal"))
    }

    @Test func anotherSQLiteDatabaseIsRefusedAndLeftUntouched() throws {
        let db = TemporaryDatabase()
        defer { db.remove() }
        try sqlite(db.path, "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me');")
        let before = FileManager.default.contents(atPath: db.path)
        #expect(throws: StoreError.notEcoWatch(path: db.path)) { try SQLiteStore(path: db.path) }
        #expect(FileManager.default.contents(atPath: db.path) == before)
    }

    @Test func aNewerSchemaIsRefused() throws {
        let db = TemporaryDatabase()
        defer { db.remove() }
        _ = try SQLiteStore(path: db.path)
        try sqlite(db.path, "INSERT INTO grdb_migrations VALUES ('v99-from-the-future');")
        #expect(throws: StoreError.newerSchema(path: db.path, unknown: ["v99-from-the-future"])) { try SQLiteStore(path: db.path) }
    }

    @Test func aResentFrameIsAcknowledgedButNotStoredTwice() throws {
        let db = TemporaryDatabase()
        defer { db.remove() }
        let store = try SQLiteStore(path: db.path)
        let frame = IngestFrame(mn: "M1", qn: "20220101000000000", dataType: 2011, readings: [
            Reading(mn: "M1", code: "a34004", time: 1000, dataType: 2011, value: 38.2, flag: .normal),
        ])
        #expect(try store.ingest([frame]) == [.stored(added: 1, corrected: 0)])
        #expect(try store.ingest([frame, frame]) == [.duplicate, .duplicate])
        let counts = try store.feedCounts()
        #expect(counts.accepted == 1)
        #expect(counts.duplicates == 2)
        #expect(try store.latestValues()["M1"]?.map(\.value) == [38.2])
    }

    @Test func latestKeepsTheNewestValueWhateverTheArrivalOrder() throws {
        let db = TemporaryDatabase()
        defer { db.remove() }
        let store = try SQLiteStore(path: db.path)
        func frame(_ qn: String, _ time: Int64, _ value: Double) -> IngestFrame {
            IngestFrame(mn: "M1", qn: qn, dataType: 2061, readings: [Reading(mn: "M1", code: "w21003", time: time, dataType: 2061, value: value, flag: .normal)])
        }
        _ = try store.ingest([frame("2", 2000, 0.8), frame("1", 1000, 0.3)])
        #expect(try store.latestValues()["M1"]?.first?.value == 0.8)
        #expect(try store.lastSeen()["M1"] == 2000)
    }

    @Test func refusalsAreCountedByReason() throws {
        let db = TemporaryDatabase()
        defer { db.remove() }
        let store = try SQLiteStore(path: db.path)
        try store.recordRefusals([RefusalCount(time: 100, reason: .crc, mn: "M1", count: 1)])
        try store.recordRefusals([RefusalCount(time: 160, reason: .crc, mn: "M1", count: 1),
                                  RefusalCount(time: 170, reason: .wrongPW, mn: "M2", count: 1)])
        #expect(try store.feedCounts().refused == [.crc: 2, .wrongPW: 1])
        // By minute: 160 and 170 are in the minute from 120.
        #expect(try store.refusalCount(mn: "M1", since: 150) == 1)
        #expect(try store.refusalCount(mn: "M1", since: 60) == 2)
    }

    @Test func alarmsOpenOnceClearAndKeepTheirAcknowledgement() throws {
        let db = TemporaryDatabase()
        defer { db.remove() }
        let store = try SQLiteStore(path: db.path)
        let first = try store.raiseAlarm(NewAlarm(mn: "M1", rule: .aqi, started: 100, amount: 132))
        let again = try store.raiseAlarm(NewAlarm(mn: "M1", rule: .aqi, started: 200, amount: 140))
        #expect(first.id == again.id)
        try store.acknowledgeAlarm(id: first.id, operator: "王值班", at: 150)
        try store.clearAlarm(mn: "M1", rule: .aqi, at: 300)
        let log = try SQLiteStore(path: db.path).alarms(includeClosed: true, limit: 10)
        #expect(log.count == 1)
        #expect(log[0].acknowledgedBy == "王值班")
        #expect(log[0].cleared == 300)
        #expect(try store.alarms(includeClosed: false, limit: 10).isEmpty)
        let next = try store.raiseAlarm(NewAlarm(mn: "M1", rule: .aqi, started: 400, amount: 120))
        #expect(next.id != first.id)
    }

    @Test func anotherConnectionsCommitChangesTheToken() throws {
        let db = TemporaryDatabase()
        defer { db.remove() }
        let watcher = try SQLiteStore(path: db.path)
        let writer = try SQLiteStore(path: db.path)
        let before = try watcher.changeToken()
        #expect(try watcher.changeToken() == before)
        _ = try writer.ingest([IngestFrame(mn: "M", qn: "1", dataType: 2011, readings: [])])
        #expect(try watcher.changeToken() != before)
    }

    @Test func aDatabaseLockedByAnotherWriterIsAClearErrorAfterRetrying() throws {
        let db = TemporaryDatabase()
        defer { db.remove() }
        _ = try SQLiteStore(path: db.path)
        // Another process holds the write lock for a second.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["sqlite3", db.path]
        let input = Pipe()
        holder.standardInput = input
        try holder.run()
        input.fileHandleForWriting.write(Data("BEGIN IMMEDIATE; INSERT INTO refusal_count VALUES (0, 'crc', 'x', 1);\n".utf8))
        Thread.sleep(forTimeInterval: 0.3)
        let store = try SQLiteStore(path: db.path, busySeconds: 0.2)
        #expect(throws: StoreError.locked(path: db.path)) {
            try store.recordRefusals([RefusalCount(time: 1, reason: .crc, mn: "M1", count: 1)])
        }
        input.fileHandleForWriting.write(Data("ROLLBACK;\n.quit\n".utf8))
        holder.waitUntilExit()
        try store.recordRefusals([RefusalCount(time: 2, reason: .crc, mn: "M1", count: 1)])
        #expect(try store.feedCounts().refused[.crc] == 1)
    }

    /// Runs SQL through the sqlite3 shell, as another program would.
    func sqlite(_ path: String, _ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", path, sql]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}

@Suite struct LiveSnapshotClockTests {
    @Test func staleFollowsTheClockWithoutReadingTheStoreAgain() {
        let station = Station(mn: "M1", pw: "123456", name: LocalizedText(zh: "站", en: "Station"), districtID: "beilun",
                              kind: .air, targetClass: nil, codes: ["a34004"], intervalSeconds: 60)
        let value = LatestValue(code: "a34004", value: 40, flag: .normal, time: 1_000, dataType: 2011)
        let fresh = LiveSnapshot(taken: 1_060, stations: [StationStatus(station: station, latest: [value], lastSeen: 1_000, now: 1_060)],
                                 alarms: [], feed: FeedCounts())
        #expect(fresh.stations[0].stale == false)
        let later = fresh.at(1_000 + 3 * 60 + 1)
        #expect(later.stations[0].stale == true)
        #expect(later.stations[0].airQuality == fresh.stations[0].airQuality)
        #expect(later.taken == 1_181)
    }
}
