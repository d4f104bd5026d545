import Foundation

/// A private PostgreSQL server for tests: `initdb` into a temporary folder as an unprivileged
/// user (`postgres`, else uid 65534, when the tests run as root), `pg_ctl` on a free loopback
/// port with its unix socket in that folder, trust authentication on loopback (and a password
/// for one role, to test wrong credentials). One server per test process, started on first use;
/// every test asks for a fresh database of its own. It is stopped when the process exits, and a
/// watchdog stops it if the process dies without exiting cleanly.
public final class PostgresTestServer: Sendable {
    /// The role every test database belongs to (a superuser, trusted on loopback).
    public static let superuser = "ecowatch"
    /// A role that must give `passwordRolePassword` (scram-sha-256) to log in over TCP.
    public static let passwordRole = "ecowatch_pw"
    public static let passwordRolePassword = "s3cret-pass"

    public let port: Int
    public let folder: String
    private let binaries: String
    private let runAs: (uid: uid_t, gid: gid_t)?

    /// The server of this test process, started on first use; nil (with the reason) when no
    /// PostgreSQL server binaries are installed.
    public static func shared() throws -> PostgresTestServer {
        try sharedServer.get()
    }

    private static let sharedServer: Result<PostgresTestServer, TestServerError> = {
        do {
            let server = try PostgresTestServer()
            serverToStop = server
            atexit { PostgresTestServer.serverToStop?.stop() }
            return .success(server)
        } catch let error as TestServerError {
            return .failure(error)
        } catch {
            return .failure(TestServerError("\(error)"))
        }
    }()
    nonisolated(unsafe) private static var serverToStop: PostgresTestServer?

    /// A server of the caller's own, for a test that stops and starts it (`pause`, `resume`);
    /// `stop()` it at the end. Others share `shared()`.
    public static func own() throws(TestServerError) -> PostgresTestServer {
        try PostgresTestServer()
    }

    private init() throws(TestServerError) {
        guard let binaries = Self.findBinaries() else {
            throw TestServerError("no PostgreSQL server binaries (initdb, pg_ctl) under /usr/lib/postgresql/*/bin; apt-get install postgresql")
        }
        self.binaries = binaries
        runAs = getuid() == 0 ? Self.unprivilegedUser() : nil
        var template = Array((FileManager.default.temporaryDirectory.path + "/ecowatch-pg-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw TestServerError("cannot create a temporary folder") }
        folder = String(cString: made)
        if let runAs {
            chown(folder, runAs.uid, runAs.gid)
        }
        chmod(folder, 0o700)
        try Self.run(binaries + "/initdb", ["-D", folder + "/data", "-U", Self.superuser, "-A", "trust", "-E", "UTF8",
                                             "--locale=C", "--no-sync", "--no-instructions"], as: runAs)
        let hba = """
            local all all trust
            host all \(Self.passwordRole) 127.0.0.1/32 scram-sha-256
            host all all 127.0.0.1/32 trust
            host all all ::1/128 trust

            """
        try? hba.write(toFile: folder + "/data/pg_hba.conf", atomically: false, encoding: .utf8)
        // Watching from before the start: a test process killed while the server starts leaves none behind.
        Self.watch(parent: getpid(), pgCtl: binaries + "/pg_ctl", data: folder + "/data", folder: folder, as: runAs)
        var started: Int?
        for _ in 0..<5 {
            let candidate = Self.freePort()
            do {
                try Self.start(binaries: binaries, folder: folder, port: candidate, as: runAs)
                started = candidate
                break
            } catch {
                continue  // the port was taken between choosing and binding: choose another
            }
        }
        guard let started else {
            let log = (try? String(contentsOfFile: folder + "/server.log", encoding: .utf8)) ?? ""
            throw TestServerError("the test PostgreSQL server did not start: \(log.suffix(400))")
        }
        port = started
        try psql("CREATE ROLE \(Self.passwordRole) LOGIN PASSWORD '\(Self.passwordRolePassword)'")
    }

    /// A new, empty database for one test; its `postgresql://` URL (TCP on loopback).
    public func makeDatabase(prefix: String = "t") throws(TestServerError) -> (name: String, url: String) {
        let name = prefix + "_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        // Owned by the password role, so it may create the schema too (the superuser may anyway).
        try psql("CREATE DATABASE \(name) OWNER \(Self.passwordRole)")
        return (name, url(database: name))
    }

    public func url(database: String, user: String = PostgresTestServer.superuser) -> String {
        "postgresql://\(user)@127.0.0.1:\(port)/\(database)"
    }

    /// Runs SQL as the superuser over the unix socket (`psql`); returns what it printed.
    @discardableResult
    public func psql(_ sql: String, database: String = "postgres") throws(TestServerError) -> String {
        try Self.run(binaries + "/psql", ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", folder, "-p", String(port),
                                           "-U", Self.superuser, "-d", database, "-c", sql], as: nil)
    }

    /// Stops the server now (fast shutdown) and removes its folder. Stopping twice is harmless.
    public func stop() {
        thaw()
        _ = try? Self.run(binaries + "/pg_ctl", ["-D", folder + "/data", "-m", "immediate", "-w", "stop"], as: runAs)
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Stops the server (fast shutdown), keeping its data, until `resume()`: a server gone away.
    public func pause() throws {
        try Self.run(binaries + "/pg_ctl", ["-D", folder + "/data", "-m", "fast", "-w", "stop"], as: runAs)
    }

    /// Starts a server stopped by `pause()` again on the same port.
    public func resume() throws {
        try Self.start(binaries: binaries, folder: folder, port: port, as: runAs)
    }

    /// Freezes the server (SIGSTOP to the postmaster and every backend) until `thaw()`: its
    /// connections stay open and go silent, as when a network drops packets or a host hangs.
    public func freeze() {
        let processes = serverProcesses()
        for pid in processes { kill(pid, SIGSTOP) }
    }

    /// Lets a frozen server run again (harmless on one that is not frozen).
    public func thaw() {
        for pid in serverProcesses().reversed() { kill(pid, SIGCONT) }
    }

    /// The postmaster (from `postmaster.pid`) and then its children (from /proc).
    private func serverProcesses() -> [pid_t] {
        guard let text = try? String(contentsOfFile: folder + "/data/postmaster.pid", encoding: .utf8),
              let first = text.split(separator: "\n").first, let postmaster = pid_t(first) else { return [] }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        let children = entries.compactMap(pid_t.init).filter { pid in
            // /proc/PID/stat: "pid (name) state ppid …"; the name may hold spaces, so read after the last ')'.
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 1 && pid_t(fields[1]) == postmaster
        }
        return [postmaster] + children
    }

    /// `pg_ctl start` on `port` with the socket in `folder`, loopback only; durability off
    /// (tests never crash the server itself), room for many connections.
    private static func start(binaries: String, folder: String, port: Int, as user: (uid: uid_t, gid: gid_t)?) throws(TestServerError) {
        try run(binaries + "/pg_ctl", [
            "-D", folder + "/data", "-l", folder + "/server.log", "-w", "-t", "30", "-o",
            "-p \(port) -k \(folder) -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off "
                + "-c max_connections=300 -c shared_buffers=64MB",
            "start",
        ], as: user)
    }

    // MARK: Helpers

    private static func findBinaries() -> String? {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .compactMap(Int.init).sorted(by: >)
        return versions.map { "\(root)/\($0)/bin" }
            .first { FileManager.default.isExecutableFile(atPath: $0 + "/initdb") }
    }

    private static func unprivilegedUser() -> (uid: uid_t, gid: gid_t) {
        if let entry = getpwnam("postgres") { return (entry.pointee.pw_uid, entry.pointee.pw_gid) }
        return (65534, 65534)
    }

    private static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Runs a program to its end (as `user` through `setpriv` when given); its output, or an
    /// error with what it printed. `posix_spawn` and `waitpid`, not Foundation's `Process`: the
    /// server that `pg_ctl` starts inherits the descriptors through which `Process` learns that
    /// its child ended, and would keep it waiting forever.
    @discardableResult
    private static func run(_ program: String, _ arguments: [String], as user: (uid: uid_t, gid: gid_t)?) throws(TestServerError) -> String {
        let argv = (user.map { ["/usr/bin/setpriv", "--reuid=\($0.uid)", "--regid=\($0.gid)", "--clear-groups", "--"] } ?? [])
            + [program] + arguments
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("ecowatch-pg-\(UUID().uuidString).out").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { for pointer in cArguments { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, &cArguments, environ)
        guard spawned == 0 else { throw TestServerError("cannot run \(argv[0]): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        guard status == 0 else {
            throw TestServerError("\((program as NSString).lastPathComponent) \(arguments.joined(separator: " ")) failed: \(text)")
        }
        return text
    }

    /// A shell that stops the server and removes its folder once `parent` is gone (a test
    /// process that crashed or was killed leaves no server behind).
    private static func watch(parent: pid_t, pgCtl: String, data: String, folder: String, as user: (uid: uid_t, gid: gid_t)?) {
        let stop = user.map { "/usr/bin/setpriv --reuid=\($0.uid) --regid=\($0.gid) --clear-groups -- " } ?? ""
        let script = """
            while kill -0 \(parent) 2>/dev/null; do sleep 1; done
            \(stop)\(pgCtl) -D '\(data)' -m immediate -w stop >/dev/null 2>&1
            rm -rf '\(folder)'
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try? process.run()
    }
}

/// Why the test server could not be used.
public struct TestServerError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
