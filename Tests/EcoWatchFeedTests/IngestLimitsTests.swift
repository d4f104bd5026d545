import Testing
import EcoWatchCore
@testable import EcoWatchFeed

/// The pure state behind backpressure and slots: the writer's budget, the connection table and
/// the refusal tally.
@Suite struct IngestLimitsTests {
    final class Token {}

    static func waiter(_ token: Token) -> IngestBudget.Waiter {
        IngestBudget.Waiter(id: ObjectIdentifier(token), wake: {})
    }

    @Test func theBudgetBoundsFramesBytesAndEachStationAndServesWaitersInTurn() {
        var budget = IngestBudget(maxFrames: 3, maxBytes: 1_000, maxPerStation: 2)
        let a = Token(), b = Token(), c = Token()
        func reserve(mn: String, size: Int, else waiter: IngestBudget.Waiter) -> (taken: Bool, next: IngestBudget.Waiter?) {
            budget.reserve(mn: mn, size: size, else: waiter)
        }
        func release(mn: String, size: Int) -> IngestBudget.Waiter? { budget.release(mn: mn, size: size) }
        #expect(reserve(mn: "S1", size: 100, else: Self.waiter(a)).taken)
        #expect(reserve(mn: "S1", size: 100, else: Self.waiter(a)).taken)
        // S1 has its share: it waits, and so does everyone after it (nobody jumps the queue).
        #expect(!reserve(mn: "S1", size: 100, else: Self.waiter(a)).taken)
        #expect(!reserve(mn: "S2", size: 100, else: Self.waiter(b)).taken)
        #expect(budget.waiting.map(\.id) == [ObjectIdentifier(a), ObjectIdentifier(b)])
        // A commit wakes the first waiter; served, it hands the turn on.
        #expect(release(mn: "S1", size: 100)?.id == ObjectIdentifier(a))
        let served = budget.reserve(mn: "S1", size: 100, else: Self.waiter(a))
        #expect(served.taken && served.next?.id == ObjectIdentifier(b))
        #expect(reserve(mn: "S2", size: 100, else: Self.waiter(b)).taken)
        // Three frames queued: full in frames.
        #expect(!reserve(mn: "S3", size: 1, else: Self.waiter(c)).taken)
        _ = budget.release(mn: "S1", size: 100)
        _ = budget.release(mn: "S1", size: 100)
        _ = budget.release(mn: "S2", size: 100)
        // Full in bytes: a frame is refused room while others are queued, taken when none is.
        #expect(reserve(mn: "S3", size: 900, else: Self.waiter(c)).taken)
        #expect(!reserve(mn: "S3", size: 200, else: Self.waiter(c)).taken)
        _ = budget.release(mn: "S3", size: 900)
        #expect(reserve(mn: "S3", size: 5_000, else: Self.waiter(c)).taken)
        #expect(budget.frames == 1 && budget.bytes == 5_000 && budget.waiting.isEmpty)
        // A connection that closes while waiting leaves the queue.
        #expect(!reserve(mn: "S3", size: 1, else: Self.waiter(a)).taken)
        _ = budget.cancel(ObjectIdentifier(a))
        #expect(budget.waiting.isEmpty)
    }

    @Test func slotsGoToNewConnectionsBeforeIdleOnesButNeverFromOnesWaitingForUs() {
        var table = ConnectionTable(maxConnections: 3, maxPerAddress: 2)
        func admit(_ id: ObjectIdentifier, _ address: String, _ now: Double) -> Bool {
            table.admit(id, address: address, now: now, close: {}).isAccepted
        }
        let ids = (0..<6).map { _ in Token() }.map(ObjectIdentifier.init)
        #expect(admit(ids[0], "A", 0))
        #expect(admit(ids[1], "A", 1))
        guard case .overAddressLimit = table.admit(ids[2], address: "A", now: 2, close: {}) else {
            Issue.record("a third connection from A was accepted")
            return
        }
        #expect(admit(ids[2], "B", 2))
        table.completedFrame(ids[0], now: 3)
        table.completedFrame(ids[2], now: 4)
        // Full: the one that never completed a frame goes first.
        guard case .acceptedEvicting(let first) = table.admit(ids[3], address: "C", now: 5, close: {}) else {
            Issue.record("no eviction")
            return
        }
        #expect(first.address == "A" && first.completedFrames == 0)
        // Then the one idle longest, unless it is waiting for its acknowledgement.
        table.completedFrame(ids[3], now: 6)
        table.setWaiting(ids[0], true)
        guard case .acceptedEvicting(let second) = table.admit(ids[4], address: "D", now: 7, close: {}) else {
            Issue.record("no eviction")
            return
        }
        #expect(second.address == "B")
        table.setWaiting(ids[3], true)
        table.setWaiting(ids[4], true)
        guard case .full = table.admit(ids[5], address: "E", now: 8, close: {}) else {
            Issue.record("a connection waiting for its acknowledgement was evicted")
            return
        }
    }

    @Test func aHeldOffAddressIsTurnedAwayUntilItsPeriodEndsAndLoggedOncePerPeriod() {
        var table = ConnectionTable(maxConnections: 10, maxPerAddress: 10)
        func holdOff(until: Double, now: Double) -> Bool { table.holdOff("A", until: until, now: now) }
        #expect(holdOff(until: 60, now: 0))
        #expect(!holdOff(until: 61, now: 1))
        guard case .heldOff = table.admit(ObjectIdentifier(Token()), address: "A", now: 30, close: {}) else {
            Issue.record("a held-off address was accepted")
            return
        }
        let later = table.admit(ObjectIdentifier(Token()), address: "A", now: 62, close: {})
        #expect(later.isAccepted)
        #expect(holdOff(until: 122, now: 62))
    }

    @Test func refusalsAreCountedPerReasonStationAndMinute() {
        var tally = RefusalTally()
        for second in 0..<90 { tally.add(reason: .crc, mn: nil, peer: "P", frame: nil, time: 1_000_020 + Int64(second)) }
        tally.add(reason: .wrongPW, mn: "S1", peer: "P", frame: nil, time: 1_000_000)
        #expect(tally.total == 91)
        let (counts, samples) = tally.take()
        #expect(counts.count == 3 && tally.isEmpty && samples.isEmpty)
        #expect(counts.first { $0.reason == .crc && $0.minute == 1_000_020 }?.count == 60)
        #expect(counts.first { $0.reason == .crc && $0.minute == 1_000_080 }?.count == 30)
        #expect(counts.first { $0.reason == .wrongPW }.map { ($0.mn, $0.minute, $0.count) } ?? (nil, 0, 0) == ("S1", 999_960, 1))
    }
}
