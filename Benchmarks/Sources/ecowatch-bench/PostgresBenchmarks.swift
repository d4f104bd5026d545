#if canImport(Glibc)
import Glibc
#endif
import EcoWatchCore
import Foundation

// Ingest on PostgreSQL: the release `ecowatch ingest` on a fresh database of a PostgreSQL
// server, flooded over loopback; then, in the same run, the rows it stored copied with `COPY`
// into a table of the same key on the same server: the ceiling the server sets at that moment.

/// A PostgreSQL server the benchmark may create databases on: one of its own (`initdb` into a
/// temporary folder, as the `postgres` user when run as root, `pg_ctl` on a loopback port,
/// durable: fsync and synchronous commit as shipped), or the one a `postgresql://` URL names (its
/// user must be allowed to create databases).
final class BenchPostgres {
    /// The URL of the server's maintenance database (`postgres`, or the one given).
    let url: URLComponents
    private let folder: String?
    private let binaries: String

    /// `url` nil: a private server, stopped by `stop()`.
    init(url given: String?) throws {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted(by: >)
        guard let binaries = versions.map({ "\(root)/\($0)/bin" }).first(where: { FileManager.default.isExecutableFile(atPath: $0 + "/pg_ctl") }) else {
            throw BenchError("no PostgreSQL server binaries under \(root)/*/bin: apt-get install postgresql")
        }
        self.binaries = binaries
        if let given {
            guard let url = URLComponents(string: given), ["postgresql", "postgres"].contains(url.scheme ?? "") else {
                throw BenchError("--db \(given) is not a postgresql:// URL")
            }
            self.url = url
            folder = nil
            return
        }
        var template = Array((FileManager.default.temporaryDirectory.path + "/ecowatch-bench-pg-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw BenchError("cannot create a temporary folder") }
        let folder = String(cString: made)
        self.folder = folder
        let asUser = getuid() == 0 ? "/usr/sbin/runuser -u postgres -- " : ""
        if getuid() == 0 { _ = system("chown postgres: '\(folder)'") }
        guard system("\(asUser)\(binaries)/initdb -D '\(folder)/data' -U ecowatch -A trust -E UTF8 --locale=C --no-instructions > '\(folder)/initdb.log' 2>&1") == 0 else {
            throw BenchError("initdb failed: see \(folder)/initdb.log")
        }
        var started: Int?
        for _ in 0..<5 {
            let port = Int.random(in: 20_000..<60_000)
            // Durable as shipped (fsync, synchronous_commit, full_page_writes on): a commit is on
            // disk before its acknowledgements go out.
            if system("\(asUser)\(binaries)/pg_ctl -D '\(folder)/data' -l '\(folder)/server.log' -w -t 60 -o "
                      + "'-p \(port) -k \(folder) -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=256MB' "
                      + "start > /dev/null 2>&1") == 0 {
                started = port
                break
            }
        }
        guard let started else { throw BenchError("the PostgreSQL server did not start: see \(folder)/server.log") }
        url = URLComponents(string: "postgresql://ecowatch@127.0.0.1:\(started)/postgres")!
    }

    /// The server's settings that bear on commit cost, for the report.
    var durability: String {
        (try? psql(url.string!, "SELECT string_agg(name || '=' || setting, ' ' ORDER BY name) FROM pg_settings "
                   + "WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method', 'shared_buffers', 'server_version')")) ?? "?"
    }

    /// A new, empty database; its URL.
    func makeDatabase() throws -> (name: String, url: String) {
        let name = "ecowatch_bench_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        try psql(url.string!, "CREATE DATABASE \(name)")
        var database = url
        database.path = "/" + name
        return (name, database.string!)
    }

    func dropDatabase(_ name: String) {
        _ = try? psql(url.string!, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// Runs `commands` (SQL or psql's backslash commands), each its own `-c`, in one `psql`
    /// session on `database`; what it printed, unaligned, without headers.
    @discardableResult
    func psql(_ database: String, _ commands: String...) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binaries + "/psql")
        process.arguments = ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", database] + commands.flatMap { ["-c", $0] }
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let problem = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchError("psql failed: \(String(decoding: problem, as: UTF8.self))")
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Stops a private server and removes its folder.
    func stop() {
        guard let folder else { return }
        let asUser = getuid() == 0 ? "/usr/sbin/runuser -u postgres -- " : ""
        _ = system("\(asUser)\(binaries)/pg_ctl -D '\(folder)/data' -m fast -w stop > /dev/null 2>&1")
        try? FileManager.default.removeItem(atPath: folder)
    }
}

/// One run: a fresh database, the release `ecowatch ingest` on it (which fills it from the
/// sample data), `connections` clients for `seconds` (`floodIngest`), the service stopped (it
/// commits what arrived); the stored rows checked against the acknowledgements, then exported and
/// copied with `COPY … FROM STDIN` (psql's `\copy`, one transaction) into a new table of the same
/// columns and primary key (mn, code, time, cn). Readings per second of both.
func postgresIngestRun(_ server: BenchPostgres, programme: Programme, connections: Int, burst: Int = 20,
                       seconds: Double = 8) throws -> (ingest: Double, copy: Double, line: String) {
    let (name, url) = try server.makeDatabase()
    defer { server.dropDatabase(name) }
    raiseOpenFileLimit(needed: connections * 2 + 256)
    let service = try IngestUnderTest(database: url, programme: programme, arguments: [
        "--max-connections", String(connections + 16), "--max-per-address", String(connections + 16)])
    let stations = programme.stations.filter { $0.kind == .air }
    let flood = floodIngest(port: service.port, stations: stations, connections: connections, burst: burst, seconds: seconds)
    let summary = service.interrupt()

    let rows = Int(try server.psql(url, "SELECT count(*) FROM reading")) ?? -1
    guard rows >= flood.acknowledged * 6 else {
        throw BenchError("\(flood.acknowledged) frames acknowledged but only \(rows) readings stored: \(summary)")
    }
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("ecowatch-bench-\(UUID().uuidString).tsv").path
    defer { try? FileManager.default.removeItem(atPath: file) }
    try server.psql(url, "\\copy (SELECT mn, code, time, cn, value, flag FROM reading) TO '\(file)'",
                    "CREATE TABLE reading_copy (LIKE reading INCLUDING ALL)", "CHECKPOINT")
    let timed = try server.psql(url, "\\timing on", "BEGIN", "\\copy reading_copy FROM '\(file)'", "COMMIT")
    let milliseconds = timed.split(separator: "\n").compactMap { line -> Double? in
        guard line.hasPrefix("Time: ") else { return nil }
        return Double(line.dropFirst(6).split(separator: " ").first ?? "")
    }.reduce(0, +)
    let copied = Int(try server.psql(url, "SELECT count(*) FROM reading_copy")) ?? -1
    guard copied == rows, milliseconds > 0 else { throw BenchError("COPY stored \(copied) of \(rows) rows (\(timed))") }
    let copyRate = Double(rows) / (milliseconds / 1000)
    let ingestRate = flood.framesPerSecond * 6
    let line = "PostgreSQL ingest: \(connections) connections, bursts of \(burst): \(Int(ingestRate)) readings/s acknowledged "
        + "(\(flood.acknowledged) frames in all; \(summary)); COPY of the same \(rows) rows: \(Int(copyRate)) readings/s "
        + "(\(String(format: "%.0f", milliseconds)) ms); ingest/COPY \(String(format: "%.2f", ingestRate / copyRate))"
    return (ingestRate, copyRate, line)
}

/// `runs` runs at each count of connections on `database` (a `postgresql://` URL of a server
/// the benchmark may create databases on), or on a private server of its own; each run and the
/// medians, with the load average before and after.
func postgresIngestBenchmark(_ programme: Programme, database: String?, connections counts: [Int], runs: Int = 3) throws {
    let server = try BenchPostgres(url: database)
    defer { server.stop() }
    print("PostgreSQL ingest benchmark on \(database == nil ? "a private server" : "the given server"): \(server.durability)")
    print("load before: \(loadAverage())")
    for connections in counts {
        var ingest: [Double] = [], copy: [Double] = [], ratio: [Double] = []
        for _ in 0..<runs {
            let run = try postgresIngestRun(server, programme: programme, connections: connections)
            print(run.line)
            ingest.append(run.ingest)
            copy.append(run.copy)
            ratio.append(run.ingest / run.copy)
        }
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        print("median of \(runs), \(connections) connections: ingest \(Int(median(ingest))) readings/s, COPY "
              + "\(Int(median(copy))) readings/s, ingest/COPY \(String(format: "%.2f", median(ratio))) (median of the runs' ratios); "
              + "load now \(loadAverage())")
    }
}

/// `/proc/loadavg`'s first three fields.
func loadAverage() -> String {
    ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").split(separator: " ").prefix(3).joined(separator: " ")
}
