import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A private tmux server running one program in a detached session of a fixed size: the
/// harness for end-to-end tests of the real binary (type keys, read the screen, resize).
///
/// Each instance has its own socket (`tmux -L <unique>`) and configuration, so tests run in
/// parallel and ignore the user's `~/.tmux.conf`. The pane stays after the program exits
/// (`remain-on-exit`), so its last screen and exit status can still be read. The server is
/// killed by `kill()` or on deinit.
///
/// ```swift
/// let tmux = try Tmux(width: 80, height: 24, command: [binary.path, "--lang", "zh"])
/// try tmux.waitFor("宁波")
/// try tmux.sendKeys("Down", "Enter")
/// ```
final class Tmux {
    /// The tmux executable on `PATH`, or nil when tmux is not installed.
    static let executable: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("tmux")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }()

    /// Whether tests can use tmux at all (they skip, not fail, when it is missing).
    static var isInstalled: Bool { executable != nil }

    /// The private socket name (`tmux -L`).
    let socket: String
    private let directory: URL
    private let statusFile: URL
    private var running = true

    /// Starts a server and runs `command` (program and arguments, not a shell line) in a
    /// detached session of `width` × `height` cells, with `environment` added to tmux's own.
    ///
    /// - Parameter terminal: the `TERM` programs in the pane see (tmux's `default-terminal`).
    init(width: Int = 80, height: Int = 24, command: [String], environment: [String: String] = [:],
         terminal: String = "tmux-256color") throws {
        guard Self.isInstalled else { throw TmuxError.notInstalled }
        socket = "ecowatch-test-\(getpid())-\(UUID().uuidString.prefix(8))"
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(socket)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let configuration = directory.appendingPathComponent("tmux.conf")
        try """
        set -g default-terminal "\(terminal)"
        set -g remain-on-exit on
        set -g status off
        set -g escape-time 0
        set -g history-limit 1000
        """.write(to: configuration, atomically: true, encoding: .utf8)

        // The program runs under a small sh that records its exit status in a file: tmux
        // 3.3 was seen to mark a pane dead without ever learning its status.
        statusFile = directory.appendingPathComponent("exit-status")
        var line = environment.keys.sorted().map { "\($0)=\(Self.quote(environment[$0]!))" }
        if !line.isEmpty { line.insert("env", at: 0) }
        line += ["sh", "-c", Self.quote(#""$@"; echo $? > "$0.tmp" && mv "$0.tmp" "$0""#), Self.quote(statusFile.path)]
        line += command.map(Self.quote)
        try run(["-f", configuration.path, "new-session", "-d", "-s", "test",
                 "-x", String(width), "-y", String(height), line.joined(separator: " ")])
    }

    deinit { kill() }

    /// Sends keys by tmux's names (`"Down"`, `"Enter"`, `"C-c"`, `"BTab"`, `"q"`).
    func sendKeys(_ keys: String...) throws {
        try run(["send-keys", "-t", "test"] + keys)
    }

    /// Types `text` as it is (Chinese included), as a paste or an input method would.
    func type(_ text: String) throws {
        try run(["send-keys", "-t", "test", "-l", text])
    }

    /// The screen as text, one line per row (`capture-pane -p`); with `escapes`, with the
    /// colours and attributes as SGR sequences (`-e`); with `history`, the lines scrolled
    /// off the top first (`-S -`: when a program exits, tmux may scroll its last screen up).
    func capture(escapes: Bool = false, history: Bool = false) throws -> String {
        try run(["capture-pane", "-p", "-t", "test"] + (escapes ? ["-e"] : []) + (history ? ["-S", "-"] : []))
    }

    /// Makes the window `width` × `height`, as a user dragging the terminal would.
    func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", "test", "-x", String(width), "-y", String(height)])
    }

    /// The pane's size as tmux reports it.
    func paneSize() throws -> (width: Int, height: Int) {
        let parts = try run(["display-message", "-p", "-t", "test", "#{pane_width} #{pane_height}"])
            .split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard parts.count == 2 else { throw TmuxError.unexpectedOutput("pane size") }
        return (parts[0], parts[1])
    }

    /// The program's exit status once it has ended (128 + the signal when a signal ended
    /// it); nil while it runs.
    func exitStatus() throws -> Int32? {
        func recorded() -> Int32? {
            (try? String(contentsOf: statusFile, encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
        if let status = recorded() { return status }
        // Killed by a signal, the wrapping sh may have gone too: ask tmux.
        let parts = try run(["display-message", "-p", "-t", "test", "#{pane_dead}:#{pane_dead_status}:#{pane_dead_signal}"])
            .trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "1" else { return nil }
        // The wrapper may have recorded the status and exited between the first look and now.
        if let status = recorded() { return status }
        if let status = Int32(parts[1]) { return status }
        if let signal = Int32(parts[2]) { return 128 + signal }
        return nil
    }

    /// Polls the screen until it contains `text`, and returns that screen.
    ///
    /// - Throws: `TmuxError.timedOut` with the last screen seen, after `timeout` seconds.
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 10) throws -> String {
        try waitUntil("the screen shows \(text.debugDescription)", timeout: timeout) { $0.contains(text) }
    }

    /// Polls the screen every 50 ms until `condition` holds, and returns that screen.
    @discardableResult
    func waitUntil(_ what: String, timeout: TimeInterval = 10, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        repeat {
            screen = try capture()
            if condition(screen) { return screen }
            Thread.sleep(forTimeInterval: 0.05)
        } while Date() < deadline
        throw TmuxError.timedOut(waitingFor: what, screen: screen)
    }

    /// Polls until the program has exited, and returns its exit status.
    func waitForExit(timeout: TimeInterval = 10) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            if let status = try exitStatus() { return status }
            Thread.sleep(forTimeInterval: 0.05)
        } while Date() < deadline
        throw TmuxError.timedOut(waitingFor: "the program to exit", screen: (try? capture()) ?? "")
    }

    /// Kills the server and its programs, and removes the configuration (idempotent).
    func kill() {
        guard running else { return }
        running = false
        _ = try? run(["kill-server"], checked: false)
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs `tmux -L socket arguments…` and returns its standard output.
    ///
    /// Spawned with posix_spawn (a clean signal mask, see below) and waited for with
    /// waitpid, its output through files: with Foundation's `Process`, `waitUntilExit` was
    /// seen never to return once a server had been forked, and reading a pipe to its end
    /// hangs while the server holds its write end.
    @discardableResult
    private func run(_ arguments: [String], checked: Bool = true) throws -> String {
        guard let executable = Self.executable else { throw TmuxError.notInstalled }
        let outputFile = directory.appendingPathComponent("stdout"), errorFile = directory.appendingPathComponent("stderr")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputFile.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errorFile.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        // Test threads block signals (Dispatch's workers do); a server inheriting that mask
        // would never see SIGCHLD and never learn its programs' exit status. Start it clean.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var signals = sigset_t()
        sigemptyset(&signals)
        posix_spawnattr_setsigmask(&attributes, &signals)
        for signal in [SIGCHLD, SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGWINCH] { sigaddset(&signals, signal) }
        posix_spawnattr_setsigdefault(&attributes, &signals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable.path, "-L", socket] + arguments).map { strdup($0) } + [nil]
        let envp = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable.path, &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            throw TmuxError.commandFailed(arguments: arguments, status: -1, message: String(cString: strerror(spawned)))
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        // WIFEXITED / WEXITSTATUS, which Swift does not import.
        let exitStatus: Int32 = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)

        let out = (try? Data(contentsOf: outputFile)) ?? Data()
        if checked, exitStatus != 0 {
            let err = (try? Data(contentsOf: errorFile)) ?? Data()
            throw TmuxError.commandFailed(arguments: arguments, status: exitStatus,
                                          message: String(decoding: err, as: UTF8.self))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `value` as one word for tmux's shell (`/bin/sh -c`).
    private static func quote(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// What went wrong driving tmux.
enum TmuxError: Error, CustomStringConvertible {
    case notInstalled
    case commandFailed(arguments: [String], status: Int32, message: String)
    case unexpectedOutput(String)
    case timedOut(waitingFor: String, screen: String)

    var description: String {
        switch self {
        case .notInstalled:
            return "tmux is not installed (apt-get install tmux)"
        case .commandFailed(let arguments, let status, let message):
            return "tmux \(arguments.joined(separator: " ")) exited \(status): \(message)"
        case .unexpectedOutput(let what):
            return "tmux gave an unexpected answer for \(what)"
        case .timedOut(let what, let screen):
            return "timed out waiting for \(what); the screen was:\n\(screen)"
        }
    }
}
