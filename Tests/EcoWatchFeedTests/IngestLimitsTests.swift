import Testing
import EcoWatchCore
@testable import EcoWatchFeed

/// The pure state behind backpressure and slots: the writer's budget, the connection table and
/// the refusal tally.
@Suite struct IngestLimitsTests {
    final class Token {}

    static func waiter(_ token: Token, _ mn: String, _ size: Int) -> IngestBudget.Waiter {
        IngestBudget.Waiter(id: ObjectIdentifier(token), mn: mn, size: size, granted: {})
    }

    @Test func theBudgetBoundsFramesBytesAndEachStationAndGrantsRoomInTurn() {
        var budget = IngestBudget(maxFrames: 3, maxBytes: 1_000, maxPerStation: 2)
        let a = Token(), b = Token(), c = Token()
        func reserve(_ token: Token, _ mn: String, _ size: Int) -> Bool { budget.reserve(Self.waiter(token, mn, size)) }
        func release(_ mn: String, _ size: Int) -> [ObjectIdentifier] { budget.release(mn: mn, size: size).map(\.id) }
        #expect(reserve(a, "S1", 100))
        #expect(reserve(a, "S1", 100))
        // S1 has its share: it waits, and so does everyone after it (nobody jumps the queue).
        #expect(!reserve(a, "S1", 100))
        #expect(!reserve(b, "S2", 100))
        #expect(budget.waiting.map(\.id) == [ObjectIdentifier(a), ObjectIdentifier(b)])
        // A commit of S2's… there is none: a commit of S1's frame grants room to S1's waiter
        // and, the queue not being full, to S2's too.
        #expect(release("S1", 100) == [ObjectIdentifier(a), ObjectIdentifier(b)])
        #expect(budget.frames == 3 && budget.waiting.isEmpty)
        // Full in frames: the next waits; a commit grants it.
        #expect(!reserve(c, "S3", 1))
        #expect(release("S1", 100) == [ObjectIdentifier(c)])
        // Full in bytes: a frame waits while others are queued, and is granted when none is.
        _ = release("S1", 100)
        _ = release("S2", 100)
        _ = release("S3", 1)
        #expect(budget.frames == 0 && budget.bytes == 0)
        #expect(reserve(c, "S3", 900))
        #expect(!reserve(c, "S3", 5_000))
        #expect(release("S3", 900) == [ObjectIdentifier(c)])
        #expect(budget.frames == 1 && budget.bytes == 5_000)
        // A connection that closes while waiting leaves the queue.
        #expect(!reserve(a, "S1", 1))
        #expect(budget.cancel(ObjectIdentifier(a)).isEmpty)
        #expect(budget.waiting.isEmpty)
    }

    @Test func aWaiterWhoseStationHasItsShareLetsTheNextOneGoFirst() {
        var budget = IngestBudget(maxFrames: 10, maxBytes: 10_000, maxPerStation: 1)
        let x = Token(), y = Token(), a = Token(), d = Token()
        func reserve(_ token: Token, _ mn: String) -> Bool { budget.reserve(Self.waiter(token, mn, 100)) }
        #expect(reserve(x, "S1") && reserve(y, "S2"))
        #expect(!reserve(a, "S1"))
        #expect(!reserve(d, "S4"))  // behind a, though there is room: nobody jumps the queue
        let granted = budget.release(mn: "S2", size: 100).map(\.id)
        #expect(granted == [ObjectIdentifier(d)])
        #expect(budget.waiting.map(\.id) == [ObjectIdentifier(a)])
        #expect(budget.release(mn: "S1", size: 100).map(\.id) == [ObjectIdentifier(a)])
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
