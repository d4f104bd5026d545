import EcoWatchCore

/// Refusals counted in memory until the writer hands them to the store: one counter per
/// reason, station (nil for a peer that is not a registered station) and minute, so a flood
/// of bad frames costs a counter increment each and memory bounded by the number of keys,
/// however long the store is unavailable.
struct RefusalTally {
    struct Key: Hashable {
        let reason: RefusalReason
        let mn: String?
        /// Start of the minute, seconds since 1970.
        let minute: Int64
    }

    private(set) var counts: [Key: Int] = [:]
    private(set) var total = 0

    var isEmpty: Bool { total == 0 }

    mutating func add(_ reason: RefusalReason, mn: String?, at time: Int64) {
        counts[Key(reason: reason, mn: mn, minute: time - ((time % 60) + 60) % 60), default: 0] += 1
        total += 1
    }

    /// Takes out at most `limit` refusals, as the list of single refusals the store records
    /// today (the rest stay counted here for the next round).
    mutating func take(upTo limit: Int) -> [(reason: RefusalReason, mn: String?, time: Int64)] {
        var taken: [(reason: RefusalReason, mn: String?, time: Int64)] = []
        taken.reserveCapacity(min(limit, total))
        for (key, count) in counts {
            let n = min(count, limit - taken.count)
            guard n > 0 else { break }
            for _ in 0..<n { taken.append((reason: key.reason, mn: key.mn, time: key.minute)) }
            if n == count { counts[key] = nil } else { counts[key] = count - n }
        }
        total -= taken.count
        return taken
    }
}
