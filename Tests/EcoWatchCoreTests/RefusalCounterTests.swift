import Foundation
import GRDB
import Testing
@testable import EcoWatchCore

/// Refusals are counters per minute, reason and claimed MN, bounded in rows whatever MNs a
/// sender invents, kept 30 days; and a few bad frames per peer are kept for the duty officer.
@Suite struct RefusalCounterTests {
    static let now: Int64 = 1_705_300_000

    static func rows(_ path: String, _ table: String) throws -> Int {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0 }
    }

    @Test func aFloodInOneMinuteIsOneCounterNotARowEach() throws {
        let db = TemporaryDatabase()
        defer { db.remove() }
        let store = try SQLiteStore(path: db.path)
        for k in 0..<100 {
            try store.recordRefusals([RefusalCount(time: Self.now + Int64(k % 50), reason: .crc, mn: nil, count: 1_000)])
        }
        #expect(try store.feedCounts().refused == [.crc: 100_000])
        #expect(try Self.rows(db.path, "refusal_count") <= 2)   // at most two minutes touched
        let recent = try store.refusals(since: Self.now - 60, limit: 10)
        #expect(recent.map(\.count).reduce(0, +) == 100_000)
        #expect(recent.allSatisfy { $0.reason == .crc && $0.mn == nil })
    }

    @Test func inventedMNsShareOneCounterOnceTheMinuteIsFullButRegisteredStationsKeepTheirOwn() throws {
        let db = TemporaryDatabase()
        defer { db.remove() }
        let store = try SQLiteStore(path: db.path)
        try store.replaceProgramme(try MiniDataSet().load())
        let registered = try #require(try store.loadProgramme().stations.first?.mn)
        let invented = (0..<500).map { RefusalCount(time: Self.now, reason: .wrongMN, mn: "FAKE\($0)", count: 1) }
        try store.recordRefusals(invented)
        try store.recordRefusals([RefusalCount(time: Self.now, reason: .wrongPW, mn: registered, count: 3)])
        let minuteRows = try Self.rows(db.path, "refusal_count")
        #expect(minuteRows == RefusalLimits.unregisteredRowsPerMinute + 2)   // + the '*' bucket + the station
        let recent = try store.refusals(since: Self.now - 60, limit: 100)
        #expect(recent.first { $0.mn == RefusalCount.otherMNs }?.count == 500 - RefusalLimits.unregisteredRowsPerMinute)
        #expect(try store.refusalCount(mn: registered, since: Self.now - 300) == 3)
        #expect(try store.feedCounts().refused == [.wrongMN: 500, .wrongPW: 3])
    }

    @Test func countersOlderThanThirtyDaysArePruned() throws {
        let db = TemporaryDatabase()
        defer { db.remove() }
        let store = try SQLiteStore(path: db.path)
        let old = Self.now - RefusalLimits.retentionSeconds - 120
        try store.recordRefusals([RefusalCount(time: old, reason: .length, mn: "M1", count: 5)])
        try store.recordRefusals([RefusalCount(time: Self.now, reason: .length, mn: "M1", count: 1)])
        #expect(try Self.rows(db.path, "refusal_count") == 1)
        #expect(try store.refusalCount(mn: "M1", since: 0) == 1)
        // The totals since the database was made keep everything.
        #expect(try store.feedCounts().refused == [.length: 6])
    }

    @Test func badFrameSamplesKeepTheLatestFewOfTheLatestPeersTruncated() throws {
        let db = TemporaryDatabase()
        defer { db.remove() }
        let store = try SQLiteStore(path: db.path)
        let long = Array("##9999QN=2024".utf8) + [0x00, 0x0A] + Array(repeating: UInt8(ascii: "x"), count: 500)
        var samples: [BadFrameSample] = []
        for peer in 0..<(RefusalLimits.samplePeers + 10) {
            for k in 0..<(RefusalLimits.samplesPerPeer + 3) {
                samples.append(BadFrameSample(peer: "192.0.2.\(peer):4000", time: Self.now + Int64(k), reason: .crc,
                                              mn: nil, bytes: long))
            }
        }
        try store.recordBadFrameSamples(samples)
        try store.recordBadFrameSamples([BadFrameSample(peer: "192.0.2.0:4000", time: Self.now + 99, reason: .length,
                                                        mn: "M1", bytes: Array("##0010short".utf8))])
        let kept = try store.badFrameSamples()
        // The peer heard from again had been dropped: it comes back with its one new sample.
        #expect(kept.count == (RefusalLimits.samplePeers - 1) * RefusalLimits.samplesPerPeer + 1)
        #expect(Set(kept.map(\.peer)).count == RefusalLimits.samplePeers)
        // Newest first: the last one recorded, from a peer that had been dropped.
        #expect(kept.first == BadFrameSample(peer: "192.0.2.0:4000", time: Self.now + 99, reason: .length, mn: "M1",
                                             excerpt: "##0010short"))
        let truncated = try #require(kept.dropFirst().first)
        #expect(truncated.excerpt.hasPrefix("##9999QN=2024\\x00\\x0Axxx"))
        #expect(truncated.excerpt.hasSuffix("…"))
        #expect(truncated.excerpt.count < RefusalLimits.sampleBytes * 4)
    }

    /// A database of the time refusals were a row each keeps their counts.
    @Test func migratingTurnsRefusalRowsIntoCounters() throws {
        let db = TemporaryDatabase()
        defer { db.remove() }
        let queue = try DatabaseQueue(path: db.path)
        try queue.write { db in try db.execute(sql: "PRAGMA application_id = \(Schema.applicationID)") }
        try Schema.migrator.migrate(queue, upTo: "v4-record-identity")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO refusal VALUES (\(Self.now), 'M1', 'crc'), (\(Self.now + 1), 'M1', 'crc'), (\(Self.now + 2), NULL, 'length');
                """)
        }
        try queue.close()
        let store = try SQLiteStore(path: db.path)
        #expect(try store.refusalCount(mn: "M1", since: Self.now - 60) == 2)
        #expect(Set(try store.refusals(since: Self.now - 60, limit: 10).map { "\($0.reason.rawValue) \($0.mn ?? "-") \($0.count)" })
                == ["crc M1 2", "length - 1"])
    }
}
