import Foundation
import Logging
import NIOConcurrencyHelpers
import Testing
import EcoWatchCore
@testable import EcoWatchFeed

/// Disk full: the database is capped with `PRAGMA max_page_count` (a real `SQLITE_FULL` from a
/// real SQLite file), the service must hold the frames of the batch that cannot be stored
/// unacknowledged, say so once, keep the connection, and acknowledge them once space returns.
@Suite struct IngestDiskFullTests {
    /// The store the service writes to; `freeSpace()` reopens the same file without the cap,
    /// as an operator freeing disk space would make writes succeed again.
    final class CappedStore: EcoWatchStore, @unchecked Sendable {
        let path: String
        private let inner: NIOLockedValueBox<SQLiteStore>

        init(path: String, maxPageCount: Int) throws {
            self.path = path
            inner = NIOLockedValueBox(try SQLiteStore(path: path, maxPageCount: maxPageCount))
        }

        func freeSpace() throws {
            let reopened = try SQLiteStore(path: path)
            inner.withLockedValue { $0 = reopened }
        }

        private var store: SQLiteStore { inner.withLockedValue { $0 } }
        func loadProgramme() throws -> Programme { try store.loadProgramme() }
        func replaceProgramme(_ programme: Programme) throws { try store.replaceProgramme(programme) }
        func changeToken() throws -> Int? { try store.changeToken() }
        func ingest(_ frames: [IngestFrame]) throws -> [IngestOutcome] { try store.ingest(frames) }
        func recordRefusals(_ counts: [RefusalCount]) throws { try store.recordRefusals(counts) }
        func recordBadFrameSamples(_ samples: [BadFrameSample]) throws { try store.recordBadFrameSamples(samples) }
        func refusalCount(mn: String, since time: Int64) throws -> Int { try store.refusalCount(mn: mn, since: time) }
        func refusals(since time: Int64, limit: Int) throws -> [RefusalCount] { try store.refusals(since: time, limit: limit) }
        func badFrameSamples() throws -> [BadFrameSample] { try store.badFrameSamples() }
        func recordHistoryRequests(_ requests: [HistoryRequest]) throws { try store.recordHistoryRequests(requests) }
        func historyRequests(limit: Int) throws -> (latest: [HistoryRequest], totals: HistoryRequestTotals) {
            try store.historyRequests(limit: limit)
        }
        func historyRequests(mn: String, limit: Int) throws -> (latest: [HistoryRequest], totals: HistoryRequestTotals) {
            try store.historyRequests(mn: mn, limit: limit)
        }
        func historyRequests(mn: String, openOr spans: [(cn: DataCommand, begin: Int64)]) throws -> [HistoryRequest] {
            try store.historyRequests(mn: mn, openOr: spans)
        }
        func feedCounts() throws -> FeedCounts { try store.feedCounts() }
        func latestValues() throws -> [String: [LatestValue]] { try store.latestValues() }
        func lastSeen() throws -> [String: Int64] { try store.lastSeen() }
        func recordTimes(mn: String) throws -> [DataCommand: Int64] { try store.recordTimes(mn: mn) }
        func pruneFrameLog(receivedBefore time: Int64, limit: Int) throws -> Int {
            try store.pruneFrameLog(receivedBefore: time, limit: limit)
        }
        func series(mn: String, codes: [String], grain: RollupGrain, from: Int64, to: Int64) throws -> [String: [SeriesPoint]] {
            try store.series(mn: mn, codes: codes, grain: grain, from: from, to: to)
        }
        func alarms(includeClosed: Bool, limit: Int) throws -> [Alarm] { try store.alarms(includeClosed: includeClosed, limit: limit) }
        func alarms(mn: String, limit: Int) throws -> [Alarm] { try store.alarms(mn: mn, limit: limit) }
        func alarms(since time: Int64, limit: Int) throws -> [Alarm] { try store.alarms(since: time, limit: limit) }
        @discardableResult
        func raiseAlarm(_ alarm: NewAlarm) throws -> Alarm { try store.raiseAlarm(alarm) }
        func clearAlarm(mn: String, rule: AlarmRule, at time: Int64) throws { try store.clearAlarm(mn: mn, rule: rule, at: time) }
        func acknowledgeAlarm(id: Int64, operator name: String, at time: Int64) throws {
            try store.acknowledgeAlarm(id: id, operator: name, at: time)
        }
        func bulkLoad<Chunks: Sequence<[Reading]>>(_ chunks: Chunks, replacing: Bool,
                                                   progress: (BulkLoadProgress) -> Void) throws -> Int {
            try store.bulkLoad(chunks, replacing: replacing, progress: progress)
        }
    }

    @Test func aFullDiskHoldsAcknowledgementsAndResumesWhenSpaceReturns() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ecowatch-full-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        do {
            let setup = try SQLiteStore(path: path)
            try setup.replaceProgramme(IngestServiceTests.programme([IngestServiceTests.air]))
        }
        // Capped at its present size: the first write that needs a new page fails.
        let store = try CappedStore(path: path, maxPageCount: 1)
        let log = NIOLockedValueBox<[String]>([])
        let service = IngestService(store: store, stations: [IngestServiceTests.air],
                                    configuration: IngestConfiguration(host: "127.0.0.1", port: 0,
                                                                       alarms: false, storageRetrySeconds: 0.2),
                                    threads: 2, logger: Logger(label: "test") { _ in LineLogHandler { line in log.withLockedValue { $0.append(line) } } })
        try service.start()
        defer { service.stop() }
        let client = try HJ212Client(host: "127.0.0.1", port: service.port)

        // Send frames one by one until one is not acknowledged: the disk is full.
        var acknowledged: [String] = []
        var held: [String] = []
        for n in 1...2_000 {
            let packet = IngestServiceTests.upload(qn: n % 1000, pm25: Double(n), minute: n)
            let frame = HJ212Packet(qn: String(format: "2024011508%02d%02d%03d", n / 60_000 % 60, n / 1000 % 60, n % 1000),
                                    st: packet.st, cn: packet.cn, pw: packet.pw, mn: packet.mn, flag: packet.flag, cp: packet.cp)
            try client.send(frame.frame())
            if let reply = client.receive(timeout: 1.0) {
                #expect(reply.cn == 9014 && reply.qn == frame.qn)
                acknowledged.append(frame.qn)
            } else {
                held.append(frame.qn)
                break
            }
        }
        try #require(held.count == 1, "the capped database never filled")
        // More frames while full: none acknowledged, the connection kept, said once.
        for n in 1...20 {
            let packet = IngestServiceTests.upload(qn: n, minute: 5_000 + n)
            let frame = HJ212Packet(qn: "20240116090000\(String(format: "%03d", n))", st: packet.st, cn: packet.cn,
                                    pw: packet.pw, mn: packet.mn, flag: packet.flag, cp: packet.cp)
            try client.send(frame.frame())
            held.append(frame.qn)
        }
        #expect(client.receive(timeout: 1.5) == nil)
        #expect(!client.isClosed)
        #expect(try store.feedCounts().accepted == acknowledged.count)
        let fullLines = log.withLockedValue { $0 }.filter { $0.contains("database full: not acknowledging") }
        #expect(fullLines.count == 1, "said once, not at every retry: \(fullLines)")

        // Space returns: every held frame is stored and acknowledged, on the same connection.
        try store.freeSpace()
        var late: Set<String> = []
        while late.count < held.count, let reply = client.receive(timeout: 5) {
            #expect(reply.cn == 9014)
            late.insert(reply.qn)
        }
        #expect(late == Set(held))
        let counts = try store.feedCounts()
        #expect(counts.accepted == acknowledged.count + held.count)
        #expect(counts.duplicates == 0)
        #expect(log.withLockedValue { $0 }.contains { $0.contains("database writable again") })
        #expect(service.summary.failed == 0)
        print("disk full: \(acknowledged.count) frames acknowledged before the capped file filled, \(held.count) held "
              + "unacknowledged (\(fullLines.count) stderr line), all \(late.count) acknowledged after space returned")
    }
}
