import DequeModule

/// The frames admitted but not yet committed, and who waits for room: the service's
/// backpressure. A frame is taken in only when the whole queue (frames and bytes) and its
/// station's share have room; otherwise its connection stops being read and waits its turn.
/// Room given back by a commit goes to the waiting connections first come, first served.
/// Pure state; the service keeps it under a lock.
struct IngestBudget {
    let maxFrames: Int
    let maxBytes: Int
    let maxPerStation: Int
    private(set) var frames = 0
    private(set) var bytes = 0
    private(set) var perStation: [String: Int] = [:]
    /// Connections waiting for room for one frame each, in the order they came.
    private(set) var waiting: Deque<Waiter> = []

    /// How far down the queue a release looks for a waiter whose station has room (the ones
    /// before it wait for their own station's frames to commit).
    static let lookahead = 64

    /// A connection waiting for room for a frame of `size` bytes from `mn`. When room is made
    /// it is taken for that frame on the connection's behalf, and `granted` is called once.
    struct Waiter {
        let id: ObjectIdentifier
        let mn: String
        let size: Int
        let granted: @Sendable () -> Void
    }

    init(maxFrames: Int, maxBytes: Int, maxPerStation: Int) {
        self.maxFrames = max(1, maxFrames)
        self.maxBytes = max(1, maxBytes)
        self.maxPerStation = max(1, maxPerStation)
    }

    /// Whether a frame fits. One always does when nothing is queued, however large: the bounds
    /// are then the larger of the limit and one frame.
    private func fits(mn: String, size: Int) -> Bool {
        frames == 0 || (frames < maxFrames && bytes + size <= maxBytes && (perStation[mn] ?? 0) < maxPerStation)
    }

    private var full: Bool { frames >= maxFrames || bytes >= maxBytes }

    private mutating func take(mn: String, size: Int) {
        frames += 1
        bytes += size
        perStation[mn, default: 0] += 1
    }

    /// Takes room for `waiter`'s frame (true), or queues it at the back (false). Nobody jumps
    /// the queue: while connections wait, a new frame waits behind them.
    mutating func reserve(_ waiter: Waiter) -> Bool {
        if waiting.isEmpty, fits(mn: waiter.mn, size: waiter.size) {
            take(mn: waiter.mn, size: waiter.size)
            return true
        }
        waiting.append(waiter)
        return false
    }

    /// Gives back a committed (or failed) frame's room and hands it on: the waiters granted
    /// room now, to be told.
    mutating func release(mn: String, size: Int) -> [Waiter] {
        frames -= 1
        bytes -= size
        let station = (perStation[mn] ?? 1) - 1
        perStation[mn] = station > 0 ? station : nil
        return grant()
    }

    /// Forgets a connection that closed while waiting; the waiters granted room instead.
    mutating func cancel(_ id: ObjectIdentifier) -> [Waiter] {
        guard let index = waiting.firstIndex(where: { $0.id == id }) else { return [] }
        waiting.remove(at: index)
        return grant()
    }

    private mutating func grant() -> [Waiter] {
        var granted: [Waiter] = []
        var index = 0
        while index < min(waiting.count, Self.lookahead), !full || frames == 0 {
            let waiter = waiting[index]
            if fits(mn: waiter.mn, size: waiter.size) {
                take(mn: waiter.mn, size: waiter.size)
                waiting.remove(at: index)
                granted.append(waiter)
            } else if bytes + waiter.size > maxBytes {
                break  // the queue is full in bytes for it: the first in line keeps its turn
            } else {
                index += 1  // its station has its share: the next one may go
            }
        }
        return granted
    }
}
