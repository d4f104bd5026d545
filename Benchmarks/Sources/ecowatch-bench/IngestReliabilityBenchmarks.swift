import Foundation
import EcoWatchCore
import EcoWatchFeed

// The release `ecowatch ingest` under the loads of issue 10: a logger's backfill, a store
// locked under a flood of every sample station, a bad-CRC flood beside a good station, and
// drippers holding slots. Each prints one line; the service runs as its own process so that
// its memory is its own.

/// A running release `ecowatch ingest`: on a fresh sample database, or on `database` (a path or
/// a PostgreSQL URL) with its `programme`.
final class IngestUnderTest: @unchecked Sendable {
    let process = Process()
    let database: String
    let port: Int
    let programme: Programme
    private let output = Pipe()

    convenience init(_ arguments: [String] = []) throws {
        let database = try sampleDatabase()
        try self.init(database: database, programme: try SQLiteStore(path: database).loadProgramme(), arguments: arguments)
    }

    init(database: String, programme: Programme, arguments: [String] = []) throws {
        self.database = database
        self.programme = programme
        process.executableURL = try ecowatchExecutable()
        process.arguments = ["ingest", "--listen", "127.0.0.1:0", "--db", database] + arguments
        process.currentDirectoryURL = repositoryRoot()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var text = ""
        while !text.contains("\n") {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
        }
        guard let range = text.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression),
              let port = Int(text[range].split(separator: ":").last ?? "") else {
            process.terminate()
            throw BenchError("ecowatch ingest --db \(database) did not start: \(text)")
        }
        self.port = port
    }

    /// Stops the service (it commits what has arrived) and gives its closing summary line.
    func interrupt() -> String {
        process.interrupt()
        let rest = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(String(decoding: rest, as: UTF8.self).split(separator: "\n").last { $0.hasPrefix("ingest stopped") } ?? "no summary")
    }

    /// `VmHWM` and `VmRSS` in kB.
    var memory: (peak: Int, now: Int) {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)
        else { return (-1, -1) }
        func field(_ name: String) -> Int {
            for line in status.split(separator: "\n") where line.hasPrefix(name + ":") {
                return Int(line.dropFirst(name.count + 1).filter(\.isNumber)) ?? -1
            }
            return -1
        }
        return (field("VmHWM"), field("VmRSS"))
    }

    /// Bytes of the database with its WAL.
    var diskBytes: Int {
        ["", "-wal"].reduce(0) { total, suffix in
            total + ((try? FileManager.default.attributesOfItem(atPath: database + suffix)[.size] as? Int) ?? 0)
        }
    }

    func accepted() throws -> Int { try SQLiteStore(path: database).feedCounts().accepted }

    func stop() {
        _ = interrupt()
        removeDatabase(database)
    }
}

/// A data frame for `station`: CN `cn`, its codes' values at `time`.
func stationFrame(_ station: Station, n: Int, time: Int64, cn: DataCommand, wantsReply: Bool) -> [UInt8] {
    let st = IngestAdmission.systemType(of: station.kind)
    let qn = epochToChinaTime(time) + String(format: "%03d", n % 1000)
    let pollutants = station.codes.map { code in
        cn == .realTime ? HJ212Pollutant(name: code, rtd: Double(n % 97) + 0.5, flag: "N")
                        : HJ212Pollutant(name: code, avg: Double(n % 97) + 0.5, flag: "N")
    }
    return try! HJ212Packet(qn: qn, st: st, cn: cn, pw: station.pw, mn: station.mn, flag: HJ212Flag(wantsReply: wantsReply),
                            cp: HJ212CP(dataTime: epochToChinaTime(time), pollutants: pollutants)).frame()
}

func waitFor(seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try condition() { return true }
        Thread.sleep(forTimeInterval: 0.01)
    }
    return try condition()
}

private func ms(_ seconds: Double) -> String { String(format: "%.1f ms", seconds * 1000) }

/// A logger's backfill: 1,440 minute records of one air station in one write, as fast as TCP
/// takes them, with Flag=5 (each answered) and Flag=4 (none): time until all are stored.
func backfillBenchmark() throws {
    for wantsReply in [true, false] {
        let ingest = try IngestUnderTest()
        defer { ingest.stop() }
        let station = ingest.programme.stations.first { $0.kind == .air }!
        let base = chinaTimeToEpoch("20240115000000")!
        var bytes: [UInt8] = []
        for n in 0..<1_440 { bytes += stationFrame(station, n: n, time: base + Int64(n) * 60, cn: .minute, wantsReply: wantsReply) }
        nonisolated(unsafe) let client = try HJ212Client(host: "127.0.0.1", port: ingest.port)
        let start = Date()
        let all = bytes
        let sender = Thread { try? client.send(all) }
        sender.start()
        var answered = 0
        if wantsReply {
            while answered < 1_440, let reply = client.receive(timeout: 30) { if reply.cn == .dataAnswer { answered += 1 } }
        }
        let stored = try waitFor(seconds: 60) { try ingest.accepted() >= 1_440 }
        let elapsed = Date().timeIntervalSince(start)
        print("backfill of 1,440 minute records, Flag=\(wantsReply ? 5 : 4): \(try ingest.accepted()) stored"
              + (wantsReply ? ", \(answered) answered 9014" : "") + " in \(ms(elapsed))" + (stored ? "" : " (NOT ALL STORED)")
              + "; service peak RSS \(ingest.memory.peak / 1024) MB")
    }
}

/// Another process holds the database's write lock for `seconds` while every sample station
/// (45) sends minute records as fast as it can and one peer floods bad-CRC frames: the
/// service's peak RSS meanwhile, and whether everything sent is stored once the lock goes.
func lockedStoreBenchmark(seconds: Double = 60) throws {
    let ingest = try IngestUnderTest(["--bad-frame-limit", "1000000000"])
    defer { ingest.stop() }
    let lock = Process()
    lock.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    lock.arguments = [ingest.database]
    let input = Pipe(), output = Pipe()
    lock.standardInput = input
    lock.standardOutput = output
    try lock.run()
    // The CLI gives up at once on a busy database unless told to wait; .bail: no "holding" without the lock.
    input.fileHandleForWriting.write(Data(".timeout 10000\n.bail on\nBEGIN IMMEDIATE;\nSELECT 'holding';\n".utf8))
    var said = ""
    while !said.contains("holding") {
        let data = output.fileHandleForReading.availableData
        if data.isEmpty { throw BenchError("sqlite3 could not lock \(ingest.database)") }
        said += String(decoding: data, as: UTF8.self)
    }
    let before = ingest.memory.now

    let stop = Locked(false)
    let sent = Locked(0)
    let group = DispatchGroup()
    let base = chinaTimeToEpoch("20240101000000")!
    for (index, station) in ingest.programme.stations.enumerated() {
        group.enter()
        Thread.detachNewThread {
            defer { group.leave() }
            guard let opened = try? HJ212Client(host: "127.0.0.1", port: ingest.port) else { return }
            nonisolated(unsafe) let client = opened
            let reader = Thread { while !client.isClosed { _ = client.receive(timeout: 0.5); if stop.withLock({ $0 }) && client.isClosed { return } } }
            reader.start()
            var n = 0
            while !stop.withLock({ $0 }) {
                var burst: [UInt8] = []
                for _ in 0..<20 {
                    burst += stationFrame(station, n: n, time: base + Int64(n) * 60 + Int64(index), cn: .minute, wantsReply: true)
                    n += 1
                }
                guard (try? client.send(burst)) != nil else { return }
                sent.withLock { $0 += 20 }
            }
        }
    }
    let flood = Thread {
        guard let client = try? HJ212Client(host: "127.0.0.1", port: ingest.port, from: "127.0.0.2") else { return }
        var bad: [UInt8] = []
        let station = ingest.programme.stations[0]
        for n in 0..<50 {
            var frame = stationFrame(station, n: n, time: base, cn: .minute, wantsReply: false)
            frame[frame.count - 3] = frame[frame.count - 3] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
            bad += frame
        }
        while !stop.withLock({ $0 }) { guard (try? client.send(bad)) != nil else { return } }
    }
    flood.start()
    var peak = 0
    let start = Date()
    while Date().timeIntervalSince(start) < seconds {
        peak = max(peak, ingest.memory.now)
        Thread.sleep(forTimeInterval: 0.25)
    }
    let sentWhileLocked = sent.withLock { $0 }
    let storedWhileLocked = try ingest.accepted()
    stop.withLock { $0 = true }
    input.fileHandleForWriting.write(Data("COMMIT;\n.quit\n".utf8))
    lock.waitUntilExit()
    let drainStart = Date()
    group.wait()
    let total = sent.withLock { $0 }
    let stored = try waitFor(seconds: 120) { try ingest.accepted() >= total }
    let counts = try SQLiteStore(path: ingest.database).feedCounts()
    print("store locked \(Int(seconds)) s, \(ingest.programme.stations.count) stations flooding + one bad-CRC peer: RSS "
          + "\(before / 1024) MB before, peak \(peak / 1024) MB while locked (VmHWM \(ingest.memory.peak / 1024) MB); "
          + "\(sentWhileLocked) frames sent while locked (\(storedWhileLocked) stored before the lock went: sample data), \(total) in all; \(counts.accepted) stored"
          + (stored ? " (all)" : " (NOT ALL)") + " \(ms(Date().timeIntervalSince(drainStart))) after the lock went; "
          + "\(counts.refused[.crc] ?? 0) crc refusals counted")
}

/// A good air station sends a frame every 50 ms for `seconds` while one peer from another
/// address floods bad-CRC frames (wanting replies, draining them): the station's reply time
/// p50/p99 and the database's growth, with bad peers turned away (the default) and without.
func badFloodBenchmark(seconds: Double = 20) throws {
    for (label, arguments) in [("quiet", ["--bad-frame-limit", "1000000000"]),
                               ("turned away after 20 bad frames (default)", []),
                               ("never turned away", ["--bad-frame-limit", "1000000000"])] {
        let ingest = try IngestUnderTest(arguments)
        defer { ingest.stop() }
        let station = ingest.programme.stations.first { $0.kind == .air }!
        let floodStation = ingest.programme.stations.last { $0.kind == .air }!
        let stop = Locked(false)
        let floodSent = Locked(0)
        let base = chinaTimeToEpoch("20240101000000")!
        let flood: @Sendable () -> Void = {
            guard label != "quiet" else { return }
            var bad: [UInt8] = []
            for n in 0..<50 {
                var frame = stationFrame(floodStation, n: n, time: base, cn: .realTime, wantsReply: true)
                frame[frame.count - 3] = frame[frame.count - 3] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
                bad += frame
            }
            while !stop.withLock({ $0 }) {
                // Turned away: it connects again, as a misconfigured logger would.
                guard let opened = try? HJ212Client(host: "127.0.0.1", port: ingest.port, from: "127.0.0.2") else { continue }
                nonisolated(unsafe) let client = opened
                let drain = Thread { while !client.isClosed, !stop.withLock({ $0 }) { _ = client.receive(timeout: 0.1) } }
                drain.start()
                while !stop.withLock({ $0 }), (try? client.send(bad)) != nil { floodSent.withLock { $0 += 50 } }
                Thread.sleep(forTimeInterval: 0.01)
            }
        }
        let floodDone = DispatchGroup()
        floodDone.enter()
        let floodThread = Thread {
            flood()
            floodDone.leave()
        }
        floodThread.start()
        Thread.sleep(forTimeInterval: 1)
        let diskBefore = ingest.diskBytes
        let client = try HJ212Client(host: "127.0.0.1", port: ingest.port)
        var latencies: [Double] = []
        let start = Date()
        var n = 0
        while Date().timeIntervalSince(start) < seconds {
            let sentAt = Date()
            try client.send(stationFrame(station, n: n, time: base + Int64(n) * 60, cn: .minute, wantsReply: true))
            if client.receive(timeout: 10)?.cn == .dataAnswer { latencies.append(Date().timeIntervalSince(sentAt)) }
            n += 1
            Thread.sleep(forTimeInterval: max(0, 0.05 - Date().timeIntervalSince(sentAt)))
        }
        let elapsed = Date().timeIntervalSince(start)
        let growth = ingest.diskBytes - diskBefore
        stop.withLock { $0 = true }
        floodDone.wait()
        latencies.sort()
        func pct(_ p: Double) -> Double { latencies.isEmpty ? .nan : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
        print("bad-CRC flood, \(label): flood sent \(floodSent.withLock { $0 }) frames; station \(latencies.count)/\(n) answered, "
              + "p50 \(ms(pct(0.5))), p99 \(ms(pct(0.99))), max \(ms(latencies.last ?? .nan)); database grew "
              + "\(growth / 1024) KiB in \(Int(elapsed)) s; service peak RSS \(ingest.memory.peak / 1024) MB")
    }
}

/// `drippers` connections from 16 loopback addresses each send a few bytes of a frame and then
/// a byte every 2 s (never idle, never a frame), filling the service (1,024 slots); a station
/// from another address connects every second: how long it waits for its first 9014, and how
/// many drippers are left after the frame deadline (10 s).
func drippersBenchmark(drippers: Int = 1_024) throws {
    raiseOpenFileLimit(needed: drippers * 2 + 256)
    let ingest = try IngestUnderTest()
    defer { ingest.stop() }
    let station = ingest.programme.stations.first { $0.kind == .air }!
    let half = Array(stationFrame(station, n: 0, time: 1_700_000_000, cn: .realTime, wantsReply: true).prefix(20))
    var clients: [HJ212Client] = []
    let opened = Date()
    for n in 0..<drippers {
        guard let client = try? HJ212Client(host: "127.0.0.1", port: ingest.port, from: "127.0.1.\(n % 16 + 1)") else { continue }
        try? client.send(Array(half.prefix(3)))
        clients.append(client)
    }
    let openSeconds = Date().timeIntervalSince(opened)
    let connected = clients.filter { !$0.isClosed }.count
    let start = Date()
    let client = try HJ212Client(host: "127.0.0.1", port: ingest.port)
    try client.send(stationFrame(station, n: 1, time: 1_700_000_060, cn: .realTime, wantsReply: true))
    let answered = client.receive(timeout: 30)?.cn == .dataAnswer
    let firstReply = Date().timeIntervalSince(start)
    // Keep dripping for 12 s.
    let dripStart = Date()
    while Date().timeIntervalSince(dripStart) < 12 {
        for dripper in clients where !dripper.isClosed {
            try? dripper.send([UInt8(ascii: "0")])
            _ = dripper.receive(timeout: 0)
        }
        Thread.sleep(forTimeInterval: 2)
    }
    for dripper in clients where !dripper.isClosed { _ = dripper.receive(timeout: 0.01) }
    let left = clients.filter { !$0.isClosed }.count
    try client.send(stationFrame(station, n: 2, time: 1_700_000_120, cn: .realTime, wantsReply: true))
    let still = client.receive(timeout: 10)?.cn == .dataAnswer
    print("drippers: \(clients.count) opened from 16 addresses in \(ms(openSeconds)), \(connected) still connected "
          + "(64 per address at most); a station from another address answered \(answered ? "in \(ms(firstReply))" : "NOT AT ALL"); "
          + "after 12 s of dripping \(left) drippers left; the station answered again: \(still)")
}

/// `connections` loggers sending at once to the release `ecowatch ingest` under its default
/// bounds (16,000 frames and 8 MiB queued, 1,000 a station, 256 a connection, 64 connections
/// an address): each, from one of 16 loopback addresses and for one of the sample stations in
/// turn, sends bursts of 20 real-time frames (each its own DataTime) and reads its 9014s, for
/// `seconds`. The service's peak RSS (sampled, and VmHWM) and the rate acknowledged.
func ingestMemoryBenchmark(connections: Int = 1_000, seconds: Double = 20) throws {
    raiseOpenFileLimit(needed: connections * 2 + 256)
    let ingest = try IngestUnderTest()
    defer { ingest.stop() }
    let before = ingest.memory.now
    let stations = ingest.programme.stations
    let acknowledged = Locked(0)
    let stop = Locked(false)
    let group = DispatchGroup()
    for connection in 0..<connections {
        group.enter()
        Thread.detachNewThread {
            defer { group.leave() }
            let station = stations[connection % stations.count]
            guard let client = try? HJ212Client(host: "127.0.0.1", port: ingest.port, from: "127.0.0.\(connection % 16 + 1)")
            else { return }
            var n = 0
            while !stop.withLock({ $0 }) {
                var burst: [UInt8] = []
                for _ in 0..<20 {
                    let time = 1_600_000_000 + Int64(connection) * 10_000_000 + Int64(n)
                    burst += stationFrame(station, n: n, time: time, cn: .realTime, wantsReply: true)
                    n += 1
                }
                guard (try? client.send(burst)) != nil else { return }
                var answered = 0
                while answered < 20, let reply = client.receive(timeout: 30) { if reply.cn == .dataAnswer { answered += 1 } }
                acknowledged.withLock { $0 += answered }
                if answered < 20 { return }
            }
        }
    }
    var peak = 0
    let start = Date()
    while Date().timeIntervalSince(start) < seconds {
        peak = max(peak, ingest.memory.now)
        Thread.sleep(forTimeInterval: 0.25)
    }
    let frames = acknowledged.withLock { $0 }
    let elapsed = Date().timeIntervalSince(start)
    stop.withLock { $0 = true }
    group.wait()
    print("\(connections) connections flooding `ecowatch ingest` (default bounds) for \(Int(seconds)) s: RSS "
          + "\(before / 1024) MB before, peak \(peak / 1024) MB (VmHWM \(ingest.memory.peak / 1024) MB); "
          + "\(Int(Double(frames) / elapsed)) frames/s acknowledged")
}
