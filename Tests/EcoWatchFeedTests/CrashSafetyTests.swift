import Foundation
import NIOConcurrencyHelpers
import Testing
import EcoWatchCore
@testable import EcoWatchFeed

/// Crash safety of the real `ecowatch ingest`: flooded from several connections, killed with
/// SIGKILL mid-stream, restarted on the same database and sent again what it had not
/// acknowledged (and some of what it had): every acknowledged frame is stored exactly once.
@Suite(.serialized) struct CrashSafetyTests {
    static let connections = 4
    static let framesPerConnection = 1_500
    /// Acknowledged frames sent again after the restart.
    static let resentAcknowledged = 300

    static let station = IngestServiceTests.air
    static let base = chinaTimeToEpoch("20240115000000")!

    /// Frame `n` of the flood: its own QN, and its own DataTime so that its readings are told
    /// apart from every other frame's.
    static func frame(_ n: Int) throws -> (qn: String, bytes: [UInt8]) {
        let qn = epochToChinaTime(base + Int64(n / 1000)) + String(format: "%03d", n % 1000)
        let packet = HJ212Packet(qn: qn, st: 22, cn: 2011, pw: station.pw, mn: station.mn,
                                 flag: HJ212Flag(wantsReply: true),
                                 cp: HJ212CP(dataTime: epochToChinaTime(base + Int64(n) * 60),
                                             pollutants: [HJ212Pollutant(name: "PM25", rtd: Double(n % 300), flag: "N"),
                                                          HJ212Pollutant(name: "a05024", rtd: 80, flag: "N")]))
        return (qn, try packet.frame())
    }

    /// A running `ecowatch ingest` on `database`, on a free loopback port.
    final class Ingest {
        let process = Process()
        let port: Int
        let stderrPath: String

        init(executable: URL, database: String) throws {
            stderrPath = database + ".stderr-\(UUID().uuidString)"
            FileManager.default.createFile(atPath: stderrPath, contents: nil)
            process.executableURL = executable
            process.arguments = ["ingest", "--listen", "127.0.0.1:0", "--db", database]
            port = try IngestProcess.launch(process, stderrPath: stderrPath)
        }

        static func read(_ path: String) -> String {
            (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        }

        var stderr: String { Self.read(stderrPath) }

        func kill() {
            Foundation.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// One connection pushing frames as fast as it can while another thread collects the
    /// replies: the acknowledged QNs.
    final class Flooder: @unchecked Sendable {
        let client: HJ212Client
        let acknowledged = NIOLockedValueBox<[String]>([])
        let sent = NIOLockedValueBox(0)
        private let done = DispatchGroup()

        init(port: Int) throws { client = try HJ212Client(host: "127.0.0.1", port: port) }

        func start(frames: [[UInt8]]) {
            let expected = frames.count
            done.enter()
            Thread { [self] in
                defer { done.leave() }
                for frame in frames {
                    do { try client.send(frame) } catch { return }
                    sent.withLockedValue { $0 += 1 }
                }
            }.start()
            done.enter()
            Thread { [self] in
                defer { done.leave() }
                while acknowledged.withLockedValue({ $0.count }) < expected {
                    if let reply = client.receive(timeout: 0.5) {
                        if reply.cn == 9014 { acknowledged.withLockedValue { $0.append(reply.qn) } }
                    } else if client.isClosed {
                        return
                    }
                }
            }.start()
        }

        func wait(seconds: Double) -> Bool { done.wait(timeout: .now() + seconds) == .success }
    }

    static func sqlite(_ database: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [database, sql]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `killAfter`: SIGKILL once this many frames have been acknowledged.
    @Test(.enabled(if: EcoWatchExecutable.url() != nil && FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")),
          arguments: [400, 1_200, 3_000])
    func everyAcknowledgedFrameSurvivesSIGKILLAndIsStoredOnce(killAfter: Int) throws {
        let executable = try #require(EcoWatchExecutable.url())
        let database = FileManager.default.temporaryDirectory.appendingPathComponent("ecowatch-crash-\(UUID().uuidString).sqlite").path
        var cleanup: [String] = ["", "-wal", "-shm"].map { database + $0 }
        defer { for path in cleanup { try? FileManager.default.removeItem(atPath: path) } }
        do {
            let store = try SQLiteStore(path: database)
            let district = District(id: "haishu", name: LocalizedText(zh: "海曙区", en: "Haishu"), kind: .district,
                                    parentID: nil, coastal: false, population: 1, areaKm2: 1)
            try store.replaceProgramme(Programme(districts: [district], indicators: [], observations: [], tasks: [],
                                                 events: [], stations: [Self.station]))
        }
        let total = Self.connections * Self.framesPerConnection
        let frames = try (0..<total).map(Self.frame)

        // 1. Flood from several connections, SIGKILL once enough is acknowledged.
        let first = try Ingest(executable: executable, database: database)
        cleanup.append(first.stderrPath)
        let flooders = try (0..<Self.connections).map { _ in try Flooder(port: first.port) }
        for (index, flooder) in flooders.enumerated() {
            let mine = Array(frames[(index * Self.framesPerConnection)..<((index + 1) * Self.framesPerConnection)])
            flooder.start(frames: mine.map(\.bytes))
        }
        let deadline = Date().addingTimeInterval(120)
        func acknowledgedSoFar() -> Int { flooders.reduce(0) { $0 + $1.acknowledged.withLockedValue { $0.count } } }
        while acknowledgedSoFar() < killAfter, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.002)
        }
        let acknowledgedAtKill = acknowledgedSoFar()
        first.kill()
        for flooder in flooders { #expect(flooder.wait(seconds: 30)) }
        let acknowledged = Set(flooders.flatMap { $0.acknowledged.withLockedValue { $0 } })
        let sentBeforeKill = flooders.reduce(0) { $0 + $1.sent.withLockedValue { $0 } }
        #expect(acknowledged.count < total, "the kill came after everything was acknowledged: not mid-stream")
        #expect(acknowledged.count >= killAfter)

        // What survived the kill, before anything else touches the file.
        let storedAfterKill = Set(try Self.sqlite(database, "SELECT qn FROM frame").split(separator: "\n").map(String.init))
        #expect(acknowledged.isSubset(of: storedAfterKill), "acknowledged but lost: \(acknowledged.subtracting(storedAfterKill).count)")

        // 2. Restart on the same database; send again what was not acknowledged, plus some that was.
        let second = try Ingest(executable: executable, database: database)
        cleanup.append(second.stderrPath)
        let resentAcknowledged = Array(frames.filter { acknowledged.contains($0.qn) }.prefix(Self.resentAcknowledged))
        let resend = frames.filter { !acknowledged.contains($0.qn) } + resentAcknowledged
        let halves = [Array(resend.prefix(resend.count / 2)), Array(resend.dropFirst(resend.count / 2))]
        let resenders = try halves.map { half in
            let flooder = try Flooder(port: second.port)
            flooder.start(frames: half.map(\.bytes))
            return flooder
        }
        for resender in resenders { #expect(resender.wait(seconds: 120)) }
        let reacknowledged = Set(resenders.flatMap { $0.acknowledged.withLockedValue { $0 } })
        #expect(reacknowledged == Set(resend.map(\.qn)), "every frame sent again is acknowledged")
        second.process.terminate()
        second.process.waitUntilExit()
        #expect(second.process.terminationStatus == 0, "\(second.stderr)")

        // 3. Every frame stored exactly once, every reading once.
        let storedQNs = try Self.sqlite(database, "SELECT qn FROM frame").split(separator: "\n").map(String.init)
        #expect(storedQNs.count == total)
        #expect(Set(storedQNs) == Set(frames.map(\.qn)))
        #expect(try Self.sqlite(database, "SELECT count(*) FROM reading") == String(total * 2))
        #expect(try Self.sqlite(database, "SELECT count(*) FROM (SELECT 1 FROM reading GROUP BY mn, code, time HAVING count(*) > 1)") == "0")

        // 4. `report feed` counts the frames sent again that were already stored as duplicates.
        let report = Process()
        report.executableURL = executable
        report.arguments = ["report", "feed", "--db", database, "--format", "json"]
        let output = Pipe()
        report.standardOutput = output
        try report.run()
        let json = output.fileHandleForReading.readDataToEndOfFile()
        report.waitUntilExit()
        let counts = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        let alreadyStored = resend.filter { storedAfterKill.contains($0.qn) }.count
        #expect(counts["accepted"] as? Int == total)
        #expect(counts["duplicates"] as? Int == alreadyStored)
        #expect(alreadyStored >= resentAcknowledged.count)

        print("crash safety: \(total) frames flooded over \(Self.connections) connections, \(sentBeforeKill) sent before "
              + "SIGKILL at \(acknowledgedAtKill) acknowledged (\(acknowledged.count) in all), \(storedAfterKill.count) "
              + "stored at the kill; restart: \(resend.count) sent again (\(resentAcknowledged.count) of them acknowledged "
              + "before), \(alreadyStored) counted as duplicates; stored \(storedQNs.count), lost 0")
    }
}

/// `ecowatch ingest` given a file that is not an EcoWatch database: one clear line, a non-zero
/// exit, and the file left as it was.
@Suite struct IngestStartupFaultTests {
    @Test(.enabled(if: EcoWatchExecutable.url() != nil))
    func aCorruptDatabaseIsRefusedAndLeftUntouched() throws {
        let executable = try #require(EcoWatchExecutable.url())
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ecowatch-corrupt-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let junk = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        try junk.write(to: URL(fileURLWithPath: path))
        let process = Process()
        process.executableURL = executable
        process.arguments = ["ingest", "--listen", "127.0.0.1:0", "--db", path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        #expect(message.contains(path) && message.contains("not an SQLite database"), "\(message)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == junk)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }
}
