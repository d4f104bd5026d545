import EcoWatchCore
import Foundation
import PostgresNIO

// The ingest write path: one transaction per group commit, whatever the batch size, in a few
// round trips. Acknowledgements go out only after `write` has committed.
extension PostgresStore {
    /// A record's identity: MN, code, DataTime and CN (never the QN). Its order (DataTime, CN,
    /// MN, code: the numbers first, cheap to compare) is the one every writer inserts and locks
    /// readings in, so two nodes storing the same records never deadlock on them.
    struct RecordKey: Hashable, Comparable {
        let mn: String, code: String, time: Int64, cn: Int

        init(mn: String, code: String, time: Int64, cn: Int) { (self.mn, self.code, self.time, self.cn) = (mn, code, time, cn) }
        init(_ r: Reading) { self.init(mn: r.mn, code: r.code, time: r.time, cn: r.dataType.rawValue) }

        static func < (a: RecordKey, b: RecordKey) -> Bool { Self.precedes(a.time, a.cn, a.mn, a.code, b.time, b.cn, b.mn, b.code) }

        /// The order of `<` on a record's parts: what sorting a batch's readings compares
        /// without making keys.
        static func precedes(_ t1: Int64, _ c1: Int, _ m1: String, _ k1: String, _ t2: Int64, _ c2: Int, _ m2: String, _ k2: String) -> Bool {
            if t1 != t2 { return t1 < t2 }
            if c1 != c2 { return c1 < c2 }
            if m1 != m2 { return m1 < m2 }
            return k1 < k2
        }
    }

    /// Stores a group commit's frames in one transaction. The usual batch, every record new and
    /// given once, is a COPY of its readings and one statement for the rest (`storeNew`); a batch
    /// holding a record stored before (a resend, a correction, another node's copy) or given
    /// twice goes on record by record (`storeSorted`).
    public func ingest(_ frames: [IngestFrame]) throws -> [IngestOutcome] {
        guard !frames.isEmpty else { return [] }
        let now = Int64(Date().timeIntervalSince1970)
        return try write(notifies: false) { db in
            if let outcomes = try await Self.storeNew(frames, now: now, db) { return outcomes }
            return try await Self.storeSorted(frames, now: now, db)
        }
    }

    /// The batch's readings in identity order; of a record given twice, the first given first.
    private static func sortedReadings(_ frames: [IngestFrame]) -> [Reading] {
        let all = frames.flatMap(\.readings)
        return all.indices.sorted { i, j in
            let (a, b) = (all[i], all[j])
            if a.time == b.time, a.dataType == b.dataType, a.mn == b.mn, a.code == b.code { return i < j }
            return RecordKey.precedes(a.time, a.dataType.rawValue, a.mn, a.code, b.time, b.dataType.rawValue, b.mn, b.code)
        }.map { all[$0] }
    }

    /// Whether two readings are of one record.
    private static func sameRecord(_ a: Reading, _ b: Reading) -> Bool {
        a.time == b.time && a.dataType == b.dataType && a.mn == b.mn && a.code == b.code
    }

    /// Stores a batch whose records are all new and distinct: the readings by `COPY` (in
    /// identity order), then `BatchTail` with the latest values, the roll-ups' sums, the frame
    /// log, the accepted count, the record times and the notification, all computed here. Nil,
    /// with nothing written, when a record is given twice or was stored before: the primary key
    /// refuses the COPY (after waiting for another node's transaction holding the record) and
    /// its savepoint is rolled back.
    private static func storeNew(_ frames: [IngestFrame], now: Int64, _ db: PostgresConnection) async throws -> [IngestOutcome]? {
        let readings = sortedReadings(frames)
        for i in readings.indices.dropFirst() where sameRecord(readings[i - 1], readings[i]) { return nil }
        try await db.query("SAVEPOINT new_records", logger: logger)
        do {
            try await db.copyFrom(table: "reading", columns: readingColumns, logger: logger) { writer in
                try await copyReadings(readings, to: writer)
            }
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
            try await db.query("ROLLBACK TO SAVEPOINT new_records", logger: logger)
            return nil
        }
        var rollups = RollupBatch()
        for r in readings { rollups.add(r) }
        try await BatchTail(latest: newest(frames.flatMap(\.readings)), rollups: rollups,
                            logged: frames.map { ($0, $0.readings.count) }, received: now, counts: ["accepted": frames.count],
                            recordTimes: recordTimes(frames)).run(db)
        return frames.map { .stored(added: $0.readings.count, corrected: 0) }
    }

    /// A batch holding records stored before or given twice: its records are inserted where new
    /// (the first given of a repeated one), the others read and locked (a correction by another
    /// node waits), each frame judged new, corrected or a duplicate as if the batch came one
    /// frame at a time, and the corrections, latest values, roll-ups (recomputing corrected
    /// periods), frame log, counters and record times follow.
    private static func storeSorted(_ frames: [IngestFrame], now: Int64, _ db: PostgresConnection) async throws -> [IngestOutcome] {
        let all = sortedReadings(frames)
        var inserted = Set<RecordKey>()
        for try await (mn, code, time, cn) in try await db.query("""
            INSERT INTO reading (mn, code, time, cn, value, flag)
            SELECT * FROM unnest(\(all.map(\.mn))::text[], \(all.map(\.code))::text[], \(all.map(\.time))::int8[],
                                 \(all.map { Int64($0.dataType.rawValue) })::int8[], \(all.map(\.value))::float8[],
                                 \(all.map(\.flag.rawValue))::text[])
            ON CONFLICT (mn, code, time, cn) DO NOTHING RETURNING mn, code, time, cn
            """, logger: logger).decode((String, String, Int64, Int).self) {
            inserted.insert(RecordKey(mn: mn, code: code, time: time, cn: cn))
        }
        // What is stored already of the others (locked: a correction by another node waits).
        let others = Array(Set(all.map(RecordKey.init)).subtracting(inserted)).sorted()
        var current: [RecordKey: (value: Double, flag: String)] = [:]
        if !others.isEmpty {
            for try await (mn, code, time, cn, value, flag) in try await db.query("""
                SELECT r.mn, r.code, r.time, r.cn, r.value, r.flag FROM reading r
                JOIN unnest(\(others.map(\.mn))::text[], \(others.map(\.code))::text[], \(others.map(\.time))::int8[],
                            \(others.map { Int64($0.cn) })::int8[]) AS k (mn, code, time, cn)
                  ON r.mn = k.mn AND r.code = k.code AND r.time = k.time AND r.cn = k.cn
                ORDER BY r.time, r.cn, r.mn, r.code FOR UPDATE OF r
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
                let k = RecordKey(r)
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
            let c = corrections.sorted { $0.key < $1.key }.map(\.value)
            try await db.query("""
                UPDATE reading r SET value = u.value, flag = u.flag
                FROM unnest(\(c.map(\.mn))::text[], \(c.map(\.code))::text[], \(c.map(\.time))::int8[],
                            \(c.map { Int64($0.dataType.rawValue) })::int8[], \(c.map(\.value))::float8[],
                            \(c.map(\.flag.rawValue))::text[]) AS u (mn, code, time, cn, value, flag)
                WHERE r.mn = u.mn AND r.code = u.code AND r.time = u.time AND r.cn = u.cn
                """, logger: logger)
        }
        // In the lock order of `storeNew`'s statement: the latest values, then the sums with the
        // periods to recompute (hour, day, month), then the frame log, counters and record times.
        try await BatchTail(latest: newest(changed), rollups: rollups, notifies: false).run(db)
        try await recompute(rollups.recomputed, db)
        try await BatchTail(logged: logged, received: now,
                            counts: ["accepted": accepted, "duplicate": frames.count - accepted, "corrected": correctedTotal],
                            recordTimes: recordTimes(frames), notifies: accepted > 0).run(db)
        return outcomes
    }

    /// Of `readings` (in the order given), the newest of each station and code, the last given
    /// of equal times: what moves `latest`.
    private static func newest(_ readings: [Reading]) -> [Reading] {
        var latest: [String: [String: Reading]] = [:]
        for r in readings where (latest[r.mn]?[r.code]?.time ?? .min) <= r.time {
            latest[r.mn, default: [:]][r.code] = r
        }
        return latest.values.flatMap(\.values).sorted { ($0.mn, $0.code) < ($1.mn, $1.code) }
    }

    /// Each station's newest minute, hourly and daily record time in `frames`, by station and CN.
    private static func recordTimes(_ frames: [IngestFrame]) -> [(mn: String, cn: Int64, time: Int64)] {
        var newest: [String: [Int: Int64]] = [:]
        for frame in frames where frame.dataType.isHistory {
            guard let time = frame.readings.map(\.time).max() else { continue }
            newest[frame.mn, default: [:]][frame.dataType.rawValue] = max(newest[frame.mn]?[frame.dataType.rawValue] ?? .min, time)
        }
        return newest.flatMap { mn, times in times.map { (mn: mn, cn: Int64($0.key), time: $0.value) } }
            .sorted { ($0.mn, $0.cn) < ($1.mn, $1.cn) }
    }

    /// Recomputes the periods of corrected records from the finer grain, hours (from the
    /// readings) before days before months, in key order. Each period's row was locked, or
    /// created empty when there was none, by the batch's first `BatchTail` (a sum of nothing,
    /// waiting for a node that is adding the period's first row, in the lock order of every
    /// writer); only then is it read again and rewritten, so a node adding to the period commits
    /// either before (its readings are in the recomputed sums) or after (its sums are added to
    /// them): exact either way, never a duplicate key.
    private static func recompute(_ periods: Set<RollupBatch.Key>, _ db: PostgresConnection) async throws {
        for key in RollupGrain.allCases.flatMap({ grain in periods.filter { $0.grain == grain }.sorted() }) {
            let table = PostgresSchema.table(key.grain), end = key.grain.nextStart(after: key.start)
            var period = PostgresBindings()
            period.append(key.mn)
            period.append(key.code)
            period.append(key.start)
            try await db.query("DELETE FROM \(unescaped: table) WHERE mn = \(key.mn) AND code = \(key.code) AND start = \(key.start)",
                               logger: logger)
            period.append(end)
            let sums: String
            if key.grain == .hour {
                period.append(DataFlag.normal.rawValue)
                sums = """
                    SELECT mn, code, $3::int8, count(*), sum(value), min(value), max(value) FROM reading
                    WHERE mn = $1 AND code = $2 AND time >= $3 AND time < $4 AND flag = $5 GROUP BY mn, code
                    """
            } else {
                sums = """
                    SELECT mn, code, $3::int8, sum(n), sum(total), min(low), max(high) FROM \(PostgresSchema.table(key.grain == .day ? .hour : .day))
                    WHERE mn = $1 AND code = $2 AND start >= $3 AND start < $4 GROUP BY mn, code
                    """
            }
            try await db.query(PostgresQuery(unsafeSQL: PostgresSchema.addToRollups(key.grain, sums), binds: period), logger: logger)
        }
    }
}

/// What a batch writes beside its readings, in one statement of fixed text (prepared once per
/// connection, so the server parses and plans it once): the latest values moved forward, the
/// sums added to the hour, day and month roll-ups, the frame log, the feed counters, the
/// stations' record times, and the consoles' notification. Each part comes as arrays, in key
/// order (the order every writer locks rows in); a part given no rows writes and locks nothing.
struct BatchTail: PostgresPreparedStatement {
    typealias Row = Void

    var latest: [Reading] = []
    var rollups = RollupBatch()
    var logged: [(frame: IngestFrame, records: Int)] = []
    var received: Int64 = 0
    var counts: [String: Int] = [:]
    var recordTimes: [(mn: String, cn: Int64, time: Int64)] = []
    /// Whether the consoles are told (false when nothing they show changed: a batch of
    /// duplicates, or the first part of a batch whose last part tells them).
    var notifies = true

    static let sql: String = {
        var parameter = 0
        func unnest(_ types: String...) -> String {
            let arrays = types.map { type in
                parameter += 1
                return "$\(parameter)::\(type)[]"
            }
            return "SELECT * FROM unnest(\(arrays.joined(separator: ", ")))"
        }
        let latest = PostgresSchema.moveLatest(unnest("text", "text", "float8", "text", "int8", "int8"))
        let rollups = RollupGrain.allCases.map { grain in
            "rolled_\(grain.rawValue) AS (\(PostgresSchema.addToRollups(grain, unnest("text", "text", "int8", "int8", "float8", "float8", "float8"))))"
        }
        let logged = unnest("text", "text", "int8", "int8", "int8")
        let counted = unnest("text", "int8")
        let recordTimes = unnest("text", "int8", "int8")
        let notifies = "$\(parameter + 1)::bool"
        // PostgreSQL runs data-modifying CTEs that nothing references last to first in the
        // text, so they are written in the reverse of the lock order: latest, hour, day and
        // month roll-ups, frame log, feed counters, record times (as `storeSorted`).
        return """
            WITH timed AS (
                INSERT INTO record_time AS t (mn, cn, time) \(recordTimes)
                ON CONFLICT (mn, cn) DO UPDATE SET time = excluded.time WHERE excluded.time > t.time),
            counted AS (
                INSERT INTO feed_count AS c (reason, count) \(counted)
                ON CONFLICT (reason) DO UPDATE SET count = c.count + excluded.count),
            logged AS (INSERT INTO frame (mn, qn, cn, received, readings) \(logged)),
            \(rollups.reversed().joined(separator: ",\n")),
            moved AS (\(latest))
            SELECT pg_notify('\(PostgresStore.changeChannel)', '') WHERE \(notifies)
            """
    }()

    func makeBindings() throws -> PostgresBindings {
        var b = PostgresBindings()
        b.append(latest.map(\.mn))
        b.append(latest.map(\.code))
        b.append(latest.map(\.value))
        b.append(latest.map(\.flag.rawValue))
        b.append(latest.map(\.time))
        b.append(latest.map { Int64($0.dataType.rawValue) })
        // The periods to recompute are locked here too (created empty where missing, by a sum
        // of nothing), with the others and in the same order, before `recompute` rewrites them.
        var sums = rollups.periods.mapValues { (n: Int64($0.n), total: $0.total, low: $0.low, high: $0.high) }
        for key in rollups.recomputed where sums[key] == nil { sums[key] = (0, 0, .infinity, -.infinity) }
        let periods = sums.sorted { $0.key < $1.key }
        for grain in RollupGrain.allCases {
            let rows = periods.filter { $0.key.grain == grain }
            b.append(rows.map(\.key.mn))
            b.append(rows.map(\.key.code))
            b.append(rows.map(\.key.start))
            b.append(rows.map(\.value.n))
            b.append(rows.map(\.value.total))
            b.append(rows.map(\.value.low))
            b.append(rows.map(\.value.high))
        }
        b.append(logged.map(\.frame.mn))
        b.append(logged.map(\.frame.qn))
        b.append(logged.map { Int64($0.frame.dataType.rawValue) })
        b.append(Array(repeating: received, count: logged.count))
        b.append(logged.map { Int64($0.records) })
        let bumped = counts.filter { $0.value > 0 }.sorted { $0.key < $1.key }
        b.append(bumped.map(\.key))
        b.append(bumped.map { Int64($0.value) })
        b.append(recordTimes.map(\.mn))
        b.append(recordTimes.map(\.cn))
        b.append(recordTimes.map(\.time))
        b.append(notifies)
        return b
    }

    func decodeRow(_ row: PostgresRow) throws {}

    /// Runs the statement inside the caller's transaction.
    func run(_ db: PostgresConnection) async throws {
        for try await _ in try await db.execute(self, logger: PostgresStore.logger) {}
    }
}
