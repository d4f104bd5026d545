import DequeModule

/// The frames admitted but not yet committed, and who waits for room: the service's
/// backpressure. A frame is taken in only when the whole queue (frames and bytes) and its
/// station's share have room; otherwise its connection stops being read and waits its turn.
/// Pure state; the service keeps it under a lock.
struct IngestBudget {
    let maxFrames: Int
    let maxBytes: Int
    let maxPerStation: Int
    private(set) var frames = 0
    private(set) var bytes = 0
    private(set) var perStation: [String: Int] = [:]
    /// Connections waiting for room, served first come first served.
    private(set) var waiting: Deque<Waiter> = []

    /// A connection waiting for room; `wake` is called once, when it may try again.
    struct Waiter {
        let id: ObjectIdentifier
        let wake: @Sendable () -> Void
    }

    init(maxFrames: Int, maxBytes: Int, maxPerStation: Int) {
        self.maxFrames = max(1, maxFrames)
        self.maxBytes = max(1, maxBytes)
        self.maxPerStation = max(1, maxPerStation)
    }

    /// Takes in a frame of `size` bytes from `mn` (true), or queues `waiter` at the back and says
    /// no. Nobody jumps the queue: while connections wait, only the first may take room. A frame
    /// is always taken when nothing is queued, however large: the bounds are then the larger of
    /// the limit and one frame. `next` is the waiter to wake now that the first has been served
    /// and room is left.
    mutating func reserve(mn: String, size: Int, else waiter: Waiter) -> (taken: Bool, next: Waiter?) {
        let station = perStation[mn] ?? 0
        let fits = frames == 0 || (frames < maxFrames && bytes + size <= maxBytes && station < maxPerStation)
        let first = waiting.first?.id == waiter.id
        guard fits, waiting.isEmpty || first else {
            if !waiting.contains(where: { $0.id == waiter.id }) { waiting.append(waiter) }
            return (false, nil)
        }
        if first { waiting.removeFirst() }
        frames += 1
        bytes += size
        perStation[mn] = station + 1
        return (true, first && hasRoom ? waiting.first : nil)
    }

    private var hasRoom: Bool { frames < maxFrames && bytes < maxBytes }

    /// Gives back a committed (or failed) frame's room; returns the waiter to wake, if any.
    mutating func release(mn: String, size: Int) -> Waiter? {
        frames -= 1
        bytes -= size
        let station = (perStation[mn] ?? 1) - 1
        perStation[mn] = station > 0 ? station : nil
        return waiting.first
    }

    /// Forgets a connection that closed while waiting; returns the next waiter when it was first.
    mutating func cancel(_ id: ObjectIdentifier) -> Waiter? {
        guard let index = waiting.firstIndex(where: { $0.id == id }) else { return nil }
        waiting.remove(at: index)
        return index == 0 ? waiting.first : nil
    }
}
