import EcoWatchCore
import Foundation
import PostgresNIO

// The ingest write path: one transaction per group commit, in a few multi-row statements
// whatever the batch size. Acknowledgements go out only after `write` has committed.
extension PostgresStore {
    /// A record's identity: MN, code, DataTime and CN (never the QN).
    struct RecordKey: Hashable { let mn: String; let code: String; let time: Int64; let cn: Int }

    /// Stores a group commit's frames in one transaction. The usual batch, every record new,
    /// is one statement (`storeAllNew`) that also moves the latest values, adds to the roll-ups,
    /// logs the frames, counts them and notifies; a batch holding a record stored before (a
    /// resend, a correction, another node's copy) goes on record by record (`storeSorted`).
    public func ingest(_ frames: [IngestFrame]) throws -> [IngestOutcome] {
        guard !frames.isEmpty else { return [] }
        let now = Int64(Date().timeIntervalSince1970)
        let location = self.location
        return try write(notifies: false) { db in
            var outcomes = frames.map { IngestOutcome.stored(added: $0.readings.count, corrected: 0) }
            if let inserted = try await Self.storeAllNew(frames, now: now, location: location, db) {
                outcomes = try await Self.storeSorted(frames, inserted: inserted, now: now, db)
            }
            // Last in either case: every writer locks rows in one order.
            try await Self.moveRecordTimes(frames, db)
            return outcomes
        }
    }

    /// Inserts the batch's records (in identity order, so two nodes lock rows in one order; of
    /// a record given twice, the first) and, when every one of them was new, everything else the
    /// batch writes, all in one statement: the latest values, the roll-ups' sums (N-flagged
    /// readings only, as `RollupBatch.add`), the frame log and the accepted count. Notifies the
    /// consoles either way. Nil when the batch is stored; else the records it inserted, and only
    /// those are written.
    private static func storeAllNew(_ frames: [IngestFrame], now: Int64, location: String,
                                    _ db: PostgresConnection) async throws -> Set<RecordKey>? {
        let all = frames.flatMap(\.readings)
        func rollup(_ grain: RollupGrain) -> String {
            """
            rolled_\(grain.rawValue) AS (
                INSERT INTO \(PostgresSchema.table(grain)) AS r (mn, code, start, n, total, low, high)
                SELECT mn, code, \(PostgresSchema.periodStart(grain, "time")) AS s, count(*), sum(value), min(value), max(value)
                FROM src WHERE flag = '\(DataFlag.normal.rawValue)' AND (SELECT yes FROM fresh)
                GROUP BY mn, code, s ORDER BY mn, code, s
                ON CONFLICT (mn, code, start) DO UPDATE SET n = r.n + excluded.n, total = r.total + excluded.total,
                    low = least(r.low, excluded.low), high = greatest(r.high, excluded.high)),
            """
        }
        let rollups = RollupGrain.allCases.map(rollup).joined(separator: "\n")
        let row = try await db.query("""
            WITH src AS MATERIALIZED (
                SELECT * FROM unnest(\(all.map(\.mn))::text[], \(all.map(\.code))::text[], \(all.map(\.time))::int8[],
                                     \(all.map { Int64($0.dataType.rawValue) })::int8[], \(all.map(\.value))::float8[],
                                     \(all.map(\.flag.rawValue))::text[]) WITH ORDINALITY AS r (mn, code, time, cn, value, flag, ord)),
            ins AS (
                INSERT INTO reading (mn, code, time, cn, value, flag)
                SELECT mn, code, time, cn, value, flag FROM src ORDER BY mn, code, time, cn, ord
                ON CONFLICT (mn, code, time, cn) DO NOTHING RETURNING mn, code, time, cn),
            fresh AS (SELECT count(*) = \(all.count) AS yes FROM ins),
            moved AS (
                INSERT INTO latest AS l (mn, code, value, flag, time, cn)
                SELECT DISTINCT ON (mn, code) mn, code, value, flag, time, cn FROM src WHERE (SELECT yes FROM fresh)
                ORDER BY mn, code, time DESC, ord DESC
                ON CONFLICT (mn, code) DO UPDATE SET value = excluded.value, flag = excluded.flag, time = excluded.time, cn = excluded.cn
                WHERE excluded.time >= l.time),
            \(unescaped: rollups)
            logged AS (
                INSERT INTO frame (mn, qn, cn, received, readings)
                SELECT mn, qn, cn, \(now), readings
                FROM unnest(\(frames.map(\.mn))::text[], \(frames.map(\.qn))::text[], \(frames.map { Int64($0.dataType.rawValue) })::int8[],
                            \(frames.map { Int64($0.readings.count) })::int8[]) AS f (mn, qn, cn, readings)
                WHERE (SELECT yes FROM fresh)),
            counted AS (
                INSERT INTO feed_count AS c (reason, count) SELECT 'accepted', \(Int64(frames.count)) WHERE (SELECT yes FROM fresh)
                ON CONFLICT (reason) DO UPDATE SET count = c.count + excluded.count),
            notified AS (SELECT pg_notify(\(changeChannel), ''))
            SELECT f.yes, (SELECT array_agg(mn) FROM ins WHERE NOT f.yes), (SELECT array_agg(code) FROM ins WHERE NOT f.yes),
                   (SELECT array_agg(time) FROM ins WHERE NOT f.yes), (SELECT array_agg(cn) FROM ins WHERE NOT f.yes)
            FROM fresh f, notified
            """, logger: logger).collect().first
        guard let row else { throw StoreError.unreadableRow(location: location, table: "reading", detail: "the batch's insert gave no answer") }
        let (fresh, mns, codes, times, cns) = try row.decode((Bool, [String]?, [String]?, [Int64]?, [Int64]?).self)
        if fresh { return nil }
        let (m, c, t, n) = (mns ?? [], codes ?? [], times ?? [], cns ?? [])
        guard m.count == c.count, c.count == t.count, t.count == n.count else {
            throw StoreError.unreadableRow(location: location, table: "reading", detail: "the batch's inserted records came back uneven")
        }
        return Set(m.indices.map { RecordKey(mn: m[$0], code: c[$0], time: t[$0], cn: Int(n[$0])) })
    }

    /// The rest of a batch holding records stored before, `inserted` being those its first
    /// statement stored: the others are read and locked (a correction by another node waits),
    /// each frame is judged new, corrected or a duplicate as if the batch came one frame at a
    /// time, and the corrections, latest values, roll-ups (recomputing corrected periods), frame
    /// log and counters follow.
    private static func storeSorted(_ frames: [IngestFrame], inserted given: Set<RecordKey>, now: Int64,
                                    _ db: PostgresConnection) async throws -> [IngestOutcome] {
        var inserted = given
        let all = frames.flatMap(\.readings)
        func key(_ r: Reading) -> RecordKey { RecordKey(mn: r.mn, code: r.code, time: r.time, cn: r.dataType.rawValue) }
            // What is stored already of the others (locked: a correction by another node waits).
        let others = Array(Set(all.map(key)).subtracting(inserted)).sorted { ($0.mn, $0.code, $0.time, $0.cn) < ($1.mn, $1.code, $1.time, $1.cn) }
        var current: [RecordKey: (value: Double, flag: String)] = [:]
        if !others.isEmpty {
            for try await (mn, code, time, cn, value, flag) in try await db.query("""
                SELECT r.mn, r.code, r.time, r.cn, r.value, r.flag FROM reading r
                JOIN unnest(\(others.map(\.mn))::text[], \(others.map(\.code))::text[], \(others.map(\.time))::int8[],
                            \(others.map { Int64($0.cn) })::int8[]) AS k (mn, code, time, cn)
                  ON r.mn = k.mn AND r.code = k.code AND r.time = k.time AND r.cn = k.cn
                ORDER BY r.mn, r.code, r.time, r.cn FOR UPDATE OF r
                """, logger: logger).decode((String, String, Int64, Int, Double, String).self) {
                current[RecordKey(mn: mn, code: code, time: time, cn: cn)] = (value, flag)
            }
        }
        var outcomes: [IngestOutcome] = []
        var changed: [Reading] = []
        var corrections: [RecordKey: Reading] = [:]
        var logged: [(frame: IngestFrame, records: Int)] = []
        var rollups = RollupBatch()
        var accepted = 0, correctedTotal = 0
        for frame in frames {
            var added = 0, corrected = 0
            for r in frame.readings {
                let k = key(r)
                if inserted.remove(k) != nil {
                    added += 1
                    rollups.add(r)
                } else {
                    guard let old = current[k], old.value != r.value || old.flag != r.flag.rawValue else { continue }
                    corrected += 1
                    corrections[k] = r
                    rollups.recompute(r)
                }
                current[k] = (r.value, r.flag.rawValue)
                changed.append(r)
            }
            if frame.readings.isEmpty || added + corrected > 0 {
                logged.append((frame, added + corrected))
                accepted += 1
                correctedTotal += corrected
                outcomes.append(.stored(added: added, corrected: corrected))
            } else {
                outcomes.append(.duplicate)
            }
        }
        if !corrections.isEmpty {
            let c = corrections.sorted { ($0.key.mn, $0.key.code, $0.key.time, $0.key.cn) < ($1.key.mn, $1.key.code, $1.key.time, $1.key.cn) }.map(\.value)
            try await db.query("""
                UPDATE reading r SET value = u.value, flag = u.flag
                FROM unnest(\(c.map(\.mn))::text[], \(c.map(\.code))::text[], \(c.map(\.time))::int8[],
                            \(c.map { Int64($0.dataType.rawValue) })::int8[], \(c.map(\.value))::float8[],
                            \(c.map(\.flag.rawValue))::text[]) AS u (mn, code, time, cn, value, flag)
                WHERE r.mn = u.mn AND r.code = u.code AND r.time = u.time AND r.cn = u.cn
                """, logger: logger)
        }
        if !changed.isEmpty { try await Self.moveLatest(changed, db) }
        try await Self.writeRollups(rollups, db)
        if !logged.isEmpty {
            try await db.query("""
                INSERT INTO frame (mn, qn, cn, received, readings)
                SELECT * FROM unnest(\(logged.map(\.frame.mn))::text[], \(logged.map(\.frame.qn))::text[],
                                     \(logged.map { Int64($0.frame.dataType.rawValue) })::int8[],
                                     \(Array(repeating: now, count: logged.count))::int8[], \(logged.map { Int64($0.records) })::int8[])
                """, logger: logger)
        }
        try await Self.bump(["accepted": accepted, "duplicate": frames.count - accepted, "corrected": correctedTotal], db)
        return outcomes
    }

    /// Moves the latest values forward: one row per station and code (the newest; of equal
    /// times the last given), in key order (inside the caller's transaction).
    private static func moveLatest(_ readings: [Reading], _ db: PostgresConnection) async throws {
        try await db.query("""
            INSERT INTO latest AS l (mn, code, value, flag, time, cn)
            SELECT DISTINCT ON (mn, code) mn, code, value, flag, time, cn
            FROM unnest(\(readings.map(\.mn))::text[], \(readings.map(\.code))::text[], \(readings.map(\.value))::float8[],
                        \(readings.map(\.flag.rawValue))::text[], \(readings.map(\.time))::int8[],
                        \(readings.map { Int64($0.dataType.rawValue) })::int8[])
                 WITH ORDINALITY AS r (mn, code, value, flag, time, cn, ord)
            ORDER BY mn, code, time DESC, ord DESC
            ON CONFLICT (mn, code) DO UPDATE SET value = excluded.value, flag = excluded.flag, time = excluded.time, cn = excluded.cn
            WHERE excluded.time >= l.time
            """, logger: logger)
    }

    /// Moves each station's newest minute, hourly and daily record time forward (`recordTimes`),
    /// in key order (inside the caller's transaction).
    private static func moveRecordTimes(_ frames: [IngestFrame], _ db: PostgresConnection) async throws {
        var newest: [String: [Int: Int64]] = [:]
        for frame in frames where frame.dataType.isHistory {
            guard let time = frame.readings.map(\.time).max() else { continue }
            newest[frame.mn, default: [:]][frame.dataType.rawValue] = max(newest[frame.mn]?[frame.dataType.rawValue] ?? .min, time)
        }
        let rows = newest.flatMap { mn, times in times.map { (mn: mn, cn: Int64($0.key), time: $0.value) } }
            .sorted { ($0.mn, $0.cn) < ($1.mn, $1.cn) }
        guard !rows.isEmpty else { return }
        try await db.query("""
            INSERT INTO record_time AS t (mn, cn, time)
            SELECT * FROM unnest(\(rows.map(\.mn))::text[], \(rows.map(\.cn))::int8[], \(rows.map(\.time))::int8[])
            ON CONFLICT (mn, cn) DO UPDATE SET time = excluded.time WHERE excluded.time > t.time
            """, logger: logger)
    }

    /// Adds the batch's sums to the roll-ups (so concurrent nodes add exactly), then recomputes
    /// the periods of corrected records from the finer grain, hours before days before months.
    private static func writeRollups(_ batch: RollupBatch, _ db: PostgresConnection) async throws {
        let periods = batch.periods.sorted { $0.key < $1.key }
        for grain in RollupGrain.allCases {
            let rows = periods.filter { $0.key.grain == grain }
            guard !rows.isEmpty else { continue }
            try await db.query("""
                INSERT INTO \(unescaped: PostgresSchema.table(grain)) AS r (mn, code, start, n, total, low, high)
                SELECT * FROM unnest(\(rows.map(\.key.mn))::text[], \(rows.map(\.key.code))::text[], \(rows.map(\.key.start))::int8[],
                                     \(rows.map { Int64($0.value.n) })::int8[], \(rows.map(\.value.total))::float8[],
                                     \(rows.map(\.value.low))::float8[], \(rows.map(\.value.high))::float8[])
                ON CONFLICT (mn, code, start) DO UPDATE SET n = r.n + excluded.n, total = r.total + excluded.total,
                    low = least(r.low, excluded.low), high = greatest(r.high, excluded.high)
                """, logger: logger)
        }
        for grain in RollupGrain.allCases {
            for key in batch.recomputed.filter({ $0.grain == grain }).sorted() {
                let table = PostgresSchema.table(grain), end = grain.nextStart(after: key.start)
                try await db.query("DELETE FROM \(unescaped: table) WHERE mn = \(key.mn) AND code = \(key.code) AND start = \(key.start)",
                                   logger: logger)
                if grain == .hour {
                    try await db.query("""
                        INSERT INTO rollup_hour (mn, code, start, n, total, low, high)
                        SELECT mn, code, \(key.start), count(*), sum(value), min(value), max(value) FROM reading
                        WHERE mn = \(key.mn) AND code = \(key.code) AND time >= \(key.start) AND time < \(end) AND flag = 'N'
                        GROUP BY mn, code
                        """, logger: logger)
                } else {
                    let source = PostgresSchema.table(grain == .day ? .hour : .day)
                    try await db.query("""
                        INSERT INTO \(unescaped: table) (mn, code, start, n, total, low, high)
                        SELECT mn, code, \(key.start), sum(n), sum(total), min(low), max(high) FROM \(unescaped: source)
                        WHERE mn = \(key.mn) AND code = \(key.code) AND start >= \(key.start) AND start < \(end) GROUP BY mn, code
                        """, logger: logger)
                }
            }
        }
    }
}
