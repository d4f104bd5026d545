import EcoWatchCore
import PostgresNIO

extension PostgresStore {
    /// The live tables a replacing bulk load empties (the programme stays).
    static let liveTables = ["reading", "latest", "record_time", "frame", "feed_count", "refusal_count", "bad_frame", "history_request", "alarm"]
        + RollupGrain.allCases.map(PostgresSchema.table)

    /// Each chunk in one transaction: `COPY … FROM STDIN` into a temporary staging table (the
    /// connection's own, emptied at commit), then into `reading` in one statement (the primary
    /// key refuses a record given twice), and the chunk's roll-ups and latest values computed
    /// by the server from the staged rows. At the end, the stations' record times come from
    /// the latest values, and `ANALYZE` gives the planner the new sizes.
    @discardableResult
    public func bulkLoad<Chunks: Sequence<[Reading]>>(_ chunks: Chunks, replacing: Bool,
                                                      progress: (BulkLoadProgress) -> Void) throws -> Int {
        let location = self.location
        try write(bounded: false) { db in
            if replacing {
                try await db.query("TRUNCATE \(unescaped: Self.liveTables.joined(separator: ", "))", logger: Self.logger)
            } else if try await db.query("SELECT EXISTS (SELECT 1 FROM reading)", logger: Self.logger).collect().first?.decode(Bool.self) == true {
                throw StoreError.holdsReadings(location: location)
            }
        }
        var stored = 0
        for chunk in chunks where !chunk.isEmpty {
            try write(bounded: false) { db in try await Self.loadChunk(chunk, db) }
            stored += chunk.count
            progress(.stored(readings: stored))
        }
        progress(.finishing)
        try write(bounded: false) { db in
            try await db.query("""
                INSERT INTO record_time AS t (mn, cn, time) \(unescaped: PostgresSchema.recordTimesFromLatest)
                ON CONFLICT (mn, cn) DO UPDATE SET time = excluded.time WHERE excluded.time > t.time
                """, logger: Self.logger)
            try await db.query("ANALYZE \(unescaped: (["reading", "latest"] + RollupGrain.allCases.map(PostgresSchema.table)).joined(separator: ", "))",
                               logger: Self.logger)
        }
        return stored
    }

    /// Stores one chunk of new records with its roll-ups and latest values (inside the caller's transaction).
    private static func loadChunk(_ chunk: [Reading], _ db: PostgresConnection) async throws {
        let logger = Self.logger
        // The chunk's sorts and hashes in memory; its commit need not wait for the disk (a
        // crash loses the last chunks of a load, which is started again with --force).
        try await db.query("SET LOCAL work_mem = '256MB'", logger: logger)
        try await db.query("SET LOCAL synchronous_commit = off", logger: logger)
        try await db.query("""
            CREATE TEMPORARY TABLE IF NOT EXISTS bulk_reading (
                mn TEXT NOT NULL, code TEXT NOT NULL, time BIGINT NOT NULL, cn BIGINT NOT NULL,
                value DOUBLE PRECISION NOT NULL, flag TEXT NOT NULL) ON COMMIT DELETE ROWS
            """, logger: logger)
        try await db.copyFrom(table: "bulk_reading", columns: readingColumns, logger: logger) { writer in
            try await copyReadings(chunk, to: writer)
        }
        try await db.query("""
            INSERT INTO reading (mn, code, time, cn, value, flag) SELECT mn, code, time, cn, value, flag FROM bulk_reading
            """, logger: logger)
        for grain in RollupGrain.allCases {
            try await db.query(PostgresQuery(unsafeSQL: PostgresSchema.addToRollups(grain, """
                SELECT mn, code, \(PostgresSchema.periodStart(grain, "time")) AS s, count(*), sum(value), min(value), max(value)
                FROM bulk_reading WHERE flag = '\(DataFlag.normal.rawValue)' GROUP BY mn, code, s
                """)), logger: logger)
        }
        try await db.query(PostgresQuery(unsafeSQL: PostgresSchema.moveLatest("""
            SELECT DISTINCT ON (mn, code) mn, code, value, flag, time, cn FROM bulk_reading ORDER BY mn, code, time DESC, cn DESC
            """)), logger: logger)
    }

    /// Sends `readings` to a `COPY … FROM STDIN` of the columns (mn, code, time, cn, value,
    /// flag), in COPY's text format and in the given order.
    static func copyReadings(_ readings: some Collection<Reading>, to writer: PostgresCopyFromWriter) async throws {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(min(1 << 20, readings.count * 64))
        for r in readings {
            buffer.writeString(copyText(r.mn))
            buffer.writeInteger(UInt8(ascii: "\t"))
            buffer.writeString(copyText(r.code))
            buffer.writeString("\t\(r.time)\t\(r.dataType.rawValue)\t\(r.value)\t")
            buffer.writeString(copyText(r.flag.rawValue))
            buffer.writeInteger(UInt8(ascii: "\n"))
            if buffer.readableBytes >= 1 << 20 {
                try await writer.write(buffer)
                buffer.clear()
            }
        }
        if buffer.readableBytes > 0 { try await writer.write(buffer) }
    }

    /// The columns `copyReadings` sends, in its order.
    static let readingColumns = ["mn", "code", "time", "cn", "value", "flag"]

    /// `text` in COPY's text format: backslash, tab, newline and carriage return escaped.
    private static func copyText(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) else {
            return text
        }
        return text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
            .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
    }
}
