import Foundation
import NIOConcurrencyHelpers
import Testing
import EcoWatchCore
@testable import EcoWatchFeed

/// The network rules of issue 10, each against the real `ecowatch ingest` over loopback, run as
/// an ordinary user (uid 65534 when the tests run as root).
@Suite(.serialized, .enabled(if: IngestProcess.available && FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
struct IngestNetworkTests {
    static let base = chinaTimeToEpoch("20240115000000")!

    @Test func runsAsAnOrdinaryUserAndAcknowledges() throws {
        let ingest = try IngestProcess()
        if getuid() == 0 { #expect(ingest.uid == IngestProcess.nobody) }
        let client = try ingest.client()
        for n in 0..<5 {
            try client.send(IngestProcess.record(IngestProcess.air, n: n, time: Self.base + Int64(n) * 60))
            let reply = client.receive(timeout: 10)
            #expect(reply?.cn == .dataAnswer, "frame \(n): \(String(describing: reply)) \(ingest.stderr)")
        }
        #expect(ingest.stop() == 0)
    }

    /// A logger resending a day of minute records after an outage, as fast as TCP allows.
    @Test(arguments: [false, true])
    func aBackfillOf1440MinuteRecordsIsAllStored(wantsReply: Bool) throws {
        let ingest = try IngestProcess()
        let client = try ingest.client()
        var bytes: [UInt8] = []
        for n in 0..<1_440 {
            bytes += try IngestProcess.record(IngestProcess.air, n: n, time: Self.base + Int64(n) * 60, wantsReply: wantsReply,
                                              value: Double(n % 50))
        }
        let replies = NIOLockedValueBox<[DataCommand: Int]>([:])
        nonisolated(unsafe) let reading = client
        let reader = Thread {
            while !reading.isClosed, replies.withLockedValue({ $0.values.reduce(0, +) }) < 1_440 {
                if let reply = reading.receive(timeout: 0.2) { replies.withLockedValue { $0[reply.cn, default: 0] += 1 } }
                if !wantsReply { return }
            }
        }
        reader.start()
        try client.send(bytes)
        let stored = try IngestProcess.wait(seconds: 60) { try ingest.query("SELECT count(*) FROM reading") == "1440" }
        #expect(stored, "stored \((try? ingest.query("SELECT count(*) FROM reading")) ?? "?") of 1440")
        if wantsReply {
            #expect(IngestProcess.wait(seconds: 30) { replies.withLockedValue { $0 } == [.dataAnswer: 1_440] },
                    "\(replies.withLockedValue { $0 })")
        } else {
            #expect(replies.withLockedValue { $0 }.isEmpty)
        }
        #expect(try ingest.query("SELECT count(*) FROM feed_count WHERE reason LIKE 'refused:%'") == "0")
        #expect(!client.isClosed)
    }

    /// A peer sending bad frames is disconnected after `--bad-frame-limit` in a row, its
    /// address turned away for `--hold-off` seconds and logged once; a station from another
    /// address is served all along.
    @Test func aPeerSendingBadFramesInARowIsDisconnectedAndTurnedAway() throws {
        let ingest = try IngestProcess(["--bad-frame-limit", "5", "--hold-off", "60"])
        let station = try ingest.client()
        try station.send(IngestProcess.record(IngestProcess.air, n: 0, time: Self.base))
        #expect(station.receive(timeout: 10)?.cn == .dataAnswer)

        let bad = try ingest.client(from: "127.0.0.2")
        var flood: [UInt8] = []
        for n in 0..<50 {
            flood += IngestProcess.damaged(try IngestProcess.record(IngestProcess.other, n: n, time: Self.base + Int64(n) * 60))
        }
        try? bad.send(flood)
        #expect(IngestProcess.wait(seconds: 10) {
            _ = bad.receive(timeout: 0.05)
            return bad.isClosed
        }, "still connected after 50 bad frames")

        // Turned away: a new connection from that address is closed without being read.
        for attempt in 0..<3 {
            let again = try ingest.client(from: "127.0.0.2")
            try? again.send(IngestProcess.record(IngestProcess.other, n: 100 + attempt, time: Self.base))
            #expect(again.receive(timeout: 5) == nil)
            #expect(again.isClosed)
        }
        try station.send(IngestProcess.record(IngestProcess.air, n: 1, time: Self.base + 60))
        #expect(station.receive(timeout: 10)?.cn == .dataAnswer)
        #expect(try ingest.query("SELECT count(*) FROM reading WHERE mn = '\(IngestProcess.other.mn)'") == "0")
        #expect(ingest.stop() == 0)
        let log = ingest.stderr
        #expect(log.components(separatedBy: "turned away for 60.0 s").count - 1 == 1, "\(log)")
        #expect(log.contains("5 bad frames in a row"))
    }

    /// Drippers from one address: at most `--max-per-address` of them are held, each one
    /// closed when its frame is not complete within `--frame-deadline` though it keeps
    /// sending; a station from another address gets a slot and is served.
    @Test func drippersFromOneAddressCannotHoldTheSlots() throws {
        let ingest = try IngestProcess(["--max-connections", "8", "--max-per-address", "4", "--frame-deadline", "1",
                                        "--idle-timeout", "60"])
        let half = Array(try IngestProcess.record(IngestProcess.other, n: 0, time: Self.base).prefix(30))
        var drippers: [HJ212Client] = []
        for _ in 0..<16 {
            let dripper = try ingest.client(from: "127.0.0.2")
            try? dripper.send(Array(half.prefix(2)))
            drippers.append(dripper)
        }
        // Only four were kept; the others were closed as they came.
        #expect(IngestProcess.wait(seconds: 10) {
            for dripper in drippers where !dripper.isClosed { _ = dripper.receive(timeout: 0.01) }
            return drippers.filter { !$0.isClosed }.count == 4
        }, "\(drippers.filter { !$0.isClosed }.count) drippers connected")
        let station = try ingest.client()
        try station.send(IngestProcess.record(IngestProcess.air, n: 0, time: Self.base))
        #expect(station.receive(timeout: 10)?.cn == .dataAnswer)

        // The four left drip a byte now and then: never idle, but never a frame either.
        let kept = drippers.filter { !$0.isClosed }
        #expect(IngestProcess.wait(seconds: 15) {
            for dripper in kept where !dripper.isClosed {
                try? dripper.send([UInt8(ascii: "0")])
                _ = dripper.receive(timeout: 0.05)
            }
            return kept.allSatisfy(\.isClosed)
        })
        try station.send(IngestProcess.record(IngestProcess.air, n: 1, time: Self.base + 60))
        #expect(station.receive(timeout: 10)?.cn == .dataAnswer)
        #expect(ingest.stop() == 0)
        #expect(ingest.stderr.contains("no complete frame within 1.0 s"))
        #expect(ingest.stderr.contains("over the limit of 4 connections from 127.0.0.2"))
    }

    /// While another writer holds the database, the service stops reading (the sender is
    /// stopped by TCP, nothing piles up in memory), a station waiting for its 9014 is not closed
    /// as idle, and everything is stored once the lock goes.
    @Test func whileTheStoreIsLockedReadingStopsAndWaitingStationsStay() throws {
        let ingest = try IngestProcess(["--idle-timeout", "1", "--frame-deadline", "1"])
        let lock = try SQLiteLock(ingest.database)
        defer { lock.release() }

        let station = try ingest.client()
        try station.send(IngestProcess.record(IngestProcess.air, n: 0, time: Self.base))

        let count = 20_000
        var flood: [UInt8] = []
        for n in 0..<count {
            flood += try IngestProcess.record(IngestProcess.other, n: n, time: Self.base + Int64(n) * 60, wantsReply: false)
        }
        let flooder = try ingest.client(from: "127.0.0.2", sendBuffer: 32 << 10)
        let sent = NIOLockedValueBox(0)
        let bytes = flood
        nonisolated(unsafe) let sending = flooder
        let sender = Thread {
            var offset = 0
            while offset < bytes.count {
                let end = min(bytes.count, offset + 4096)
                do { try sending.send(Array(bytes[offset..<end])) } catch { return }
                offset = end
                sent.withLockedValue { $0 = offset }
            }
        }
        sender.start()
        // The sender stalls: nothing sent for two seconds (twice the idle timeout).
        var last = -1, since = Date()
        let stalled = IngestProcess.wait(seconds: 60) {
            let now = sent.withLockedValue { $0 }
            if now != last { (last, since) = (now, Date()) }
            return Date().timeIntervalSince(since) > 2
        }
        #expect(stalled)
        #expect(last < bytes.count / 2, "sent \(last) of \(bytes.count) bytes while the database was locked")
        #expect(station.receive(timeout: 0.1) == nil)
        #expect(!station.isClosed, "a station waiting for its acknowledgement was closed")
        #expect(!flooder.isClosed)

        lock.release()
        #expect(station.receive(timeout: 30)?.cn == .dataAnswer)
        let all = try IngestProcess.wait(seconds: 120) {
            try ingest.query("SELECT count(*) FROM reading WHERE mn = '\(IngestProcess.other.mn)'") == String(count)
        }
        #expect(all, "\((try? ingest.query("SELECT count(*) FROM reading WHERE mn = '\(IngestProcess.other.mn)'")) ?? "?") of \(count) stored")
        #expect(ingest.stop() == 0)
    }
}

/// Another process holding a database's write lock (`BEGIN IMMEDIATE` in sqlite3) until
/// `release()`.
final class SQLiteLock {
    private let process = Process()
    private let input = Pipe()

    init(_ database: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [database]
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        // The CLI gives up at once on a busy database unless told to wait; .bail: no "holding" without the lock.
        input.fileHandleForWriting.write(Data(".timeout 10000\n.bail on\nBEGIN IMMEDIATE;\nSELECT 'holding';\n".utf8))
        var said = ""
        while !said.contains("holding") {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { throw IngestServiceError(message: "sqlite3 could not lock \(database)") }
            said += String(decoding: data, as: UTF8.self)
        }
    }

    func release() {
        guard process.isRunning else { return }
        input.fileHandleForWriting.write(Data("COMMIT;\n.quit\n".utf8))
        process.waitUntilExit()
    }
}
