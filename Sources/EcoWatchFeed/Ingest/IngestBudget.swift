import DequeModule

/// The frames admitted but not yet committed, and who waits for room: the service's
/// backpressure. A frame is taken in only when the whole queue (frames and bytes) and its
/// station's share have room; otherwise its connection stops being read and waits its turn.
/// Room given back by a commit goes to the waiting connections first come, first served, a
/// turn each: with its frame, a connection is given room (credit) for the further frames it
/// has already read, so that its frames reach the writer, and are committed and answered,
/// together rather than one per turn scattered over many transactions.
/// Pure state; the service keeps it under a lock.
struct IngestBudget {
    let maxFrames: Int
    let maxBytes: Int
    let maxPerStation: Int
    /// What a slot of credit holds in bytes until it is spent: the longest frame.
    let maxFrameBytes: Int
    private(set) var frames = 0
    private(set) var bytes = 0
    private(set) var perStation: [String: Int] = [:]
    /// Connections waiting for room, in the order they came.
    private(set) var waiting: Deque<Waiter> = []

    /// How far down the queue a release looks for a waiter whose station has room (the ones
    /// before it wait for their own station's frames to commit).
    static let lookahead = 64

    /// A connection waiting for room for a frame of `size` bytes from `mn`, with about `more`
    /// further frames of the same station already read behind it. When room is made it is
    /// taken for that frame on the connection's behalf, with credit for up to `more` further
    /// frames, and `granted` is told the credit, once.
    struct Waiter {
        let id: ObjectIdentifier
        let mn: String
        let size: Int
        let more: Int
        let granted: @Sendable (Int) -> Void
    }

    /// A waiter given room, and the credit (further frames of its station) that came with it.
    struct Grant {
        let waiter: Waiter
        let credit: Int

        /// Tells the connection.
        func notify() { waiter.granted(credit) }
    }

    /// A frame's room, as given back: its station and length.
    struct Slot {
        let mn: String
        let size: Int
    }

    /// Credit settled at the end of a connection's turn: `unused` slots of `mn` given back,
    /// and `slack` bytes (what the frames that spent credit were shorter than `maxFrameBytes`).
    struct Settlement {
        let mn: String
        let unused: Int
        let slack: Int
    }

    init(maxFrames: Int, maxBytes: Int, maxPerStation: Int, maxFrameBytes: Int) {
        self.maxFrames = max(1, maxFrames)
        self.maxBytes = max(1, maxBytes)
        self.maxPerStation = max(1, maxPerStation)
        self.maxFrameBytes = max(1, maxFrameBytes)
    }

    /// Whether a frame fits. One always does when nothing is queued, however large: the bounds
    /// are then the larger of the limit and one frame.
    private func fits(mn: String, size: Int) -> Bool {
        frames == 0 || (frames < maxFrames && bytes + size <= maxBytes && (perStation[mn] ?? 0) < maxPerStation)
    }

    private var full: Bool { frames >= maxFrames || bytes >= maxBytes }

    private mutating func take(mn: String, count: Int = 1, bytes size: Int) {
        frames += count
        bytes += size
        perStation[mn, default: 0] += count
    }

    private mutating func give(mn: String, count: Int = 1, bytes size: Int) {
        frames -= count
        bytes -= size
        let station = (perStation[mn] ?? count) - count
        perStation[mn] = station > 0 ? station : nil
    }

    /// Takes room for `waiter`'s frame (true), or queues it at the back (false). Nobody jumps
    /// the queue: while connections wait, a new frame waits behind them.
    mutating func reserve(_ waiter: Waiter) -> Bool {
        if waiting.isEmpty, fits(mn: waiter.mn, size: waiter.size) {
            take(mn: waiter.mn, bytes: waiter.size)
            return true
        }
        waiting.append(waiter)
        return false
    }

    /// Gives back committed (or failed) frames' room, all at once, and hands it on: the
    /// waiters granted room now, each once, to be told.
    mutating func release(_ slots: [Slot]) -> [Grant] {
        for slot in slots { give(mn: slot.mn, bytes: slot.size) }
        return grant()
    }

    /// Ends a connection's turn: its unused credit and slack given back and handed on.
    mutating func settle(_ settlement: Settlement) -> [Grant] {
        give(mn: settlement.mn, count: settlement.unused, bytes: settlement.unused * maxFrameBytes + settlement.slack)
        return grant()
    }

    /// Forgets a connection that closed while waiting; the waiters granted room instead.
    mutating func cancel(_ id: ObjectIdentifier) -> [Grant] {
        guard let index = waiting.firstIndex(where: { $0.id == id }) else { return [] }
        waiting.remove(at: index)
        return grant()
    }

    private mutating func grant() -> [Grant] {
        var granted: [Grant] = []
        var index = 0
        while index < min(waiting.count, Self.lookahead), !full || frames == 0 {
            let waiter = waiting[index]
            if fits(mn: waiter.mn, size: waiter.size) {
                take(mn: waiter.mn, bytes: waiter.size)
                // Credit for the frames it has read behind this one, as far as there is room.
                let credit = max(0, min(waiter.more, maxFrames - frames, maxPerStation - (perStation[waiter.mn] ?? 0),
                                        (maxBytes - bytes) / maxFrameBytes))
                take(mn: waiter.mn, count: credit, bytes: credit * maxFrameBytes)
                waiting.remove(at: index)
                granted.append(Grant(waiter: waiter, credit: credit))
            } else if bytes + waiter.size > maxBytes {
                break  // the queue is full in bytes for it: the first in line keeps its turn
            } else {
                index += 1  // its station has its share: the next one may go
            }
        }
        return granted
    }
}
