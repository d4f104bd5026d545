import GRDB

/// The roll-up tables' SQL in SQLite: the one place that knows how a grain's periods are
/// computed in SQL (`start`, which must agree with `RollupGrain.periodStart`, as the tests check),
/// rebuilt in bulk, recomputed one period at a time, and added to from a `RollupBatch`.
enum SQLiteRollups {
    /// The table holding `grain`'s aggregates.
    static func table(_ grain: RollupGrain) -> String { "rollup_\(grain.rawValue)" }

    /// `grain.periodStart` as an SQL expression of the integer column or expression `time`.
    static func start(_ grain: RollupGrain, _ time: String) -> String {
        switch grain {
        case .hour:
            return "(\(time) - ((\(time) % 3600) + 3600) % 3600)"
        case .day:
            return "(\(time) + 28800 - (((\(time) + 28800) % 86400) + 86400) % 86400 - 28800)"
        case .month:
            return "(CAST(strftime('%s', \(time) + 28800, 'unixepoch', 'start of month') AS INTEGER) - 28800)"
        }
    }

    /// Recomputes every roll-up from `reading` in bulk: hours from the N-flagged readings,
    /// days from hours and months from days (a Beijing day is made of whole UTC hours).
    static func rebuildAll(_ db: Database) throws {
        for grain in RollupGrain.allCases { try db.execute(sql: "DELETE FROM \(table(grain))") }
        try db.execute(sql: """
            INSERT INTO rollup_hour (mn, code, start, n, total, low, high)
            SELECT mn, code, \(start(.hour, "time")) AS s, count(*), sum(value), min(value), max(value)
            FROM reading WHERE flag = 'N' GROUP BY mn, code, s
            """)
        for (grain, source) in [(RollupGrain.day, RollupGrain.hour), (.month, .day)] {
            try db.execute(sql: """
                INSERT INTO \(table(grain)) (mn, code, start, n, total, low, high)
                SELECT mn, code, \(start(grain, "start")) AS s, sum(n), sum(total), min(low), max(high)
                FROM \(table(source)) GROUP BY mn, code, s
                """)
        }
    }

    /// Adds the roll-ups of the readings from `firstRowID` on (a bulk load's chunk) to every
    /// grain, each straight from the readings, so a period split between two chunks adds up.
    static func addLoaded(_ db: Database, firstRowID: Int64) throws {
        for grain in RollupGrain.allCases {
            try db.cachedStatement(sql: """
                INSERT INTO \(table(grain)) AS r (mn, code, start, n, total, low, high)
                SELECT mn, code, \(start(grain, "time")) AS s, count(*), sum(value), min(value), max(value)
                FROM reading WHERE rowid >= ? AND flag = 'N' GROUP BY mn, code, s
                ON CONFLICT (mn, code, start) DO UPDATE SET n = r.n + excluded.n, total = r.total + excluded.total,
                    low = min(r.low, excluded.low), high = max(r.high, excluded.high)
                """).execute(arguments: [firstRowID])
        }
    }

    /// Writes `batch` into the roll-up tables (inside the caller's transaction): the sums of
    /// new values first, then the recomputed periods, hours before days before months (each
    /// grain is recomputed from the finer one, which must be final by then).
    static func write(_ batch: RollupBatch, _ db: Database) throws {
        if !batch.periods.isEmpty {
            var statements: [RollupGrain: Statement] = [:]
            for grain in RollupGrain.allCases {
                statements[grain] = try db.cachedStatement(sql: """
                    INSERT INTO \(table(grain)) AS r (mn, code, start, n, total, low, high) VALUES (?,?,?,?,?,?,?)
                    ON CONFLICT (mn, code, start) DO UPDATE SET n = r.n + excluded.n, total = r.total + excluded.total,
                        low = min(r.low, excluded.low), high = max(r.high, excluded.high)
                    """)
            }
            for (key, t) in batch.periods where !batch.recomputed.contains(key) {
                try statements[key.grain]!.execute(arguments: [key.mn, key.code, key.start, t.n, t.total, t.low, t.high])
            }
        }
        for grain in RollupGrain.allCases {
            for key in batch.recomputed where key.grain == grain {
                try recompute(grain, db, mn: key.mn, code: key.code, start: key.start)
            }
        }
    }

    /// Replaces one period's aggregate with one computed afresh from the finer grain (an hour
    /// from `reading`, a day from its hours, a month from its days). Inside the caller's
    /// transaction; a period left without N-flagged values loses its row.
    static func recompute(_ grain: RollupGrain, _ db: Database, mn: String, code: String, start: Int64) throws {
        try db.cachedStatement(sql: "DELETE FROM \(table(grain)) WHERE mn = ? AND code = ? AND start = ?")
            .execute(arguments: [mn, code, start])
        let sql = switch grain {
        case .hour:
            """
            INSERT INTO rollup_hour (mn, code, start, n, total, low, high)
            SELECT mn, code, ?3, count(*), sum(value), min(value), max(value) FROM reading
            WHERE mn = ?1 AND code = ?2 AND time >= ?3 AND time < ?4 AND flag = 'N' GROUP BY mn, code
            """
        case .day, .month:
            """
            INSERT INTO \(table(grain)) (mn, code, start, n, total, low, high)
            SELECT mn, code, ?3, sum(n), sum(total), min(low), max(high) FROM \(table(grain == .day ? .hour : .day))
            WHERE mn = ?1 AND code = ?2 AND start >= ?3 AND start < ?4 GROUP BY mn, code
            """
        }
        try db.cachedStatement(sql: sql).execute(arguments: [mn, code, start, grain.nextStart(after: start)])
    }
}
