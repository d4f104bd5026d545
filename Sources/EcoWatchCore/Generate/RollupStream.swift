import GRDB

/// Roll-ups of one station's readings as a bulk load writes them in time order: one running
/// total per code and grain, written out when its period ends. No sort and no lookup per
/// reading, where `INSERT … SELECT … GROUP BY` must sort every row (the load's slowest part).
struct RollupStream {
    private struct Running { var start: Int64 = .min; var n = 0; var total = 0.0; var low = 0.0; var high = 0.0 }
    private let mn: String
    private let codes: [String]
    private var running: [[Running]]          // [grain][code]
    private let inserts: [Statement]          // by grain

    init(_ db: Database, mn: String, codes: [String]) throws {
        self.mn = mn
        self.codes = codes
        running = Array(repeating: Array(repeating: Running(), count: codes.count), count: RollupGrain.allCases.count)
        inserts = try RollupGrain.allCases.map { grain in
            try db.cachedStatement(sql: "INSERT INTO \(grain.table) (mn, code, start, n, total, low, high) VALUES (?,?,?,?,?,?,?)")
        }
    }

    /// The period starts of `time` by grain, to compute once per time and share between codes.
    static func starts(_ time: Int64) -> [Int64] { RollupGrain.allCases.map { $0.periodStart(time) } }

    /// Counts code number `k`'s N-flagged `value` at a time whose period starts are `starts`;
    /// times must not go backwards.
    mutating func add(code k: Int, value: Double, starts: [Int64]) throws {
        for g in 0..<starts.count {
            if running[g][k].start != starts[g] {
                try flush(grain: g, code: k)
                running[g][k] = Running(start: starts[g], n: 0, total: 0, low: value, high: value)
            }
            running[g][k].n += 1
            running[g][k].total += value
            running[g][k].low = min(running[g][k].low, value)
            running[g][k].high = max(running[g][k].high, value)
        }
    }

    /// Writes every period still open (at the end of the station's readings).
    mutating func finish() throws {
        for g in running.indices {
            for k in codes.indices { try flush(grain: g, code: k) }
        }
    }

    private mutating func flush(grain g: Int, code k: Int) throws {
        let r = running[g][k]
        guard r.n > 0 else { return }
        try inserts[g].execute(arguments: [mn, codes[k], r.start, r.n, r.total, r.low, r.high])
        running[g][k].n = 0
    }
}
