import Foundation
import GRDB
import Testing
@testable import EcoWatchCore

/// Aggregates per (mn, code, period start), as the roll-up tables hold them.
struct PeriodTotals: Equatable {
    var n: Int
    var total: Double
    var low: Double
    var high: Double

    func isClose(to other: PeriodTotals) -> Bool {
        n == other.n && abs(total - other.total) <= 1e-9 * max(1, abs(total)) && low == other.low && high == other.high
    }
}

/// The roll-up table of `grain`, and the same computed directly from `reading` in Swift.
enum RollupCheck {
    static func table(_ db: Database, _ grain: RollupGrain) throws -> [String: PeriodTotals] {
        var result: [String: PeriodTotals] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT mn, code, start, n, total, low, high FROM \(SQLiteRollups.table(grain))") {
            let key = "\(row[0] as String)/\(row[1] as String)/\(row[2] as Int64)"
            result[key] = PeriodTotals(n: row[3], total: row[4], low: row[5], high: row[6])
        }
        return result
    }

    static func direct(_ db: Database, _ grain: RollupGrain) throws -> [String: PeriodTotals] {
        var result: [String: PeriodTotals] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT mn, code, time, value FROM reading WHERE flag = 'N'") {
            let key = "\(row[0] as String)/\(row[1] as String)/\(grain.periodStart(row[2]))"
            let value: Double = row[3]
            var t = result[key] ?? PeriodTotals(n: 0, total: 0, low: .infinity, high: -.infinity)
            t.n += 1
            t.total += value
            t.low = min(t.low, value)
            t.high = max(t.high, value)
            result[key] = t
        }
        return result
    }

    static func agree(_ a: [String: PeriodTotals], _ b: [String: PeriodTotals]) -> Bool {
        a.count == b.count && a.allSatisfy { key, t in b[key].map { t.isClose(to: $0) } ?? false }
    }
}

@Suite struct RollupTests {
    /// 2024-01-31 16:00 UTC is 2024-02-01 00:00 in Beijing: a new local day and month.
    static let monthTurn: Int64 = 1_706_716_800

    static func frame(_ mn: String, _ qn: String, _ time: Int64, _ values: [(String, Double, String)]) -> IngestFrame {
        IngestFrame(mn: mn, qn: qn, dataType: 2011,
                    readings: values.map { Reading(mn: mn, code: $0.0, time: time, dataType: 2011, value: $0.1, flag: DataFlag(rawValue: $0.2)!) })
    }

    /// Frames across hour, Beijing-day and Beijing-month boundaries, with non-N flags.
    static var mixedFrames: [IngestFrame] {
        var frames: [IngestFrame] = []
        for k in 0..<40 {
            let time = monthTurn - 5 * 3600 + Int64(k) * 1234
            let flag = k % 7 == 3 ? "M" : k % 11 == 5 ? "D" : "N"
            frames.append(frame("A1", "q\(k)", time, [("a34004", Double(k % 9) + 0.25, "N"), ("a21004", Double(40 - k), flag)]))
            frames.append(frame("W1", "q\(k)", time + 600, [("w21003", 0.5 + Double(k) / 100, flag)]))
        }
        return frames
    }

    @Test func rollUpsEqualADirectAggregateAfterMixedIngests() throws {
        let db = TemporaryDatabase()
        defer { db.remove() }
        let store = try SQLiteStore(path: db.path)
        let frames = Self.mixedFrames
        _ = try store.ingest(Array(frames[0..<30]))
        _ = try store.ingest(Array(frames[20..<50]))      // ten resent frames: duplicates, not counted twice
        _ = try store.ingest([frames[3], frames[4]])
        _ = try store.ingest(Array(frames[50...]))
        // One record twice in a frame under a new QN: the second corrects the first.
        _ = try store.ingest([Self.frame("A1", "again", Self.monthTurn, [("a34004", 100, "N"), ("a34004", 1, "T")])])
        let queue = try DatabaseQueue(path: db.path)
        try queue.read { db in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM reading") == 40 * 3 + 1)
            for grain in RollupGrain.allCases {
                let table = try RollupCheck.table(db, grain), direct = try RollupCheck.direct(db, grain)
                #expect(!table.isEmpty)
                #expect(RollupCheck.agree(table, direct), "\(grain)")
            }
            #expect(try Int.fetchOne(db, sql: "SELECT count(DISTINCT start) FROM rollup_month") == 2)
        }
    }

    @Test func aBulkRebuildGivesTheSameRollUpsAsIngest() throws {
        let db = TemporaryDatabase()
        defer { db.remove() }
        let store = try SQLiteStore(path: db.path)
        _ = try store.ingest(Self.mixedFrames)
        let queue = try DatabaseQueue(path: db.path)
        let before = try queue.read { db in try RollupGrain.allCases.map { try RollupCheck.table(db, $0) } }
        try store.rebuildRollups()
        let after = try queue.read { db in try RollupGrain.allCases.map { try RollupCheck.table(db, $0) } }
        for (a, b) in zip(before, after) { #expect(RollupCheck.agree(a, b)) }
    }

    @Test func periodsAreBeijingDaysAndMonths() {
        let t = Self.monthTurn
        #expect(RollupGrain.hour.periodStart(t + 3599) == t)
        #expect(RollupGrain.day.periodStart(t - 1) == t - 86_400)
        #expect(RollupGrain.day.periodStart(t + 86_399) == t)
        #expect(RollupGrain.month.periodStart(t - 1) == t - 31 * 86_400)
        #expect(RollupGrain.month.periodStart(t + 28 * 86_400 + 86_399) == t)   // 2024 is a leap year
        #expect(RollupGrain.month.nextStart(after: t) == t + 29 * 86_400)
        #expect(RollupGrain.hour.periodStart(-1) == -3600)
    }

    @Test func seriesGivesPerPeriodMeansOfNormalValues() throws {
        let db = TemporaryDatabase()
        defer { db.remove() }
        let store = try SQLiteStore(path: db.path)
        let t = Self.monthTurn
        _ = try store.ingest([
            Self.frame("A1", "1", t, [("a34004", 10, "N")]),
            Self.frame("A1", "2", t + 1800, [("a34004", 20, "N")]),
            Self.frame("A1", "3", t + 2000, [("a34004", 999, "F")]),
            Self.frame("A1", "4", t + 3600, [("a34004", 7, "N")]),
        ])
        let hours = try store.series(mn: "A1", code: "a34004", grain: .hour, from: t, to: t + 7200)
        #expect(hours == [SeriesPoint(start: t, count: 2, mean: 15, low: 10, high: 20),
                          SeriesPoint(start: t + 3600, count: 1, mean: 7, low: 7, high: 7)])
        let days = try store.series(mn: "A1", code: "a34004", grain: .day, from: t, to: t + 86_400)
        #expect(days == [SeriesPoint(start: t, count: 3, mean: 37.0 / 3, low: 7, high: 20)])
        #expect(try store.series(mn: "A1", code: "a34004", grain: .month, from: t + 86_400 * 40, to: t + 86_400 * 80).isEmpty)
    }

    @Test func startUpQueriesNeverTouchReadings() throws {
        let db = TemporaryDatabase()
        defer { db.remove() }
        let store = try SQLiteStore(path: db.path)
        try store.replaceProgramme(try MiniDataSet().load())
        _ = try store.ingest(Self.mixedFrames)
        let queue = try DatabaseQueue(path: db.path)
        let statements = [SQLiteStore.latestValuesSQL, SQLiteStore.lastSeenSQL] + RollupGrain.allCases.map { SQLiteStore.seriesSQL($0, codes: 9) }
        try queue.read { db in
            for sql in statements {
                let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: StatementArguments(
                    Array(repeating: "x", count: sql.filter { $0 == "?" }.count)))
                    .map { $0["detail"] as String }.joined(separator: " | ")
                #expect(!plan.localizedCaseInsensitiveContains("reading"), "\(sql): \(plan)")
                #expect(!plan.contains("SCAN rollup"), "\(sql): \(plan)")
            }
        }
        // And the whole start-up path (programme, live snapshot) works with `reading` gone.
        try queue.write { db in try db.execute(sql: "ALTER TABLE reading RENAME TO reading_away") }
        let programme = try store.loadProgramme()
        let live = try LiveSnapshot.read(from: store, programme: programme, now: Self.monthTurn)
        #expect(live.stations.count == programme.stations.count)
    }
}
