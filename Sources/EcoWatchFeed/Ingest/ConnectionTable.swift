/// The connections being served and the addresses turned away: who gets a slot. Pure state;
/// the service keeps it under a lock.
///
/// A slot cannot be held: each source address has a cap; when the service is full a new
/// connection takes the slot of one that has not completed a frame yet, else of the one idle
/// longest — never of one waiting for its own acknowledgement (the store is slow, not it).
/// A peer that sent too many bad frames in a row is turned away for a while.
struct ConnectionTable {
    let maxConnections: Int
    let maxPerAddress: Int

    struct Entry {
        let address: String
        /// When it was accepted, then when it last completed a frame (seconds, monotonic).
        var lastFrame: Double
        var completedFrames = 0
        /// Frames waiting for their commit, or read held back for room: it is waiting for us.
        var waiting = false
        /// Closes it (from any thread).
        let close: @Sendable () -> Void
    }

    private(set) var entries: [ObjectIdentifier: Entry] = [:]
    private(set) var perAddress: [String: Int] = [:]
    /// Addresses turned away, until when.
    private(set) var heldOff: [String: Double] = [:]

    init(maxConnections: Int, maxPerAddress: Int) {
        self.maxConnections = max(1, maxConnections)
        self.maxPerAddress = max(1, maxPerAddress)
    }

    enum Admission {
        case accepted
        /// Accepted in the slot of this connection, which must be closed.
        case acceptedEvicting(Entry)
        case overAddressLimit
        case heldOff(until: Double)
        /// Full, and every connection is busy.
        case full

        var isAccepted: Bool {
            switch self {
            case .accepted, .acceptedEvicting: true
            case .overAddressLimit, .heldOff, .full: false
            }
        }
    }

    mutating func admit(_ id: ObjectIdentifier, address: String, now: Double,
                        close: @escaping @Sendable () -> Void) -> Admission {
        if let until = heldOff[address] {
            if until > now { return .heldOff(until: until) }
            heldOff[address] = nil
        }
        guard (perAddress[address] ?? 0) < maxPerAddress else { return .overAddressLimit }
        var evicted: Entry?
        if entries.count >= maxConnections {
            guard let victim = evictable() else { return .full }
            evicted = remove(victim)
        }
        entries[id] = Entry(address: address, lastFrame: now, close: close)
        perAddress[address, default: 0] += 1
        return evicted.map { .acceptedEvicting($0) } ?? .accepted
    }

    /// The connection to give up for a new one: without a complete frame first, else idle
    /// longest; never one waiting for its acknowledgement.
    func evictable() -> ObjectIdentifier? {
        entries.filter { !$0.value.waiting }
            .min { a, b in
                let aNone = a.value.completedFrames == 0, bNone = b.value.completedFrames == 0
                if aNone != bNone { return aNone }
                return a.value.lastFrame < b.value.lastFrame
            }?.key
    }

    func entry(_ id: ObjectIdentifier) -> Entry? { entries[id] }

    mutating func completedFrame(_ id: ObjectIdentifier, now: Double) {
        entries[id]?.lastFrame = now
        entries[id]?.completedFrames += 1
    }

    mutating func setWaiting(_ id: ObjectIdentifier, _ waiting: Bool) { entries[id]?.waiting = waiting }

    /// Turns `address` away until `until`; true when this starts a new period (log it then:
    /// once per period, however many of its connections trip it).
    mutating func holdOff(_ address: String, until: Double, now: Double) -> Bool {
        let active = (heldOff[address] ?? 0) > now
        heldOff[address] = max(heldOff[address] ?? 0, until)
        if heldOff.count > 4 * maxConnections { heldOff = heldOff.filter { $0.value > now } }
        return !active
    }

    @discardableResult
    mutating func remove(_ id: ObjectIdentifier) -> Entry? {
        guard let entry = entries.removeValue(forKey: id) else { return nil }
        let count = (perAddress[entry.address] ?? 1) - 1
        perAddress[entry.address] = count > 0 ? count : nil
        return entry
    }
}
