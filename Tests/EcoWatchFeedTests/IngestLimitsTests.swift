import Testing
import EcoWatchCore
@testable import EcoWatchFeed

/// The pure state behind backpressure and slots: the writer's budget, the connection table and
/// the refusal tally.
@Suite struct IngestLimitsTests {
    final class Token {}

    static func waiter(_ token: Token, _ mn: String, _ size: Int, more: Int = 0) -> IngestBudget.Waiter {
        IngestBudget.Waiter(id: ObjectIdentifier(token), mn: mn, size: size, more: more, granted: { _ in })
    }

    static func slots(_ mn: String, _ size: Int, count: Int = 1) -> [IngestBudget.Slot] {
        Array(repeating: IngestBudget.Slot(mn: mn, size: size), count: count)
    }

    @Test func theBudgetBoundsFramesBytesAndEachStationAndGrantsRoomInTurn() {
        var budget = IngestBudget(maxFrames: 3, maxBytes: 1_000, maxPerStation: 2, maxFrameBytes: 100)
        let a = Token(), b = Token(), c = Token()
        func reserve(_ token: Token, _ mn: String, _ size: Int) -> Bool { budget.reserve(Self.waiter(token, mn, size)) }
        func release(_ mn: String, _ size: Int) -> [ObjectIdentifier] { budget.release(Self.slots(mn, size)).map(\.waiter.id) }
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
        var budget = IngestBudget(maxFrames: 10, maxBytes: 10_000, maxPerStation: 1, maxFrameBytes: 100)
        let x = Token(), y = Token(), a = Token(), d = Token()
        func reserve(_ token: Token, _ mn: String) -> Bool { budget.reserve(Self.waiter(token, mn, 100)) }
        #expect(reserve(x, "S1") && reserve(y, "S2"))
        #expect(!reserve(a, "S1"))
        #expect(!reserve(d, "S4"))  // behind a, though there is room: nobody jumps the queue
        let granted = budget.release(Self.slots("S2", 100)).map(\.waiter.id)
        #expect(granted == [ObjectIdentifier(d)])
        #expect(budget.waiting.map(\.id) == [ObjectIdentifier(a)])
        #expect(budget.release(Self.slots("S1", 100)).map(\.waiter.id) == [ObjectIdentifier(a)])
    }

    @Test func aTurnBringsCreditForTheFramesAlreadyReadAsFarAsThereIsRoom() {
        // 10 frames, 2,000 bytes (credit is held at the longest frame, 200), 6 per station.
        var budget = IngestBudget(maxFrames: 10, maxBytes: 2_000, maxPerStation: 6, maxFrameBytes: 200)
        func reserve(_ token: Token, _ mn: String, _ size: Int, more: Int = 0) -> Bool {
            budget.reserve(Self.waiter(token, mn, size, more: more))
        }
        let a = Token(), b = Token(), c = Token(), d = Token(), e = Token()
        #expect(reserve(a, "S1", 100))
        for _ in 0..<5 { #expect(reserve(c, "S3", 100)) }
        for _ in 0..<4 { #expect(reserve(c, "S4", 100)) }
        #expect(budget.frames == 10 && budget.bytes == 1_000)
        // Full: a and then b wait, a with 8 more frames read behind its first, b with 3.
        #expect(!reserve(a, "S1", 100, more: 8))
        #expect(!reserve(b, "S2", 100, more: 3))
        // One frame committed: a's frame fits, no room for credit; b keeps waiting.
        var grants = budget.release(Self.slots("S3", 100))
        #expect(grants.map(\.waiter.id) == [ObjectIdentifier(a)] && grants.map(\.credit) == [0])
        #expect(budget.frames == 10 && budget.waiting.map(\.id) == [ObjectIdentifier(b)])
        // Five committed at once: b (first in line) gets its frame and credit for its 3 others
        // in one grant; the room left over stays free for whoever comes next.
        grants = budget.release(Self.slots("S3", 100, count: 4) + Self.slots("S4", 100))
        #expect(grants.map(\.waiter.id) == [ObjectIdentifier(b)] && grants.map(\.credit) == [3])
        #expect(budget.frames == 9 && budget.bytes == 200 + 300 + 100 + 3 * 200 && budget.perStation["S2"] == 4)
        #expect(budget.waiting.isEmpty)
        // b spent two slots of credit on frames of 150 bytes: the third slot and the 2 × 50
        // bytes they did not use go back.
        let settled = budget.settle(IngestBudget.Settlement(mn: "S2", unused: 1, slack: 100))
        #expect(settled.isEmpty)
        #expect(budget.frames == 8 && budget.bytes == 200 + 300 + 100 + 2 * 150 && budget.perStation["S2"] == 3)
        // Credit stops at the station's share.
        _ = budget.release(Self.slots("S4", 100, count: 3) + Self.slots("S1", 100, count: 2))
        #expect(reserve(d, "S2", 100) && reserve(d, "S2", 100))
        for _ in 0..<5 { #expect(reserve(e, "S5", 100)) }
        #expect(budget.frames == 10 && budget.perStation["S2"] == 5)
        #expect(!reserve(d, "S2", 100, more: 20))
        grants = budget.release(Self.slots("S5", 100, count: 2))
        #expect(grants.map(\.credit) == [0] && budget.perStation["S2"] == 6 && budget.frames == 9)
        _ = budget.release(Self.slots("S2", 150, count: 2) + Self.slots("S2", 100, count: 4) + Self.slots("S5", 100, count: 3))
        #expect(budget.frames == 0 && budget.bytes == 0 && budget.perStation.isEmpty)
        // And at the bytes left, counted at the longest frame: 2,000 - 100 leave room for 9.
        var bytes = IngestBudget(maxFrames: 100, maxBytes: 2_000, maxPerStation: 100, maxFrameBytes: 200)
        let first = bytes.reserve(Self.waiter(e, "S5", 1_950)), second = bytes.reserve(Self.waiter(d, "S2", 100, more: 10))
        #expect(first && !second)
        grants = bytes.release([IngestBudget.Slot(mn: "S5", size: 1_950)])
        #expect(grants.map(\.credit) == [9] && bytes.bytes == 1_900 && bytes.frames == 10)
    }

    @Test func aCommitOfManyFramesWakesEachWaitingConnectionOnceInTheirOrder() {
        var budget = IngestBudget(maxFrames: 4, maxBytes: 100_000, maxPerStation: 100, maxFrameBytes: 100)
        func reserve(_ token: Token, _ mn: String, _ size: Int, more: Int = 0) -> Bool {
            budget.reserve(Self.waiter(token, mn, size, more: more))
        }
        let tokens = (0..<6).map { _ in Token() }
        let holder = Token()
        for _ in 0..<4 { #expect(reserve(holder, "S0", 100)) }
        for (n, token) in tokens.enumerated() { #expect(!reserve(token, "S\(n + 1)", 100, more: 1)) }
        // All four committed together: the first two in line each get their frame and one
        // slot of credit, each told once; the other four keep their places.
        let grants = budget.release(Self.slots("S0", 100, count: 4))
        #expect(grants.map(\.waiter.id) == tokens.prefix(2).map(ObjectIdentifier.init))
        #expect(grants.map(\.credit) == [1, 1])
        #expect(budget.waiting.map(\.id) == tokens.dropFirst(2).map(ObjectIdentifier.init))
        // The first settles its unused credit: the room goes to the next in line.
        let next = budget.settle(IngestBudget.Settlement(mn: "S1", unused: 1, slack: 0))
        #expect(next.map(\.waiter.id) == [ObjectIdentifier(tokens[2])] && next.map(\.credit) == [0])
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
