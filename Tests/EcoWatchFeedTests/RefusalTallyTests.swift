import Foundation
import GRDB
import Testing
import EcoWatchCore
@testable import EcoWatchFeed

/// Refusals between two writer rounds are summed in a bounded tally, and reach the database as
/// counters and a few samples, never a row each.
@Suite struct RefusalTallyTests {
    @Test func aFloodOfInventedMNsStaysWithinTheTallysBounds() {
        var tally = RefusalTally()
        let frame = Array(repeating: UInt8(ascii: "#"), count: 2_000)
        for k in 0..<50_000 {
            tally.add(reason: .wrongMN, mn: "FAKE\(k)", peer: "198.51.100.\(k % 300):1", frame: frame[...], time: 1_000 + Int64(k % 90))
        }
        #expect(tally.total == 50_000)
        let (counts, samples) = tally.take()
        #expect(counts.count <= RefusalTally.maxCounters + 3)   // + one bucket of other MNs per minute (three)
        #expect(counts.map(\.count).reduce(0, +) == 50_000)
        #expect(counts.contains { $0.mn == RefusalCount.otherMNs })
        #expect(samples.count <= RefusalLimits.samplePeers * RefusalLimits.samplesPerPeer)
        #expect(Set(samples.map(\.peer)).count == RefusalLimits.samplePeers)
        #expect(samples.allSatisfy { $0.excerpt.count == RefusalLimits.sampleBytes + 1 })   // the bytes, then …
        #expect(tally.isEmpty)
    }

    @Test func badCRCFramesOverTheNetworkAreCountedAndSampledNotStoredARowEach() throws {
        let h = try IngestServiceTests.Harness()
        defer { h.close() }
        let client = try h.client()
        var good = try IngestServiceTests.upload(qn: 1).frame()
        good[good.count - 3] = good[good.count - 3] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        let flood = Array(repeating: good, count: 2_000).flatMap { $0 }
        try client.send(flood)
        // A good frame after them: once it is answered, the refusals before it are counted.
        try client.send(IngestServiceTests.upload(qn: 2).frame())
        var answered = false
        while !answered, let reply = client.receive(timeout: 10) { answered = reply.cn == 9014 }
        #expect(answered)
        let deadline = Date().addingTimeInterval(10)
        while (try h.store.feedCounts().refused[.crc] ?? 0) < 2_000, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        #expect(try h.store.feedCounts().refused[.crc] == 2_000)
        let queue = try DatabaseQueue(path: h.path)
        let rows = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM refusal_count") ?? 0 }
        #expect(rows <= 2)   // the flood's minute (or two), the claimed MN
        let samples = try h.store.badFrameSamples()
        #expect(samples.count == RefusalLimits.samplesPerPeer)
        #expect(samples.allSatisfy { $0.reason == .crc && $0.mn == IngestServiceTests.air.mn && $0.excerpt.hasPrefix("##") })
    }
}
