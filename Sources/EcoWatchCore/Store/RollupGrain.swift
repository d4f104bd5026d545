import GRDB

/// The periods the store aggregates readings over. Days and months are Beijing time (UTC+8,
/// no daylight saving), as the programme reports them; hours are whole hours.
public enum RollupGrain: String, CaseIterable, Sendable {
    case hour, day, month

    /// The table holding this grain's aggregates.
    var table: String { "rollup_\(rawValue)" }

    /// Seconds Beijing time is ahead of UTC.
    static let beijingOffset: Int64 = 8 * 3600

    /// The start (seconds since 1970) of the period holding `time`.
    public func periodStart(_ time: Int64) -> Int64 {
        switch self {
        case .hour:
            return Self.floor(time, 3600)
        case .day:
            return Self.floor(time + Self.beijingOffset, 86_400) - Self.beijingOffset
        case .month:
            let local = Day(ordinal: Int(Self.floor(time + Self.beijingOffset, 86_400) / 86_400))
            let first = Day(year: local.year, month: local.month, day: 1) ?? local
            return Int64(first.ordinal) * 86_400 - Self.beijingOffset
        }
    }

    /// The start of the period after the one starting at `start`.
    public func nextStart(after start: Int64) -> Int64 {
        switch self {
        case .hour: return start + 3600
        case .day: return start + 86_400
        case .month: return periodStart(start + 32 * 86_400)
        }
    }

    /// `periodStart` as an SQL expression of the integer column or expression `time`
    /// (for bulk roll-ups; must agree with `periodStart`, which the tests check).
    func sqlStart(_ time: String) -> String {
        switch self {
        case .hour:
            return "(\(time) - ((\(time) % 3600) + 3600) % 3600)"
        case .day:
            return "(\(time) + 28800 - (((\(time) + 28800) % 86400) + 86400) % 86400 - 28800)"
        case .month:
            return "(CAST(strftime('%s', \(time) + 28800, 'unixepoch', 'start of month') AS INTEGER) - 28800)"
        }
    }

    private static func floor(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && a < 0) ? (q - 1) * b : q * b
    }

    /// Recomputes every roll-up from `reading` in bulk: hours from the N-flagged readings,
    /// days from hours and months from days (a Beijing day is made of whole UTC hours).
    static func rebuildAll(_ db: Database) throws {
        for grain in allCases { try db.execute(sql: "DELETE FROM \(grain.table)") }
        try db.execute(sql: bulkSQL(.hour, where: "1"))
        try db.execute(sql: bulkSQL(.day, where: "1"))
        try db.execute(sql: bulkSQL(.month, where: "1"))
    }

    /// Adds the roll-ups of one station whose readings are exactly those from `firstRowID` on
    /// and which has none yet (a bulk load, station after station): the group-by sorts one
    /// station's rows, hot in the cache, instead of the whole table at the end.
    static func rollUpLoadedStation(_ db: Database, mn: String, firstRowID: Int64) throws {
        try db.execute(sql: bulkSQL(.hour, where: "rowid >= ?"), arguments: [firstRowID])
        try db.execute(sql: bulkSQL(.day, where: "mn = ?"), arguments: [mn])
        try db.execute(sql: bulkSQL(.month, where: "mn = ?"), arguments: [mn])
    }

    /// Replaces one period's aggregate with one computed afresh from the finer grain (an hour
    /// from `reading`, a day from its hours, a month from its days). Inside the caller's
    /// transaction; a period left without N-flagged values loses its row.
    func recompute(_ db: Database, mn: String, code: String, start: Int64) throws {
        try db.cachedStatement(sql: "DELETE FROM \(table) WHERE mn = ? AND code = ? AND start = ?")
            .execute(arguments: [mn, code, start])
        let sql = switch self {
        case .hour:
            """
            INSERT INTO rollup_hour (mn, code, start, n, total, low, high)
            SELECT mn, code, ?3, count(*), sum(value), min(value), max(value) FROM reading
            WHERE mn = ?1 AND code = ?2 AND time >= ?3 AND time < ?4 AND flag = 'N' GROUP BY mn, code
            """
        case .day, .month:
            """
            INSERT INTO \(table) (mn, code, start, n, total, low, high)
            SELECT mn, code, ?3, sum(n), sum(total), min(low), max(high) FROM \((self == .day ? RollupGrain.hour : .day).table)
            WHERE mn = ?1 AND code = ?2 AND start >= ?3 AND start < ?4 GROUP BY mn, code
            """
        }
        try db.cachedStatement(sql: sql).execute(arguments: [mn, code, start, nextStart(after: start)])
    }

    /// `INSERT … SELECT … GROUP BY` filling this grain from the finer one (hours from `reading`).
    private static func bulkSQL(_ grain: RollupGrain, where condition: String) -> String {
        switch grain {
        case .hour:
            return """
                INSERT INTO rollup_hour (mn, code, start, n, total, low, high)
                SELECT mn, code, \(grain.sqlStart("time")) AS s, count(*), sum(value), min(value), max(value)
                FROM reading WHERE flag = 'N' AND \(condition) GROUP BY mn, code, s
                """
        case .day, .month:
            let source = grain == .day ? RollupGrain.hour : .day
            return """
                INSERT INTO \(grain.table) (mn, code, start, n, total, low, high)
                SELECT mn, code, \(grain.sqlStart("start")) AS s, sum(n), sum(total), min(low), max(high)
                FROM \(source.table) WHERE \(condition) GROUP BY mn, code, s
                """
        }
    }
}

/// One period of a station's code: how many N-flagged values it held and their mean, low and high.
public struct SeriesPoint: Hashable, Sendable {
    /// Start of the period, seconds since 1970.
    public let start: Int64
    public let count: Int
    public let mean: Double
    public let low: Double
    public let high: Double

    public init(start: Int64, count: Int, mean: Double, low: Double, high: Double) {
        self.start = start
        self.count = count
        self.mean = mean
        self.low = low
        self.high = high
    }
}

/// Roll-up accumulation for one ingest transaction: new values are merged per period in
/// memory, then each back end UPSERTs each period once; a period holding a corrected record is
/// instead recomputed from the finer grain, so a correction leaves it exactly as if the new value
/// had come first (no subtraction, no rounding drift, min and max right).
public struct RollupBatch: Sendable {
    public struct Key: Hashable, Comparable, Sendable {
        public let grain: RollupGrain
        public let mn: String
        public let code: String
        public let start: Int64

        /// Grain, then station, code and period: the one order every writer locks rows in.
        public static func < (a: Key, b: Key) -> Bool {
            (a.grain.rawValue, a.mn, a.code, a.start) < (b.grain.rawValue, b.mn, b.code, b.start)
        }
    }
    public struct Totals: Sendable {
        public var n = 0
        public var total = 0.0
        public var low = Double.infinity
        public var high = -Double.infinity
    }
    public private(set) var periods: [Key: Totals] = [:]
    public private(set) var recomputed: Set<Key> = []

    public init() {}

    /// Marks the hour, day and month of a corrected record (whatever its old or new flag) for
    /// recomputation.
    public mutating func recompute(_ reading: Reading) {
        for grain in RollupGrain.allCases {
            recomputed.insert(Key(grain: grain, mn: reading.mn, code: reading.code, start: grain.periodStart(reading.time)))
        }
    }

    /// Counts `reading` if it is N-flagged (only normal values count toward statistics).
    public mutating func add(_ reading: Reading) {
        guard reading.flag.countsTowardStatistics else { return }
        for grain in RollupGrain.allCases {
            let key = Key(grain: grain, mn: reading.mn, code: reading.code, start: grain.periodStart(reading.time))
            var t = periods[key] ?? Totals()
            t.n += 1
            t.total += reading.value
            t.low = min(t.low, reading.value)
            t.high = max(t.high, reading.value)
            periods[key] = t
        }
    }

    /// Writes the batch into the roll-up tables (inside the caller's transaction): the sums of
    /// new values first, then the recomputed periods, hours before days before months (each
    /// grain is recomputed from the finer one, which must be final by then).
    func write(_ db: Database) throws {
        try writeSums(db)
        for grain in RollupGrain.allCases {
            for key in recomputed where key.grain == grain {
                try grain.recompute(db, mn: key.mn, code: key.code, start: key.start)
            }
        }
    }

    private func writeSums(_ db: Database) throws {
        guard !periods.isEmpty else { return }
        var statements: [RollupGrain: Statement] = [:]
        for grain in RollupGrain.allCases {
            statements[grain] = try db.cachedStatement(sql: """
                INSERT INTO \(grain.table) (mn, code, start, n, total, low, high) VALUES (?,?,?,?,?,?,?)
                ON CONFLICT (mn, code, start) DO UPDATE SET n = n + excluded.n, total = total + excluded.total,
                    low = min(low, excluded.low), high = max(high, excluded.high)
                """)
        }
        for (key, t) in periods where !recomputed.contains(key) {
            try statements[key.grain]!.execute(arguments: [key.mn, key.code, key.start, t.n, t.total, t.low, t.high])
        }
    }
}
