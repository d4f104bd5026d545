#if canImport(Glibc)
import Glibc
#endif
import EcoWatchCore
import EcoWatchTerminal
import EcoWatchUI
import Foundation

/// A pseudo-terminal whose master side is drained by a thread that counts every byte the
/// program on the slave side writes: what a real terminal emulator would receive.
final class PseudoTerminal: @unchecked Sendable {
    let master: Int32
    let slavePath: String
    private let bytes = Locked(0)
    private let lastByte = Locked(DispatchTime.now().uptimeNanoseconds)
    private let firstByte = Locked<UInt64?>(nil)

    init(width: Int, height: Int) throws {
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY)   // posix_openpt
        // grantpt, unlockpt and ptsname are hidden from Swift's Glibc module (they need
        // _XOPEN_SOURCE): reach them through the dynamic linker.
        typealias Control = @convention(c) (Int32) -> Int32
        typealias Name = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?
        let libc = dlopen(nil, RTLD_NOW)
        guard let grant = dlsym(libc, "grantpt"), let unlock = dlsym(libc, "unlockpt"),
              let slaveName = dlsym(libc, "ptsname") else {
            throw BenchError("no grantpt, unlockpt or ptsname in libc")
        }
        guard master >= 0, unsafeBitCast(grant, to: Control.self)(master) == 0,
              unsafeBitCast(unlock, to: Control.self)(master) == 0,
              let name = unsafeBitCast(slaveName, to: Name.self)(master) else {
            throw BenchError("cannot open a pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        slavePath = String(cString: name)
        // The window size, for programs that ask the terminal (ncurses also reads LINES/COLUMNS).
        let stty = Process()
        stty.executableURL = URL(fileURLWithPath: "/bin/stty")
        stty.arguments = ["-F", slavePath, "rows", String(height), "cols", String(width)]
        try? stty.run()
        stty.waitUntilExit()
        Thread.detachNewThread { [self] in
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
                if n <= 0 { break }   // EIO once every slave descriptor is closed
                let now = DispatchTime.now().uptimeNanoseconds
                firstByte.withLock { if $0 == nil { $0 = now } }
                lastByte.withLock { $0 = now }
                bytes.withLock { $0 += n }
            }
        }
    }

    /// Opens the slave side (the program's terminal).
    func openSlave() throws -> Int32 {
        let fd = open(slavePath, O_RDWR | O_NOCTTY)
        guard fd >= 0 else { throw BenchError("cannot open \(slavePath)") }
        return fd
    }

    var count: Int { bytes.withLock { $0 } }
    var firstByteTime: UInt64? { firstByte.withLock { $0 } }
    var lastByteTime: UInt64 { lastByte.withLock { $0 } }

    /// Waits until nothing has arrived for `quiet` seconds (or `limit` passed); returns the
    /// byte count so far.
    @discardableResult
    func waitQuiet(_ quiet: Double = 0.3, limit: Double = 10) -> Int {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(limit * 1e9)
        while DispatchTime.now().uptimeNanoseconds < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            if DispatchTime.now().uptimeNanoseconds - lastByteTime > UInt64(quiet * 1e9) { break }
        }
        return count
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Bytes the console's own `TerminalScreen` (ncursesw, xterm-256color) writes to a real
/// pseudo-terminal at 200×60: its start-up, the first full frame, one changed value (a station's
/// first report: `live 0/N` → `live 1/N`), nothing changed, and a forced full repaint (Ctrl-L).
func terminalBytesBenchmark(_ programme: Programme, width: Int = 200, height: Int = 60) throws {
    setenv("COLUMNS", String(width), 1)
    setenv("LINES", String(height), 1)
    let pty = try PseudoTerminal(width: width, height: height)
    let slave = try pty.openSlave()
    let screen = try TerminalScreen(options: .init(input: slave, output: slave, terminalType: "xterm-256color",
                                                   requireTerminal: true, mouse: false))
    screen.setPalette(Palette(theme: Theme.default))
    let now: Int64 = 1_764_403_200   // 2025-11-29 08:00 UTC; only differences matter
    func live(seen: Int) -> LiveSnapshot {
        LiveSnapshot(taken: now, stations: programme.stations.enumerated().map { index, station in
            StationStatus(station: station, latest: [], lastSeen: index < seen ? now - 10 : nil, now: now)
        }, alarms: [], feed: FeedCounts(accepted: seen))
    }
    var state = AppState(programme: programme, asOf: Day(iso: "2026-11-29")!, today: Day(iso: "2026-11-29")!,
                         language: .zh, width: width, height: height)
    state.live = live(seen: 0)
    var mark = pty.waitQuiet()
    let startup = mark
    func step(_ body: () -> Void) -> Int {
        body()
        let after = pty.waitQuiet()
        defer { mark = after }
        return after - mark
    }
    let first = step { screen.draw(render(state)) }
    let unchanged = step { screen.draw(render(state)) }
    state.live = live(seen: 1)
    let oneValue = step { screen.draw(render(state)) }
    let repaint = step {
        screen.forceFullRepaint()
        screen.draw(render(state))
    }
    screen.stop()
    close(slave)
    print("terminal bytes \(width)x\(height) (ncursesw, xterm-256color, default theme, pseudo-terminal): start-up \(startup), "
          + "first frame \(first), nothing changed \(unchanged), one changed value (live 0→1 of "
          + "\(programme.stations.count)) \(oneValue), full repaint (Ctrl-L) \(repaint)")
}

/// The `ecowatch` executable built next to this benchmark (`swift build -c release
/// --package-path Benchmarks --product ecowatch`), or `$ECOWATCH`.
func ecowatchExecutable() throws -> URL {
    if let path = ProcessInfo.processInfo.environment["ECOWATCH"] { return URL(fileURLWithPath: path) }
    let url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        .appendingPathComponent("ecowatch")
    guard FileManager.default.isExecutableFile(atPath: url.path) else {
        throw BenchError("no \(url.path): build it with swift build -c release --package-path Benchmarks "
                         + "--product ecowatch, or set ECOWATCH")
    }
    return url
}

/// Runs `ecowatch arguments…` from the repository root (where `sample-data` is) to the end.
@discardableResult
func runEcowatch(_ arguments: [String], quiet: Bool = true) throws -> Int32 {
    let process = Process()
    process.executableURL = try ecowatchExecutable()
    process.arguments = arguments
    process.currentDirectoryURL = repositoryRoot()
    if quiet {
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
    }
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
}

/// A fresh database filled from the sample data (the way a first `ecowatch` run fills one).
func sampleDatabase() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("ecowatch-bench-\(UUID().uuidString).sqlite").path
    guard try runEcowatch(["report", "districts", "--db", path]) == 0 else {
        throw BenchError("ecowatch report districts --db \(path) failed")
    }
    return path
}

func removeDatabase(_ path: String) {
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
}

/// The real release console on a pseudo-terminal.
final class ConsoleUnderTest {
    let pty: PseudoTerminal
    let process = Process()
    let started: UInt64

    init(database: String, width: Int = 200, height: Int = 60) throws {
        pty = try PseudoTerminal(width: width, height: height)
        let slave = FileHandle(fileDescriptor: try pty.openSlave(), closeOnDealloc: true)
        process.executableURL = try ecowatchExecutable()
        process.arguments = ["--db", database]
        process.currentDirectoryURL = repositoryRoot()
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm-256color"
        environment["COLUMNS"] = String(width)
        environment["LINES"] = String(height)
        process.environment = environment
        process.standardInput = slave
        process.standardOutput = slave
        process.standardError = FileHandle.nullDevice
        started = DispatchTime.now().uptimeNanoseconds
        try process.run()
        try slave.close()
    }

    /// User + system clock ticks the process has used (`/proc/PID/stat` fields 14 and 15).
    var cpuTicks: Int {
        guard let stat = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return -1 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // fields[0] is field 3 (state): utime is field 14, stime field 15.
        return (Int(fields[11]) ?? 0) + (Int(fields[12]) ?? 0)
    }

    /// `VmHWM` (peak resident set) and `VmRSS` from `/proc/PID/status`, in kB.
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

    func quit() {
        process.interrupt()
        process.waitUntilExit()
    }
}

/// Console start-up to first frame on the sample database: from spawning the release binary to
/// the last byte of its first frame on a 200×60 pseudo-terminal (median of `runs`), and the
/// `ecowatch snapshot --view overview --size 200x60` wall time as a second view. Also prints
/// the console's peak memory.
func startupBenchmark(runs: Int = 7) throws {
    let database = try sampleDatabase()
    defer { removeDatabase(database) }
    var firstFrame: [Double] = []
    var firstByte: [Double] = []
    var peaks: [Int] = []
    for _ in 0..<runs {
        let console = try ConsoleUnderTest(database: database)
        let bytes = console.pty.waitQuiet(0.5)
        firstFrame.append(Double(console.pty.lastByteTime - console.started) / 1e6)
        firstByte.append(Double((console.pty.firstByteTime ?? 0) - console.started) / 1e6)
        peaks.append(console.memory.peak)
        console.quit()
        precondition(bytes > 10_000, "the console wrote only \(bytes) bytes")
    }
    var snapshot: [Double] = []
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        try runEcowatch(["snapshot", "--view", "overview", "--size", "200x60", "--db", database])
        snapshot.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    func median(_ values: [Double]) -> String { String(format: "%.0f ms", values.sorted()[values.count / 2]) }
    print("console start-up on the sample database, 200x60 pseudo-terminal (n=\(runs)): first byte \(median(firstByte)), "
          + "first frame complete \(median(firstFrame)); ecowatch snapshot --view overview --size 200x60: \(median(snapshot))")
    print("console peak memory (VmHWM) after its first frame: \(peaks.max()! / 1024) MB")
}

/// Idle CPU of the release console watching a live feed of 1 frame/s: `ecowatch ingest` and
/// `ecowatch simulate --rate 1` on the sample database, the console on a 200×60
/// pseudo-terminal; CPU ticks over `seconds` after a warm-up. Also the bytes written meanwhile
/// and the console's peak memory.
func idleBenchmark(seconds: Double = 40) throws {
    let database = try sampleDatabase()
    defer { removeDatabase(database) }
    let port = 19_000 + Int(getpid() % 1000)
    let ingest = Process()
    ingest.executableURL = try ecowatchExecutable()
    ingest.arguments = ["ingest", "--listen", "127.0.0.1:\(port)", "--db", database]
    ingest.currentDirectoryURL = repositoryRoot()
    ingest.standardOutput = FileHandle.nullDevice
    ingest.standardError = FileHandle.nullDevice
    try ingest.run()
    Thread.sleep(forTimeInterval: 1)
    let simulate = Process()
    simulate.executableURL = try ecowatchExecutable()
    simulate.arguments = ["simulate", "--to", "127.0.0.1:\(port)", "--db", database, "--rate", "1"]
    simulate.currentDirectoryURL = repositoryRoot()
    simulate.standardOutput = FileHandle.nullDevice
    simulate.standardError = FileHandle.nullDevice
    try simulate.run()
    let console = try ConsoleUnderTest(database: database)
    console.pty.waitQuiet(0.5)
    Thread.sleep(forTimeInterval: 5)   // warm-up: the first live reads
    let ticksBefore = console.cpuTicks
    let bytesBefore = console.pty.count
    let start = DispatchTime.now().uptimeNanoseconds
    Thread.sleep(forTimeInterval: seconds)
    let ticks = console.cpuTicks - ticksBefore
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let bytes = console.pty.count - bytesBefore
    let memory = console.memory
    console.quit()
    simulate.interrupt()
    simulate.waitUntilExit()
    ingest.interrupt()
    ingest.waitUntilExit()
    let hz = Double(sysconf(Int32(_SC_CLK_TCK)))
    print("idle console, live feed of 1 frame/s, \(Int(elapsed)) s: \(ticks) ticks = "
          + String(format: "%.2f", Double(ticks) / hz / elapsed * 100) + " % of one core; "
          + "\(bytes) bytes written (\(bytes / max(1, Int(elapsed))) bytes/s); RSS \(memory.now / 1024) MB, "
          + "peak \(memory.peak / 1024) MB")
}

/// Peak memory of this benchmark process so far (getrusage ru_maxrss).
func peakMemoryReport() {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    print("peak memory of ecowatch-bench (ru_maxrss): \(usage.ru_maxrss / 1024) MB")
}
