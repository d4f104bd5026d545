import Foundation
import NIOConcurrencyHelpers
import Testing
import EcoWatchCore
import EcoWatchFeed
import PostgresTestSupport

/// Many ingest nodes on one PostgreSQL database (issue 14, requirement 7): two real
/// `ecowatch ingest` processes (run as an ordinary user) and a console share one private
/// server; every registered station floods frames at one node or the other; one node is
/// SIGKILLed mid-flood and its stations move to the other, sending again what was not
/// acknowledged. Every frame ends up stored exactly once, and every report on the live data
/// equals the report of the same frames sent once to one ingest on SQLite.
@Suite(.serialized) struct TwoNodeFailoverTests {
    static let framesPerStation = 40

    @Test(.enabled(if: EcoWatchBinary.url() != nil && Tmux.isInstalled
                   && FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
    func aNodeKilledMidFloodLosesNothingAndTheReportsEqualSQLites() throws {
        let binary = try #require(EcoWatchBinary.url())
        let root = try #require(EcoWatchBinary.packageRoot())
        let data = root.appendingPathComponent("sample-data").path
        let server = try PostgresTestServer.shared()
        let (name, url) = try server.makeDatabase(prefix: "failover")
        let folder = try IngestNode.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sqlite = folder + "/ecowatch.sqlite"
        try IngestNode.run(binary, ["import", "--db", url, "--data", data])
        try IngestNode.run(binary, ["import", "--db", sqlite, "--data", data])
        IngestNode.giveToOrdinaryUser(sqlite)

        let stations = try SQLiteStore(path: sqlite, readOnly: true).loadProgramme().stations
        #expect(stations.count == 45)
        // Frames up to the current minute, so the console sees every station live.
        let end = (Int64(Date().timeIntervalSince1970) / 60) * 60
        let frames = try stations.enumerated().map { index, station in
            try StationLoggers.frames(for: station, index: index, count: Self.framesPerStation, end: end)
        }
        let totalFrames = frames.reduce(0) { $0 + $1.count }
        let totalReadings = zip(stations, frames).reduce(0) { $0 + $1.0.codes.count * $1.1.count }

        // 1. Two nodes on one database; the stations split between them; node A killed mid-flood.
        let a = try IngestNode(binary: binary, database: url, folder: folder, name: "a")
        let b = try IngestNode(binary: binary, database: url, folder: folder, name: "b")
        defer { a.stop(); b.stop() }
        if getuid() == 0 {
            #expect(a.uid == IngestNode.nobody && b.uid == IngestNode.nobody, "the nodes run as an ordinary user")
        }
        let addresses = [("127.0.0.1", a.port), ("127.0.0.1", b.port)]
        let loggers = StationLoggers(addresses: addresses, plans: zip(stations, frames).enumerated().map { index, pair in
            (pair.0.mn, index % 2, pair.1)
        })
        loggers.start(seconds: 90)
        let killAt = totalFrames / 3
        #expect(IngestNode.wait(seconds: 60) { loggers.acknowledgedCount >= killAt }, "\(loggers.acknowledgedCount) acknowledged")
        a.kill()
        let acknowledgedAtKill = loggers.acknowledgedCount
        #expect(acknowledgedAtKill < totalFrames, "node A was killed after the flood, not in the middle of it")
        #expect(loggers.wait(seconds: 90), "every station finished")
        let progress = loggers.snapshot
        for (mn, station) in progress {
            #expect(station.error == nil, "\(mn): \(station.error ?? "")")
        }
        let acknowledged = progress.values.reduce(0) { $0 + $1.acknowledged.count }
        #expect(acknowledged == totalFrames, "every frame acknowledged in the end")
        // A's stations moved to B.
        let movedToB = progress.values.filter { $0.used.first == 0 && $0.used.last == 1 }.count
        #expect(movedToB == (stations.count + 1) / 2, "every station of node A failed over to node B")

        // 2. Every frame stored exactly once, every reading once; nothing from outside the run.
        func pg(_ sql: String) throws -> String { try server.psql(sql, database: name).trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(try pg("SELECT count(*) FROM frame") == String(totalFrames))
        #expect(try pg("SELECT count(*) FROM (SELECT 1 FROM frame GROUP BY mn, qn HAVING count(*) > 1) AS twice") == "0")
        #expect(try pg("SELECT count(*) FROM reading") == String(totalReadings))
        #expect(try pg("SELECT count(*) FROM (SELECT DISTINCT mn, qn FROM frame) AS f") == String(totalFrames))

        // 3. The console on the PostgreSQL database sees every station live.
        let tmux = try Tmux(width: 120, height: 32, command: [binary.path, "--db", url, "--lang", "en"])
        defer { tmux.kill() }
        try tmux.waitUntil("all 45 stations live on the console", timeout: 30) { $0.contains("live 45/45") }
        try tmux.sendKeys("q")
        #expect(try tmux.waitForExit() == 0)
        b.stop()

        // 4. The same frames, each sent once, to one ingest on SQLite.
        let single = try IngestNode(binary: binary, database: sqlite, folder: folder, name: "sqlite")
        let once = StationLoggers(addresses: [("127.0.0.1", single.port)],
                                  plans: zip(stations, frames).map { ($0.0.mn, 0, $0.1) })
        once.start(seconds: 90)
        #expect(once.wait(seconds: 90))
        #expect(once.acknowledgedCount == totalFrames)
        #expect(single.stop() == 0, "\(single.stderr)")

        // 5. Every report on the live data is the same on both.
        func report(_ database: String, _ arguments: [String]) throws -> String {
            try IngestNode.run(binary, ["report"] + arguments + ["--db", database, "--lang", "en"])
        }
        #expect(try report(url, ["stations", "--format", "json"]) == report(sqlite, ["stations", "--format", "json"]))
        // The feed: the same frames accepted and refused; node B also counted, as duplicates,
        // the frames it was sent again that node A had stored but not acknowledged.
        let pgFeed = try Self.feed(report(url, ["feed", "--format", "json"]))
        let sqliteFeed = try Self.feed(report(sqlite, ["feed", "--format", "json"]))
        #expect(pgFeed.rest == sqliteFeed.rest)
        #expect(pgFeed.rest["accepted"] as? Int == totalFrames)
        #expect(sqliteFeed.duplicates == 0)
        let resent = progress.values.reduce(0) { $0 + $1.resent }
        #expect(resent > 0 && pgFeed.duplicates <= resent, "duplicates \(pgFeed.duplicates), sent again \(resent)")
        let day = Day.today(now: Date(timeIntervalSince1970: TimeInterval(end)))
        // One station's series at every grain (every roll-up row is compared below).
        for station in stations.prefix(1) {
            for grain in ["hour", "day", "month"] {
                let arguments = ["series", "--station", station.mn, "--code", station.codes[0], "--grain", grain,
                                 "--from", day.adding(days: -1).description, "--to", day.description]
                let onPostgres = try report(url, arguments)
                #expect(onPostgres == (try report(sqlite, arguments)), "\(arguments)")
            }
        }
        // And every roll-up row, exactly (the values are multiples of 0.5: sums are exact).
        for table in ["rollup_hour", "rollup_day", "rollup_month", "latest"] {
            let columns = table == "latest" ? "mn, code, CAST(value * 2 AS BIGINT), flag, time"
                                            : "mn, code, start, n, CAST(total * 2 AS BIGINT), CAST(low * 2 AS BIGINT), CAST(high * 2 AS BIGINT)"
            let sql = "SELECT \(columns) FROM \(table) ORDER BY 1, 2, 3"
            let onPostgres = try pg(sql)
            #expect(!onPostgres.isEmpty)
            #expect(onPostgres == (try IngestNode.run("/usr/bin/sqlite3", [sqlite, sql]).trimmingCharacters(in: .whitespacesAndNewlines)),
                    "\(table) differs")
        }
        print("two nodes: \(totalFrames) frames (\(totalReadings) readings) from \(stations.count) stations; node A SIGKILLed at "
              + "\(acknowledgedAtKill) acknowledged; \(movedToB) stations failed over and sent \(resent) again, "
              + "\(pgFeed.duplicates) of them already stored; stored \(totalFrames), lost 0; reports equal to SQLite's")
    }

    /// The simulator as a logger given two nodes' addresses: every station starts on node A;
    /// A is SIGKILLed mid-run; the frame each station had in flight is sent again, and every
    /// station moves to node B. Nothing sent goes unanswered, and the database holds every
    /// frame acknowledged.
    @Test(.enabled(if: EcoWatchBinary.url() != nil))
    func theSimulatorMovesItsStationsToTheNextNode() throws {
        let binary = try #require(EcoWatchBinary.url())
        let root = try #require(EcoWatchBinary.packageRoot())
        let data = root.appendingPathComponent("sample-data").path
        let server = try PostgresTestServer.shared()
        let (name, url) = try server.makeDatabase(prefix: "simfail")
        let folder = try IngestNode.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try IngestNode.run(binary, ["import", "--db", url, "--data", data])
        try IngestNode.run(binary, ["import", "--db", folder + "/registry.sqlite", "--data", data])
        let stations = try SQLiteStore(path: folder + "/registry.sqlite", readOnly: true).loadProgramme().stations
        func stored() -> Int { Int((try? server.psql("SELECT count(*) FROM frame", database: name))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0 }

        let a = try IngestNode(binary: binary, database: url, folder: folder, name: "a")
        let b = try IngestNode(binary: binary, database: url, folder: folder, name: "b")
        defer { a.stop(); b.stop() }
        let lines = NIOLockedValueBox<[String]>([])
        let simulator = StationSimulator(stations: stations, options: .init(host: "127.0.0.1", port: a.port, rate: 90, duration: nil,
                                                                            replyTimeout: 20, fallbacks: [("127.0.0.1", b.port)]),
                                         log: { line in lines.withLockedValue { $0.append(line) } })
        let finished = DispatchSemaphore(value: 0)
        Thread { simulator.run(); finished.signal() }.start()
        defer { simulator.stop(); finished.wait() }
        #expect(IngestNode.wait(seconds: 60) { stored() >= 100 }, "\(stored()) stored")
        a.kill()
        // Every station not in one of the simulator's own outages sends again soon, and moves.
        let now = Int64(Date().timeIntervalSince1970)
        let sending = stations.filter { !SimulatedWeather.outage(station: $0, time: now, seed: 212) }.count
        #expect(IngestNode.wait(seconds: 60) { simulator.summary.failovers >= sending }, "\(simulator.summary.line)")
        simulator.stop()
        finished.wait()
        finished.signal()
        let summary = simulator.summary
        #expect(summary.unanswered == 0, "\(summary.line); \(lines.withLockedValue { $0 })")
        #expect(summary.acknowledged == summary.sent, "\(summary.line)")
        #expect(summary.failovers <= stations.count, "no station moved more than once: \(summary.line)")
        #expect(stored() >= summary.acknowledged)
    }

    /// `report feed --format json`: the duplicates, and the rest without the time stamp of its window.
    static func feed(_ json: String) throws -> (duplicates: Int, rest: NSDictionary) {
        var fields = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let duplicates = try #require(fields.removeValue(forKey: "duplicates") as? Int)
        fields["refusalsSince"] = nil
        return (duplicates, fields as NSDictionary)
    }
}

/// A real `ecowatch ingest` on `database` (a file or a `postgresql://` URL) on a free loopback
/// port; as root it runs as uid 65534 through `setpriv`.
final class IngestNode {
    static let nobody: UInt32 = 65534
    let process = Process()
    let port: Int
    let stderrPath: String

    /// Starts the node; again (at most three times in all) when it gave up reaching the test's
    /// database server within its 10 s: the server is running, but with the whole suite running
    /// beside it on two cores it can be slower than that to answer a new connection.
    convenience init(binary: URL, database: String, folder: String, name: String) throws {
        var attempt = 1
        while true {
            do {
                try self.init(binary: binary, database: database, folder: folder, name: name, attempt: attempt)
                return
            } catch let error as NodeError where attempt < 3 && error.description.contains("cannot reach the database server") {
                attempt += 1
            }
        }
    }

    private init(binary: URL, database: String, folder: String, name: String, attempt: Int) throws {
        stderrPath = folder + "/ingest-\(name)-\(attempt).stderr"
        FileManager.default.createFile(atPath: stderrPath, contents: nil)
        let command = [binary.path, "ingest", "--listen", "127.0.0.1:0", "--db", database]
        if getuid() == 0 {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=\(Self.nobody)", "--regid=\(Self.nobody)", "--clear-groups"] + command
        } else {
            process.executableURL = binary
            process.arguments = Array(command.dropFirst())
        }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        try process.run()
        var banner = ""
        while !banner.contains("\n") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            banner += String(decoding: chunk, as: UTF8.self)
        }
        guard let match = banner.firstMatch(of: /listening on 127\.0\.0\.1:(\d+)/), let port = Int(match.output.1) else {
            process.terminate()
            process.waitUntilExit()
            throw NodeError("ecowatch ingest did not start: \(banner) \(Self.read(stderrPath))")
        }
        self.port = port
    }

    /// A node a test did not get to stop (it threw first) is not left running.
    deinit { stop() }

    static func read(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
    var stderr: String { Self.read(stderrPath) }

    /// The real user id of the running node (from /proc).
    var uid: UInt32? {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Uid:") }) else { return nil }
        return line.split(whereSeparator: { $0 == "\t" || $0 == " " }).dropFirst().first.flatMap { UInt32($0) }
    }

    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// SIGTERM and wait; the exit status. Harmless when it has already ended.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// A temporary folder an ordinary user may write (the nodes' logs, a SQLite database).
    static func makeFolder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecowatch-nodes-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o777])
        return folder
    }

    /// As root: hands `path` (a database made by the test) to the ordinary user the nodes run as.
    static func giveToOrdinaryUser(_ path: String) {
        guard getuid() == 0 else { return }
        for suffix in ["", "-wal", "-shm"] { chown(path + suffix, nobody, nobody) }
    }

    /// Runs a program to its end; what it printed, or an error with its standard error.
    @discardableResult
    static func run(_ program: URL, _ arguments: [String]) throws -> String { try run(program.path, arguments) }

    @discardableResult
    static func run(_ program: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NodeError("\((program as NSString).lastPathComponent) \(arguments.joined(separator: " ")): \(problem)")
        }
        return text
    }

    /// Waits (at most `seconds`) until `condition` holds; whether it did.
    static func wait(seconds: Double, until condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return condition()
    }
}

struct NodeError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
