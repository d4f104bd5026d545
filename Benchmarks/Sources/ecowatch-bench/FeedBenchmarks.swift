import Foundation
import GRDB
import EcoWatchCore
import EcoWatchFeed

/// Decoding a typical air-station frame (10 pollutants, ~330 bytes): frame check, CRC, data
/// segment and CP, on one core. Returns frames per second.
func decodeBenchmark(count: Int = 400_000) -> Double {
    let packet = HJ212Packet(
        qn: "20240115083000123", st: 22, cn: 2011, pw: "203037", mn: "330203A000000001", flag: HJ212Flag(wantsReply: true),
        cp: HJ212CP(dataTime: "20240115083000", pollutants: ["a34004", "a34002", "a21026", "a21004", "a21005", "a05024",
                                                               "a01001", "a01002", "a01007", "a01008"].enumerated().map {
            HJ212Pollutant(name: $0.element, rtd: 12.5 + Double($0.offset), flag: "N")
        }))
    let frame = try! packet.frame()
    var checksum = 0
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<count {
        if let decoded = try? HJ212Packet(frame: frame[...]) { checksum &+= decoded.cp.pollutants.count }
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    precondition(checksum == count * 10)
    print("decode: \(frame.count)-byte frame, \(count) frames in \(String(format: "%.2f", seconds)) s: "
          + "\(Int(Double(count) / seconds)) frames/s on one core")
    return Double(count) / seconds
}

/// Sustained ingest: `connections` loopback clients, each sending CN 2011 frames (Flag=5, 6
/// readings each, each frame its own DataTime: distinct records) in pipelined bursts of `burst`
/// and reading every 9014, for `seconds`, into a fresh SQLite database (WAL, synchronous=FULL)
/// with group commit. Then, in the same run, the same rows inserted raw (`rawInsert`). Returns
/// readings per second acknowledged (acknowledged = committed).
func ingestBenchmark(_ programme: Programme, connections: Int = 100, burst: Int = 20, seconds: Double = 8) throws -> Double {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("ecowatch-bench-\(UUID().uuidString).sqlite").path
    defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
    raiseOpenFileLimit(needed: connections * 2 + 256)
    let store = try SQLiteStore(path: path)
    try store.replaceProgramme(programme)
    let stations = programme.stations.filter { $0.kind == .air }
    let service = IngestService(store: store, stations: programme.stations,
                                configuration: IngestConfiguration(host: "127.0.0.1", port: 0, maxConnections: connections + 16,
                                                                   maxConnectionsPerAddress: connections + 16, alarms: true),
                                threads: 2)
    try service.start()
    let flood = floodIngest(port: service.port, stations: stations, connections: connections, burst: burst, seconds: seconds)
    service.stop()
    let summary = service.summary
    let stored = try store.feedCounts().accepted
    let framesPerSecond = flood.framesPerSecond
    let perCommit = max(1, summary.readings / max(1, summary.batches))
    let raw = try rawInsert(from: path, programme: programme, rowsPerCommit: perCommit)
    print("ingest: \(connections) connections, bursts of \(burst): \(Int(framesPerSecond)) frames/s = "
          + "\(Int(framesPerSecond * 6)) readings/s acknowledged; \(summary.batches) transactions for \(summary.stored) frames "
          + "(\(summary.stored / max(1, summary.batches)) per commit); stored in the database: \(stored), acknowledged in total: "
          + "\(flood.acknowledged); raw SQLite insert of the same \(raw.rows) rows, \(perCommit) a commit: "
          + "\(Int(raw.perSecond)) readings/s")
    return framesPerSecond * 6
}

/// `connections` loopback clients against the ingest service on `port`, each sending CN 2011
/// frames of a station of `stations` (Flag=5, 6 readings each, each frame its own DataTime:
/// distinct records) in pipelined bursts of `burst` and reading every 9014 before the next
/// burst, for `seconds` after 1 s of warm-up. Frames acknowledged per second in that window,
/// and in all (the clients stop at the end of the window).
func floodIngest(port: Int, stations: [Station], connections: Int, burst: Int, seconds: Double)
    -> (framesPerSecond: Double, acknowledged: Int) {
    let acknowledged = Locked(0)
    let stop = Locked(false)
    let group = DispatchGroup()
    for connection in 0..<connections {
        group.enter()
        Thread.detachNewThread {
            defer { group.leave() }
            let station = stations[connection % stations.count]
            guard let client = try? HJ212Client(host: "127.0.0.1", port: port) else { return }
            var sequence = 0
            while !stop.withLock({ $0 }) {
                var bytes: [UInt8] = []
                for _ in 0..<burst {
                    sequence += 1
                    // QN: 17 digits, unique per connection and frame.
                    let qn = "2" + String(format: "%04d", connection) + String(format: "%012d", sequence)
                    // DataTime: a second of its own per connection and frame.
                    let time = 1_600_000_000 + Int64(connection) * 10_000_000 + Int64(sequence)
                    let packet = HJ212Packet(qn: qn, st: 22, cn: 2011, pw: station.pw, mn: station.mn,
                                             flag: HJ212Flag(wantsReply: true),
                                             cp: HJ212CP(dataTime: epochToChinaTime(time), pollutants: station.codes.prefix(6).map {
                                                 HJ212Pollutant(name: $0, rtd: Double(sequence % 97), flag: "N")
                                             }))
                    bytes += try! packet.frame()
                }
                guard (try? client.send(bytes)) != nil else { return }
                var answered = 0
                while answered < burst, let reply = client.receive(timeout: 10) {
                    if reply.cn == 9014 { answered += 1 }
                }
                acknowledged.withLock { $0 += answered }
                if answered < burst { return }
            }
        }
    }
    Thread.sleep(forTimeInterval: 1)  // warm-up
    let before = acknowledged.withLock { $0 }
    let start = DispatchTime.now().uptimeNanoseconds
    Thread.sleep(forTimeInterval: seconds)
    let after = acknowledged.withLock { $0 }
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    stop.withLock { $0 = true }
    group.wait()
    return (Double(after - before) / elapsed, acknowledged.withLock { $0 })
}

/// The ceiling for ingest: the readings `source` holds, inserted into a fresh database of the
/// same schema (WAL, synchronous=FULL, the same indexes) with plain INSERTs, `rowsPerCommit` a
/// transaction — no frames, no latest values, no roll-ups, no network. Rows per second.
func rawInsert(from source: String, programme: Programme, rowsPerCommit: Int) throws -> (rows: Int, perSecond: Double) {
    let rows = try DatabaseQueue(path: source).read { db in
        try Row.fetchAll(db, sql: "SELECT mn, code, time, cn, value, flag FROM reading")
    }
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("ecowatch-raw-\(UUID().uuidString).sqlite").path
    defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
    try SQLiteStore(path: path).replaceProgramme(programme)
    var configuration = Configuration()
    configuration.prepareDatabase { db in
        try db.execute(sql: "PRAGMA journal_mode = WAL")
        try db.execute(sql: "PRAGMA synchronous = FULL")
    }
    let queue = try DatabaseQueue(path: path, configuration: configuration)
    let start = DispatchTime.now().uptimeNanoseconds
    var index = 0
    while index < rows.count {
        let end = min(rows.count, index + rowsPerCommit)
        try queue.write { db in
            let insert = try db.makeStatement(sql: "INSERT INTO reading (mn, code, time, cn, value, flag) VALUES (?,?,?,?,?,?)")
            for row in rows[index..<end] {
                try insert.execute(arguments: [row[0], row[1], row[2], row[3], row[4], row[5]] as StatementArguments)
            }
        }
        index = end
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return (rows.count, Double(rows.count) / max(seconds, 1e-9))
}

/// Lifts the soft limit on open descriptors (each loopback connection takes two) as far as the
/// hard limit allows.
func raiseOpenFileLimit(needed: Int) {
    var limit = rlimit()
    guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < rlim_t(needed) else { return }
    limit.rlim_cur = min(limit.rlim_max, rlim_t(needed))
    if setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) != 0 || limit.rlim_cur < rlim_t(needed) {
        print("warning: open-file limit \(limit.rlim_cur) is below the \(needed) this run needs")
    }
}

/// A value shared between threads, reached only under its lock.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
