import Foundation
import GRDB
import Testing
@testable import EcoWatchCore

/// A record is MN, CN, DataTime and pollutant code — never the QN: resends under new QNs are
/// duplicates, corrections replace the record and move the roll-ups exactly, and frames that
/// share one QN (a station's answer to a history request) are all stored.
@Suite struct RecordIdentityTests {
    /// 2024-01-15 00:00 Beijing time.
    static let day: Int64 = 1_705_248_000

    static func hourly(_ qn: String, _ time: Int64, _ value: Double, flag: DataFlag = .normal, code: String = "a34004") -> IngestFrame {
        IngestFrame(mn: "A1", qn: qn, dataType: 2061,
                    readings: [Reading(mn: "A1", code: code, time: time, dataType: 2061, value: value, flag: flag)])
    }

    @Test func aDayResentUnderNewQNsAveragesAsSentOnce() throws {
        let db = TemporaryDatabase()
        defer { db.remove() }
        let store = try SQLiteStore(path: db.path)
        let first = [Self.hourly("q1", Self.day, 40), Self.hourly("q2", Self.day + 3600, 100)]
        #expect(try store.ingest(first) == [.stored(added: 1, corrected: 0), .stored(added: 1, corrected: 0)])
        // The logger resends its buffer after an outage: the same records, new QNs.
        let resent = [Self.hourly("q3", Self.day, 40), Self.hourly("q4", Self.day + 3600, 100)]
        #expect(try store.ingest(resent) == [.duplicate, .duplicate])
        let days = try store.series(mn: "A1", code: "a34004", grain: .day, from: Self.day, to: Self.day + 86_400)
        #expect(days == [SeriesPoint(start: Self.day, count: 2, mean: 70, low: 40, high: 100)])
        let counts = try store.feedCounts()
        #expect(counts.accepted == 2)
        #expect(counts.duplicates == 2)
        #expect(counts.corrected == 0)
    }

    @Test func aCorrectionReplacesTheRecordAndMovesEveryGrainExactly() throws {
        let db = TemporaryDatabase()
        defer { db.remove() }
        let store = try SQLiteStore(path: db.path)
        _ = try store.ingest([Self.hourly("q1", Self.day, 40), Self.hourly("q2", Self.day + 3600, 100),
                              Self.hourly("q3", Self.day + 7200, 70)])
        // The 100 was the maximum of its hour, day and month: corrected to 10 it is also the minimum.
        #expect(try store.ingest([Self.hourly("q9", Self.day + 3600, 10)]) == [.stored(added: 0, corrected: 1)])
        for grain in RollupGrain.allCases {
            let points = try store.series(mn: "A1", code: "a34004", grain: grain, from: Self.day, to: Self.day + 86_400)
            let expected = switch grain {
            case .hour: [SeriesPoint(start: Self.day, count: 1, mean: 40, low: 40, high: 40),
                         SeriesPoint(start: Self.day + 3600, count: 1, mean: 10, low: 10, high: 10),
                         SeriesPoint(start: Self.day + 7200, count: 1, mean: 70, low: 70, high: 70)]
            case .day: [SeriesPoint(start: Self.day, count: 3, mean: 40, low: 10, high: 70)]
            case .month: [SeriesPoint(start: RollupGrain.month.periodStart(Self.day), count: 3, mean: 40, low: 10, high: 70)]
            }
            #expect(points == expected, "\(grain)")
        }
        // Flagged F, the record leaves the statistics; flagged N again, it comes back.
        _ = try store.ingest([Self.hourly("q10", Self.day + 3600, 10, flag: .stopped)])
        let day = try store.series(mn: "A1", code: "a34004", grain: .day, from: Self.day, to: Self.day + 86_400)
        #expect(day == [SeriesPoint(start: Self.day, count: 2, mean: 55, low: 40, high: 70)])
        #expect(try store.series(mn: "A1", code: "a34004", grain: .hour, from: Self.day + 3600, to: Self.day + 7200).isEmpty)
        _ = try store.ingest([Self.hourly("q11", Self.day + 3600, 100)])
        let restored = try store.series(mn: "A1", code: "a34004", grain: .day, from: Self.day, to: Self.day + 86_400)
        #expect(restored == [SeriesPoint(start: Self.day, count: 3, mean: 70, low: 40, high: 100)])
        #expect(try store.feedCounts().corrected == 3)
        #expect(try store.latestValues()["A1"]?.first?.value == 70)
        let queue = try DatabaseQueue(path: db.path)
        try queue.read { db in
            let readings = try Int.fetchOne(db, sql: "SELECT count(*) FROM reading")
            #expect(readings == 3)
            for grain in RollupGrain.allCases {
                let table = try RollupCheck.table(db, grain), direct = try RollupCheck.direct(db, grain)
                #expect(RollupCheck.agree(table, direct), "\(grain)")
            }
        }
    }

    @Test func aCorrectionAndNewRecordsInOneBatchAgreeWithADirectAggregate() throws {
        let db = TemporaryDatabase()
        defer { db.remove() }
        let store = try SQLiteStore(path: db.path)
        var frames: [IngestFrame] = []
        for k in 0..<30 { frames.append(Self.hourly("a\(k)", Self.day + Int64(k) * 1800, Double(k % 7) * 3.5)) }
        _ = try store.ingest(Array(frames[0..<10]))
        // One transaction: new records, exact resends, and corrections of records stored before
        // and of records new in this very batch.
        var batch = Array(frames[5..<30])
        batch.append(Self.hourly("b1", Self.day + 2 * 1800, 99))
        batch.append(Self.hourly("b2", Self.day + 20 * 1800, -4, flag: .normal))
        batch.append(Self.hourly("b3", Self.day + 21 * 1800, 1, flag: .fault))
        _ = try store.ingest(batch)
        let queue = try DatabaseQueue(path: db.path)
        try queue.read { db in
            let readings = try Int.fetchOne(db, sql: "SELECT count(*) FROM reading")
            #expect(readings == 30)
            let corrected = try Double.fetchOne(db, sql: "SELECT value FROM reading WHERE time = ?", arguments: [Self.day + 2 * 1800])
            #expect(corrected == 99)
            for grain in RollupGrain.allCases {
                let table = try RollupCheck.table(db, grain), direct = try RollupCheck.direct(db, grain)
                #expect(RollupCheck.agree(table, direct), "\(grain)")
            }
        }
    }

    @Test func framesSharingOneQNAreAllStored() throws {
        let db = TemporaryDatabase()
        defer { db.remove() }
        let store = try SQLiteStore(path: db.path)
        // A station's answer to a history request: every record under the request's QN.
        let answer = (0..<24).map { Self.hourly("20240116090000123", Self.day + Int64($0) * 3600, Double($0)) }
        #expect(try store.ingest(answer) == Array(repeating: .stored(added: 1, corrected: 0), count: 24))
        let hours = try store.series(mn: "A1", code: "a34004", grain: .hour, from: Self.day, to: Self.day + 86_400)
        #expect(hours.count == 24)
        #expect(try store.feedCounts().accepted == 24)
    }

    @Test func theSameTimeUnderAnotherCNOrCodeIsAnotherRecord() throws {
        let db = TemporaryDatabase()
        defer { db.remove() }
        let store = try SQLiteStore(path: db.path)
        let minute = IngestFrame(mn: "A1", qn: "q1", dataType: 2051,
                                 readings: [Reading(mn: "A1", code: "a34004", time: Self.day, dataType: 2051, value: 5, flag: .normal)])
        _ = try store.ingest([Self.hourly("q1", Self.day, 40), minute, Self.hourly("q1", Self.day, 3, code: "a21004")])
        let queue = try DatabaseQueue(path: db.path)
        #expect(try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM reading") } == 3)
    }

    /// A database written before record identity (v2: frames unique on MN and QN, so the same
    /// record could be stored twice under two QNs) keeps one reading per record, the last.
    @Test func migratingKeepsTheLastValueOfEachRecordAndRebuildsTheRollUps() throws {
        let db = TemporaryDatabase()
        defer { db.remove() }
        let queue = try DatabaseQueue(path: db.path)
        try queue.write { db in try db.execute(sql: "PRAGMA application_id = \(Schema.applicationID)") }
        try Schema.migrator.migrate(queue, upTo: "v2-rollups")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO frame VALUES ('A1', 'q1', 2061, 1), ('A1', 'q2', 2061, 2), ('A1', 'q3', 2061, 3);
                INSERT INTO reading VALUES ('A1', 'a34004', \(Self.day), 2061, 40, 'N'),
                                           ('A1', 'a34004', \(Self.day + 3600), 2061, 100, 'N'),
                                           ('A1', 'a34004', \(Self.day), 2061, 40, 'N'),
                                           ('A1', 'a34004', \(Self.day + 3600), 2061, 90, 'N');
                """)
            try SQLiteRollups.rebuildAll(db)
        }
        try queue.close()
        let store = try SQLiteStore(path: db.path)
        let days = try store.series(mn: "A1", code: "a34004", grain: .day, from: Self.day, to: Self.day + 86_400)
        #expect(days == [SeriesPoint(start: Self.day, count: 2, mean: 65, low: 40, high: 90)])
        #expect(try store.ingest([Self.hourly("q4", Self.day, 40)]) == [.duplicate])
    }
}
