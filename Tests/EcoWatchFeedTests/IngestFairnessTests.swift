import Foundation
import Logging
import NIOConcurrencyHelpers
import Testing
import EcoWatchCore
@testable import EcoWatchFeed

/// Admission and fairness: one bad client cannot slow the others, and the limits refuse
/// politely (closed, counted, logged).
@Suite(.serialized) struct IngestFairnessTests {
    static let good = IngestServiceTests.air
    static let flooder = Station(mn: "330200A0000000F1", pw: "654321", name: LocalizedText(zh: "洪水站", en: "Flooder"),
                                 districtID: "haishu", kind: .air, targetClass: nil, codes: ["a34004"],
                                 intervalSeconds: 60, codeAliases: [:], particleScale: 1)

    final class Harness {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ecowatch-fair-\(UUID().uuidString).sqlite").path
        let store: SQLiteStore
        let service: IngestService
        let log = NIOLockedValueBox<[String]>([])

        /// `busySeconds` and `storageRetrySeconds`: how long the writer waits out a lock taken
        /// by another process, and how soon it tries again.
        init(idleTimeout: Double, maxConnections: Int = 1024, threads: Int = 2, busySeconds: Double = 5,
             storageRetrySeconds: Double = 1) throws {
            store = try SQLiteStore(path: path, busySeconds: busySeconds)
            let stations = [IngestFairnessTests.good, IngestFairnessTests.flooder]
            try store.replaceProgramme(IngestServiceTests.programme(stations))
            let log = self.log
            service = IngestService(store: store, stations: stations,
                                    configuration: IngestConfiguration(host: "127.0.0.1", port: 0, maxConnections: maxConnections,
                                                                       idleTimeout: idleTimeout, alarms: false,
                                                                       storageRetrySeconds: storageRetrySeconds),
                                    threads: threads, logger: Logger(label: "test") { _ in LineLogHandler { line in log.withLockedValue { $0.append(line) } } })
            try service.start()
        }

        func client(from source: String? = nil) throws -> HJ212Client {
            try HJ212Client(host: "127.0.0.1", port: service.port, from: source)
        }

        func close() {
            service.stop()
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
    }

    /// A frame whose record's DataTime follows from its QN (the QN's time, plus its milliseconds
    /// as seconds): frames of distinct QNs carry distinct records.
    static func frame(_ station: Station, qn: String, damaged: Bool = false) throws -> [UInt8] {
        let time = chinaTimeToEpoch(String(qn.prefix(14)))! + Int64(qn.suffix(3))!
        let packet = HJ212Packet(qn: qn, st: 22, cn: 2011, pw: station.pw, mn: station.mn, flag: HJ212Flag(wantsReply: true),
                                 cp: HJ212CP(dataTime: epochToChinaTime(time), pollutants: [HJ212Pollutant(name: "a34004", rtd: 35, flag: "N")]))
        var bytes = try packet.frame()
        if damaged {
            let at = bytes.count - 3  // a CRC digit
            bytes[at] = bytes[at] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        }
        return bytes
    }

    /// A client that sends frames as fast as it can (good ones of its own station and
    /// damaged ones) and drains its replies so that it is never slowed. Its bursts of 50 repeat
    /// the same 25 records, or, `distinct`, each burst carries 25 new ones (a backlog resent).
    final class Flood: @unchecked Sendable {
        let client: HJ212Client
        let distinct: Bool
        let running = NIOLockedValueBox(true)
        let sent = NIOLockedValueBox(0)
        private let done = DispatchGroup()

        init(_ client: HJ212Client, distinct: Bool = false) {
            self.client = client
            self.distinct = distinct
        }

        static func burst(_ round: Int) throws -> [UInt8] {
            var bytes: [UInt8] = []
            let start = chinaTimeToEpoch("20240115090000")! + Int64(round) * 50
            for n in 0..<50 {
                let time = start + Int64(n)
                bytes += try IngestFairnessTests.frame(IngestFairnessTests.flooder, qn: epochToChinaTime(time) + "000",
                                                       damaged: n % 2 == 1)
            }
            return bytes
        }

        func start() throws {
            let same = try Self.burst(0)
            done.enter()
            Thread { [self] in
                defer { done.leave() }
                var round = 0
                while running.withLockedValue({ $0 }) {
                    do { try client.send(distinct ? Self.burst(round) : same) } catch { return }
                    round += 1
                    sent.withLockedValue { $0 += 50 }
                }
            }.start()
            done.enter()
            Thread { [self] in
                defer { done.leave() }
                while running.withLockedValue({ $0 }), !client.isClosed { _ = client.receive(timeout: 0.1) }
            }.start()
        }

        func stop() {
            running.withLockedValue { $0 = false }
            done.wait()
        }
    }

    @Test func aWellBehavedStationIsAnsweredAndKeptBeside200StalledClientsAndAFlood() throws {
        let idle = 1.5
        let h = try Harness(idleTimeout: idle)
        defer { h.close() }
        let half = Array(try Self.frame(Self.good, qn: "20240115080000000").prefix(40))
        var stalled: [HJ212Client] = []
        for n in 0..<200 {
            // From four addresses: one address may hold only so many connections.
            let client = try h.client(from: "127.0.1.\(n % 4 + 1)")
            try client.send(half)
            stalled.append(client)
        }
        let flood = Flood(try h.client(from: "127.0.0.3"))
        let floodStarted = Date()
        try flood.start()
        defer { flood.stop() }

        let station = try h.client()
        // One frame every 200 ms at most (each waits for its answer): how fast the answers come
        // beside the flood is a benchmark's question; that the station's frame never waits behind
        // more than the flooder's share is `aStationsFrameWaitsBehindAtMostAFloodersShare…`.
        let started = Date()
        for n in 0..<20 {
            let qn = "20240115100000" + String(format: "%03d", n)
            let sentAt = Date()
            try station.send(Self.frame(Self.good, qn: qn))
            let reply = station.receive(timeout: 10)
            #expect(reply?.cn == 9014 && reply?.qn == qn, "frame \(n): \(String(describing: reply))")
            Thread.sleep(forTimeInterval: max(0, 0.2 - Date().timeIntervalSince(sentAt)))
        }
        let elapsed = Date().timeIntervalSince(started)
        flood.stop()
        // The stalled clients were dropped after the idle timeout; the station, sending every
        // 200 ms, was not.
        #expect(elapsed > idle + 0.5)
        // Under the flood some stalled clients were accepted late, so their idle time ends
        // later too: wait (boundedly) for every one to be dropped and logged.
        let deadline = Date().addingTimeInterval(idle + 8)
        var dropped = 0
        var logged = 0
        repeat {
            for client in stalled where !client.isClosed { _ = client.receive(timeout: 0.01) }
            dropped = stalled.filter(\.isClosed).count
            logged = h.log.withLockedValue { $0 }.filter { $0.contains("with 40 bytes of an unfinished frame: closed") }.count
        } while (dropped < 200 || logged < 200) && Date() < deadline
        #expect(dropped == 200)
        #expect(logged == 200)
        #expect(!station.isClosed)
        let log = h.log.withLockedValue { $0 }
        let loggedFor = Date().timeIntervalSince(floodStarted)

        // The flood's thousands of refusals are not written out one by one: at most 20 lines in
        // each second the log covers (a backlog the service reads after the flood stopped is
        // logged later, so the window runs from the flood's start to this read of the log).
        let refusalLines = log.filter { $0.contains(" refused ") }.count
        #expect(refusalLines <= 20 * (Int(loggedFor.rounded(.up)) + 1), "\(refusalLines) refusal lines in \(loggedFor) s")
        #expect(log.contains { $0.contains("more refusals not logged") })

        let summary = h.service.summary
        let floodSent = flood.sent.withLockedValue { $0 }
        #expect((summary.refused[.crc] ?? 0) > 0)
        #expect(try h.store.feedCounts().accepted >= 20)
        print("fairness: 200 stalled clients dropped after \(idle) s idle; flood of \(floodSent) frames "
              + "(\(summary.refusedTotal) refused: \(summary.refused), \(refusalLines) refusal lines logged); station: 20 frames answered")
    }

    /// Fairness between stations comes from serving connections in turn (issue 10 §2, §4): a
    /// connection holds at most its share of the writer's queue (frames taken in, not yet
    /// committed), so a station's frame beside a flood is taken in at once and committed behind
    /// that share and no more, however long the flood and however slow the store. Another
    /// writer holds the database while the flood takes what it can, so every count here is
    /// exact: no clock, no race.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
    func aStationsFrameWaitsBehindAtMostAFloodersShareOfTheQueue() throws {
        let h = try Harness(idleTimeout: 60, busySeconds: 0.2, storageRetrySeconds: 0.2)
        defer { h.close() }
        let limits = h.service.configuration
        let share = min(limits.maxPendingPerConnection, limits.maxPendingPerStation)
        // A flood holding the whole queue would be far more than a share.
        try #require(share * 10 < limits.maxQueuedFrames)
        let station = try h.client()
        try station.send(Self.frame(Self.good, qn: "20240115100000000"))
        #expect(station.receive(timeout: 10)?.cn == 9014)
        func queued() -> (frames: Int, station: Int) {
            h.service.core.budget.withLockedValue { ($0.frames, $0.perStation[Self.good.mn] ?? 0) }
        }

        let lock = try SQLiteLock(h.path)
        defer { lock.release() }
        let flood = Flood(try h.client(from: "127.0.0.3"), distinct: true)
        defer {
            lock.release()
            flood.stop()
        }
        try flood.start()
        // The flood takes what it may of the queue, then is not read until its frames commit.
        #expect(IngestProcess.wait(seconds: 30) { queued().frames >= share }, "queued: \(queued())")

        let qn = "20240115100001000"
        try station.send(Self.frame(Self.good, qn: qn))
        #expect(IngestProcess.wait(seconds: 30) { queued().station == 1 },
                "the station's frame is not taken in; \(queued().frames) frames queued")
        let ahead = queued().frames - 1
        #expect(ahead <= share, "the station's frame is behind \(ahead) of the flood's, more than its share of \(share)")

        lock.release()
        let reply = station.receive(timeout: 30)
        #expect(reply?.cn == 9014 && reply?.qn == qn, "\(String(describing: reply))")
        // In the order of the commits (the frame log): behind no more than that share.
        let before = try CrashSafetyTests.sqlite(h.path, """
            SELECT count(*) FROM frame WHERE mn = '\(Self.flooder.mn)' AND id < (SELECT id FROM frame WHERE qn = '\(qn)')
            """)
        #expect(Int(before).map { $0 <= share } == true, "committed behind \(before) of the flood's frames")
        print("fairness: the station's frame taken in behind \(ahead) of the flood's frames and committed behind \(before) "
              + "(share \(share), queue \(limits.maxQueuedFrames))")
    }

    @Test func whenFullANewConnectionTakesTheSlotOfOneWithoutACompleteFrame() throws {
        let h = try Harness(idleTimeout: 30, maxConnections: 2)
        defer { h.close() }
        let first = try h.client()
        try first.send(Self.frame(Self.good, qn: "20240115110000001"))
        #expect(first.receive(timeout: 5)?.cn == 9014)
        let silent = try h.client(from: "127.0.0.2")
        try silent.send(Array("##0".utf8))
        let third = try h.client(from: "127.0.0.3")
        try third.send(Self.frame(Self.good, qn: "20240115110000002"))
        #expect(third.receive(timeout: 5)?.cn == 9014)
        #expect(silent.receive(timeout: 5) == nil)
        #expect(silent.isClosed)
        #expect(h.service.summary.evictedConnections == 1)
        #expect(h.log.withLockedValue { $0 }.contains { $0.contains("connection without a complete frame for a new one") })
        // The station that had completed a frame keeps its slot.
        try first.send(Self.frame(Self.good, qn: "20240115110000003"))
        #expect(first.receive(timeout: 5)?.cn == 9014)
    }

    @Test func theLimitsHaveSaneDefaults() {
        let defaults = IngestConfiguration()
        #expect(defaults.host == "127.0.0.1")
        #expect(defaults.maxConnections == 1024)
        #expect(defaults.maxDataLength == 1024)
        #expect(defaults.idleTimeout == 60)
    }
}
