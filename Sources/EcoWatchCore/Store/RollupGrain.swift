/// The periods the store aggregates readings over. Days and months are Beijing time (UTC+8,
/// no daylight saving), as the programme reports them; hours are whole hours.
public enum RollupGrain: String, CaseIterable, Sendable {
    case hour, day, month

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

    private static func floor(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && a < 0) ? (q - 1) * b : q * b
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
}
