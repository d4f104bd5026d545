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
        var bad = try IngestServiceTests.upload(qn: 0).frame()
        bad[bad.count - 3] = bad[bad.count - 3] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        // Short of the bad-frames-in-a-row limit, then a good frame, a hundred times over.
        let run = h.service.configuration.badFrameLimit - 1
        var stream: [UInt8] = []
        for k in 1...100 {
            stream += Array(repeating: bad, count: run).flatMap { $0 }
            stream += try IngestServiceTests.upload(qn: k % 1000, minute: k).frame()
        }
        try client.send(stream)
        var answered = 0
        while answered < 100, let reply = client.receive(timeout: 10) { if reply.cn == 9014 { answered += 1 } }
        #expect(answered == 100)
        let expected = 100 * run
        let deadline = Date().addingTimeInterval(10)
        while (try h.store.feedCounts().refused[.crc] ?? 0) < expected, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        #expect(try h.store.feedCounts().refused[.crc] == expected)
        let queue = try DatabaseQueue(path: h.path)
        let rows = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM refusal_count") ?? 0 }
        #expect(rows <= 2)   // the flood's minute (or two), the claimed MN
        let samples = try h.store.badFrameSamples()
        #expect(samples.count == RefusalLimits.samplesPerPeer)
        #expect(samples.allSatisfy { $0.reason == .crc && $0.mn == IngestServiceTests.air.mn && $0.excerpt.hasPrefix("##") })
    }
}
