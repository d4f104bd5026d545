import Foundation
import Logging
import NIOConcurrencyHelpers
import Testing
import EcoWatchCore
@testable import EcoWatchFeed

/// The ingest service end to end: a real loopback socket, a real temporary SQLite database.
@Suite struct IngestServiceTests {
    static let air = Station(mn: "330200A0000000T1", pw: "123456", name: LocalizedText(zh: "测试站", en: "Test station"),
                             districtID: "haishu", kind: .air, targetClass: nil, codes: ["a34004", "a05024"],
                             intervalSeconds: 60, codeAliases: ["PM25": "a34004"], particleScale: 1)

    /// A programme of `stations` alone, with the one district they are in.
    static func programme(_ stations: [Station]) -> Programme {
        let haishu = District(id: "haishu", name: LocalizedText(zh: "海曙区", en: "Haishu"), kind: .district, parentID: nil,
                              coastal: false, population: 0, areaKm2: 0)
        return Programme(districts: [haishu], indicators: [], observations: [], tasks: [], events: [], stations: stations)
    }

    /// A running service on a fresh database, stopped and removed by `close()`.
    final class Harness {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ecowatch-ingest-\(UUID().uuidString).sqlite").path
        let store: SQLiteStore
        let service: IngestService
        let log = NIOLockedValueBox<[String]>([])

        init(idleTimeout: Double = 30, frameDeadline: Double = 10) throws {
            store = try SQLiteStore(path: path)
            try store.replaceProgramme(IngestServiceTests.programme([IngestServiceTests.air]))
            let log = self.log
            service = IngestService(store: store, stations: [IngestServiceTests.air],
                                    configuration: IngestConfiguration(host: "127.0.0.1", port: 0, idleTimeout: idleTimeout,
                                                                       frameDeadline: frameDeadline, alarms: false),
                                    threads: 2, logger: Logger(label: "test") { _ in LineLogHandler { line in log.withLockedValue { $0.append(line) } } })
            try service.start()
        }

        func client() throws -> HJ212Client { try HJ212Client(host: "127.0.0.1", port: service.port) }

        func close() {
            service.stop()
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
    }

    /// 2024-01-15 08:30 in UTC+8.
    static let firstDataTime: Int64 = 1_705_278_600

    /// An upload whose record is at `minute` minutes after `firstDataTime` (by default `qn`
    /// minutes: a record is MN, CN, DataTime and code, so frames of distinct records need
    /// distinct times).
    static func upload(qn: Int, mn: String = air.mn, pw: String = air.pw, st: Int = 22, cn: DataCommand = .realTime,
                       pm25: Double = 35, flag: String = "N", minute: Int? = nil) -> HJ212Packet {
        HJ212Packet(qn: "20240115083000\(String(format: "%03d", qn))", st: st, cn: cn, pw: pw, mn: mn,
                    flag: HJ212Flag(wantsReply: true),
                    cp: HJ212CP(dataTime: epochToChinaTime(firstDataTime + Int64(minute ?? qn) * 60),
                                pollutants: [HJ212Pollutant(name: "PM25", rtd: pm25, avg: pm25, flag: flag),
                                             HJ212Pollutant(name: "a05024", rtd: 80, avg: 80, flag: "M")]))
    }

    static func bytes(_ packet: HJ212Packet) throws -> [UInt8] { try packet.frame() }

    @Test func acknowledgedMeansStored() throws {
        let h = try Harness()
        defer { h.close() }
        let client = try h.client()
        for n in 1...5 {
            try client.send(Self.bytes(Self.upload(qn: n, pm25: Double(n))))
            let reply = try #require(client.receive(timeout: 5))
            #expect(reply.cn == 9014)
            #expect(reply.st == 91)
            #expect(reply.qn == Self.upload(qn: n).qn)
            // The reply went out after the commit: the data is there now.
            #expect(try h.store.feedCounts().accepted == n)
            let latest = try #require(h.store.latestValues()[Self.air.mn])
            #expect(latest.first { $0.code == "a34004" }?.value == Double(n))
            #expect(latest.first { $0.code == "a05024" }?.flag == .maintenance)
            #expect(latest.first { $0.code == "a34004" }?.time == Self.firstDataTime + Int64(n) * 60)
        }
    }

    @Test func aResentFrameIsAcknowledgedAgainButCountedAsDuplicate() throws {
        let h = try Harness()
        defer { h.close() }
        let client = try h.client()
        let frame = try Self.bytes(Self.upload(qn: 7))
        try client.send(frame)
        #expect(client.receive(timeout: 5)?.cn == 9014)
        try client.send(frame)
        #expect(client.receive(timeout: 5)?.cn == 9014)
        let counts = try h.store.feedCounts()
        #expect(counts.accepted == 1)
        #expect(counts.duplicates == 1)
    }

    @Test func refusalsAreAnsweredCountedByReasonAndNeverStored() throws {
        let h = try Harness()
        defer { h.close() }
        let client = try h.client()
        var damaged = try Self.bytes(Self.upload(qn: 1))
        damaged[damaged.count - 3] = damaged[damaged.count - 3] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        let cases: [([UInt8], Int)] = [
            (damaged, 9),
            (try Self.bytes(Self.upload(qn: 2, pw: "000000")), 3),
            (try Self.bytes(Self.upload(qn: 3, mn: "UNKNOWN0001")), 4),
            (try Self.bytes(Self.upload(qn: 4, st: 21)), 5),
            (try Self.bytes(Self.upload(qn: 5, cn: 2081)), 8),
            (try Self.bytes(Self.upload(qn: 6, flag: "X")), 6),
        ]
        for (frame, qnRtn) in cases {
            try client.send(frame)
            let reply = try #require(client.receive(timeout: 5))
            #expect(reply.cn == 9011)
            #expect(reply.cp.field(named: "QnRtn") == String(qnRtn))
        }
        try client.send(Array("garbage\r\n".utf8))
        // A good frame after them: once it is answered, the refusals before it are counted.
        try client.send(Self.bytes(Self.upload(qn: 9)))
        #expect(client.receive(timeout: 5)?.cn == 9014)
        let counts = try h.store.feedCounts()
        #expect(counts.refused == [.crc: 1, .wrongPW: 1, .wrongMN: 1, .wrongST: 1, .wrongCN: 1, .wrongFlag: 1, .notAFrame: 1])
        #expect(counts.accepted == 1)
        #expect(try h.store.latestValues()[Self.air.mn]?.first { $0.code == "a34004" }?.value == 35)
        #expect(h.log.withLockedValue { $0 }.contains { $0.contains("refused wrong-pw") && $0.contains(Self.air.mn) })
    }

    @Test func framesSplitAcrossWritesAndSeveralInOneWrite() throws {
        let h = try Harness()
        defer { h.close() }
        let client = try h.client()
        let one = try Self.bytes(Self.upload(qn: 1))
        for piece in [one[0..<5], one[5..<40], one[40...]] {
            try client.send(Array(piece))
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(client.receive(timeout: 5)?.qn == Self.upload(qn: 1).qn)
        try client.send(Self.bytes(Self.upload(qn: 2)) + Self.bytes(Self.upload(qn: 3)) + Self.bytes(Self.upload(qn: 4)))
        var answered: Set<String> = []
        for _ in 0..<3 { if let reply = client.receive(timeout: 5) { answered.insert(reply.qn) } }
        #expect(answered == Set([2, 3, 4].map { Self.upload(qn: $0).qn }))
        #expect(try h.store.feedCounts().accepted == 4)
    }

    @Test func aClientThatStallsMidFrameIsDroppedWhileOthersAreServed() throws {
        // The frame deadline drops a peer that began a frame and does not finish it; the idle
        // timeout is long, so the station completing frames meanwhile is never at risk however
        // slowly the machine runs.
        let h = try Harness(idleTimeout: 60, frameDeadline: 0.5)
        defer { h.close() }
        let staller = try h.client()
        let good = try h.client()
        try staller.send(Array(try Self.bytes(Self.upload(qn: 1)).prefix(30)))
        // The station is answered, frame after frame, until the staller is dropped (at most
        // 300 frames: without the deadline it would not be, for the minute of its idle time).
        var sent = 0
        while !staller.isClosed, sent < 300 {
            sent += 1
            try good.send(Self.bytes(Self.upload(qn: sent + 1)))
            #expect(good.receive(timeout: 5)?.cn == 9014)
            _ = staller.receive(timeout: 0.05)
        }
        #expect(staller.isClosed)
        #expect(!good.isClosed)
        #expect(try h.store.feedCounts().accepted == sent)
        #expect(h.log.withLockedValue { $0 }.contains { $0.contains("no complete frame within 0.5 s with 30 bytes of an unfinished frame") })
    }

    @Test func aStationSendingFastIsNeverRefused() throws {
        let h = try Harness()
        defer { h.close() }
        let client = try h.client()
        var frames: [UInt8] = []
        for n in 1...200 { frames += try Self.bytes(Self.upload(qn: n)) }
        try client.send(frames)
        var replies: [DataCommand: Int] = [:]
        for _ in 0..<200 { if let reply = client.receive(timeout: 5) { replies[reply.cn, default: 0] += 1 } }
        #expect(replies == [.dataAnswer: 200])
    }

    /// The simulator plays a logger: each real-time record has its own DataTime, so a station
    /// never sends two in one second, however high `rate` (before, one station at 50 frames a
    /// second sent fifty records stamped with the same second, with different values, and
    /// ingest stored all but the first as corrections).
    @Test func theSimulatorStampsEachRealTimeRecordOfAStationWithItsOwnSecond() throws {
        let h = try Harness()
        defer { h.close() }
        // A seed whose simulated outages (five minutes now and then) leave the station alone now.
        let now = Int64(Date().timeIntervalSince1970)
        let seed = try #require((UInt64(212)...).prefix(100).first { seed in
            [now, now + 60, now + 120].allSatisfy { !SimulatedWeather.outage(station: Self.air, time: $0, seed: seed) }
        })
        let simulator = StationSimulator(stations: [Self.air],
                                         options: .init(port: h.service.port, rate: 50, duration: nil, seed: seed, outageRate: 0),
                                         log: { _ in })
        let finished = DispatchSemaphore(value: 0)
        Thread {
            simulator.run()
            finished.signal()
        }.start()
        let enough = IngestProcess.wait(seconds: 30) { h.service.summary.stored >= 3 }
        simulator.stop()
        #expect(finished.wait(timeout: .now() + 30) == .success)
        #expect(enough, "\(h.service.summary.line)")
        let summary = h.service.summary
        #expect(summary.corrected == 0, "\(summary.line)")
        #expect(summary.readings == summary.stored * Self.air.codes.count, "\(summary.line)")
    }

    @Test func chinaTimeConversion() {
        #expect(chinaTimeToEpoch("19700101080000") == 0)
        #expect(chinaTimeToEpoch("20240229235959") == 1_709_222_399)
        #expect(chinaTimeToEpoch("20230229000000") == nil)
        #expect(epochToChinaTime(1_709_222_399) == "20240229235959")
        #expect(epochToChinaTime(0) == "19700101080000")
    }
}
