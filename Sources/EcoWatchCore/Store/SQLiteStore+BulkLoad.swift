import GRDB

extension SQLiteStore {
    /// The live tables a replacing bulk load empties (the programme stays).
    static let liveTables = ["reading", "latest", "record_time", "frame", "feed_count", "refusal_count", "bad_frame", "history_request", "alarm"]
        + RollupGrain.allCases.map(SQLiteRollups.table)

    /// Fast, for a database nobody else uses meanwhile: the journal and syncing are off and the
    /// record index is dropped during the load (rebuilt at the end, which also finds a record
    /// given twice), with a 256 MiB page cache; each chunk is one transaction of prepared
    /// inserts, and its roll-ups and latest values are computed by SQLite from the chunk's rows
    /// while they are in the cache; the stations' record times come from the latest values
    /// at the end. A load that fails leaves a database to delete (with the
    /// journal off, a failed chunk cannot be rolled back): `ecowatch generate` deletes it.
    @discardableResult
    public func bulkLoad<Chunks: Sequence<[Reading]>>(_ chunks: Chunks, replacing: Bool,
                                                      progress: (BulkLoadProgress) -> Void) throws -> Int {
        try writeWithoutTransaction { db in
            if replacing {
                try db.inTransaction {
                    for table in Self.liveTables { try db.execute(sql: "DELETE FROM \(table)") }
                    return .commit
                }
            } else if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM reading)") == true {
                throw StoreError.holdsReadings(location: path)
            }
            try db.execute(sql: """
                PRAGMA journal_mode = OFF;
                PRAGMA synchronous = OFF;
                PRAGMA cache_size = -262144;
                PRAGMA temp_store = FILE;
                DROP INDEX IF EXISTS reading_identity;
                """)
            let insert = try db.makeStatement(sql: "INSERT INTO reading (mn, code, time, cn, value, flag) VALUES (?,?,?,?,?,?)")
            let latest = try db.makeStatement(sql: """
                INSERT INTO latest AS l (mn, code, value, flag, time, cn)
                SELECT mn, code, value, flag, max(time), cn FROM reading WHERE rowid >= ? GROUP BY mn, code
                ON CONFLICT (mn, code) DO UPDATE SET value = excluded.value, flag = excluded.flag, time = excluded.time,
                    cn = excluded.cn WHERE excluded.time >= l.time
                """)
            var stored = 0, indexed = false
            defer {
                // Normal settings again, also after a failure (the index, when the rows allow it).
                if !indexed { try? db.execute(sql: Schema.readingIdentityIndexSQL) }
                try? db.execute(sql: "\(SQLiteStore.cacheSizePragma); PRAGMA temp_store = DEFAULT; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL")
            }
            for chunk in chunks where !chunk.isEmpty {
                try db.inTransaction {
                    let firstRowID = (try Int64.fetchOne(db, sql: "SELECT max(rowid) FROM reading") ?? 0) + 1
                    for r in chunk {
                        try insert.execute(arguments: [r.mn, r.code, r.time, r.dataType.rawValue, r.value, r.flag.rawValue])
                    }
                    try SQLiteRollups.addLoaded(db, firstRowID: firstRowID)
                    try latest.execute(arguments: [firstRowID])
                    return .commit
                }
                stored += chunk.count
                progress(.stored(readings: stored))
            }
            progress(.finishing)
            try db.execute(sql: Schema.recordTimesFromLatestSQL)
            try db.execute(sql: Schema.readingIdentityIndexSQL)
            indexed = true
            return stored
        }
    }
}
