import EcoWatchCore

/// Refusals waiting for the writer's next round, already summed per minute, reason and claimed
/// MN, with the last few bad frames of each peer: bounded in memory whatever a flood sends,
/// and one small transaction a round however many frames it refused.
struct RefusalTally {
    private struct Key: Hashable { let minute: Int64; let reason: RefusalReason; let mn: String? }
    private struct Sample { let time: Int64; let reason: RefusalReason; let mn: String?; let bytes: [UInt8] }

    /// Distinct counters held between two rounds; more are summed under `RefusalCount.otherMNs`.
    static let maxCounters = 1024

    private var counts: [Key: Int] = [:]
    /// By peer, oldest first, at most `RefusalLimits.samplesPerPeer` each.
    private var samples: [String: [Sample]] = [:]
    /// Peers in the order they were last heard from (at most `RefusalLimits.samplePeers`).
    private var peers: [String] = []
    private(set) var total = 0

    var isEmpty: Bool { total == 0 }

    /// Counts one refused frame; `frame`, when there is one, is kept as the peer's latest sample.
    mutating func add(reason: RefusalReason, mn: String?, peer: String, frame: ArraySlice<UInt8>?, time: Int64) {
        var key = Key(minute: RefusalCount(time: time, reason: reason, mn: nil, count: 0).minute, reason: reason, mn: mn)
        if counts[key] == nil, counts.count >= Self.maxCounters {
            key = Key(minute: key.minute, reason: reason, mn: mn == nil ? nil : RefusalCount.otherMNs)
        }
        counts[key, default: 0] += 1
        total += 1
        guard let frame else { return }
        if let index = peers.firstIndex(of: peer) {
            peers.remove(at: index)
        } else if peers.count >= RefusalLimits.samplePeers {
            samples[peers.removeFirst()] = nil
        }
        peers.append(peer)
        var kept = samples[peer] ?? []
        if kept.count >= RefusalLimits.samplesPerPeer { kept.removeFirst() }
        // One byte more than a sample keeps, so the excerpt knows the frame went on.
        kept.append(Sample(time: time, reason: reason, mn: mn, bytes: Array(frame.prefix(RefusalLimits.sampleBytes + 1))))
        samples[peer] = kept
    }

    /// Registered-or-not MNs the refusals claimed.
    var claimedMNs: Set<String> { Set(counts.keys.compactMap(\.mn)) }

    /// The counters and samples gathered, in the store's terms; the tally is emptied.
    mutating func take() -> (counts: [RefusalCount], samples: [BadFrameSample]) {
        let result = counts.map { RefusalCount(time: $0.key.minute, reason: $0.key.reason, mn: $0.key.mn, count: $0.value) }
        let kept = peers.flatMap { peer in
            (samples[peer] ?? []).map { BadFrameSample(peer: peer, time: $0.time, reason: $0.reason, mn: $0.mn, bytes: $0.bytes) }
        }
        self = RefusalTally()
        return (result, kept)
    }
}
