import Foundation
import Testing

/// The console under terminal faults (issue 7): storms of resizes, hundreds of keys pasted at
/// once, a 1×1 terminal, losing the terminal (SIGHUP). No crash, no busy loop, a clean exit.
@Suite("terminal faults", .enabled(if: Tmux.isInstalled, "tmux is not installed"), .serialized)
struct TerminalFaultTests {
    /// Starts the console on a fresh database; returns the harness and the database path
    /// (which identifies the console process).
    func console(width: Int = 100, height: Int = 30) throws -> (Tmux, String) {
        let binary = try #require(EcoWatchBinary.url(), "build the executable first (swift build)")
        let root = try #require(EcoWatchBinary.packageRoot())
        let database = FileManager.default.temporaryDirectory.appendingPathComponent("ecowatch-fault-\(UUID().uuidString).sqlite").path
        let tmux = try Tmux(width: width, height: height,
                            command: [binary.path, "--db", database, "--data", root.appendingPathComponent("sample-data").path, "--lang", "en"])
        _ = try tmux.waitFor("6 Districts")
        return (tmux, database)
    }

    /// The console's process ID, found by its command line.
    func pid(of database: String) throws -> Int32 {
        let output = try run(["pgrep", "-f", "^/[^ ]*/ecowatch --db " + database])
        return try #require(output.split(separator: "\n").first.flatMap { Int32($0) })
    }

    /// CPU clock ticks (1/100 s) the process has used, from /proc.
    func cpuTicks(_ pid: Int32) throws -> Int {
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        let fields = stat[stat.range(of: ")")!.upperBound...].split(separator: " ")
        return Int(fields[11])! + Int(fields[12])!   // utime, stime (fields 14 and 15 of the line)
    }

    /// Over two idle seconds the console must not spin (a busy loop would use ~200 ticks).
    func expectIdle(_ pid: Int32) throws {
        Thread.sleep(forTimeInterval: 0.5)
        let before = try cpuTicks(pid)
        Thread.sleep(forTimeInterval: 2)
        #expect(try cpuTicks(pid) - before < 40, "the console kept the CPU busy while idle")
    }

    @Test func aStormOfResizesEndsOnTheLastSizeWithoutABusyLoop() throws {
        let (tmux, database) = try console()
        defer { tmux.kill() }
        let process = try pid(of: database)
        for i in 0..<60 {
            try tmux.resize(width: 40 + (i * 37) % 120, height: 10 + (i * 13) % 40)
        }
        try tmux.resize(width: 132, height: 43)
        // The whole frame at the final size: header on top, both rows of panes, the footer.
        try tmux.waitUntil("the last size drawn") { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return lines.count >= 43 && lines[0].hasPrefix(" EcoWatch Ningbo") && screen.contains("1 Air")
                && screen.contains("6 Districts") && lines[42].contains("Enter open")
        }
        #expect(try tmux.paneSize() == (width: 132, height: 43))
        try expectIdle(process)
        try tmux.sendKeys("q")
        #expect(try tmux.waitForExit() == 0)
    }

    @Test func hundredsOfPastedKeysAreHandledAndTheConsoleStillAnswers() throws {
        let (tmux, database) = try console()
        defer { tmux.kill() }
        let process = try pid(of: database)
        // A paste of navigation keys and filter text (no q). Keys arrive in order, so once the
        // Alarms screen opened after it shows, the whole paste has been handled.
        let paste = String(repeating: "jjkl6hTo[]{}/北仑beilun", count: 25)
        try tmux.type(paste)
        // Esc and ! arrive while the console still works through the paste, so they reach it
        // back to back: still Esc, then !, never an Alt- chord that swallows both.
        try tmux.sendKeys("Escape")
        try tmux.sendKeys("!")
        let screen = try tmux.waitUntil("the Alarms screen after the paste") { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return lines.count > 1 && lines[1].trimmingCharacters(in: .whitespaces).hasSuffix("› Alarms")
        }
        #expect(screen.contains("2021-12") || screen.contains("as of"))
        try expectIdle(process)
        try tmux.sendKeys("q")
        #expect(try tmux.waitForExit() == 0)
    }

    @Test func aOneByOneTerminalShowsWhatFitsAndQStillQuits() throws {
        let (tmux, _) = try console()
        defer { tmux.kill() }
        try tmux.resize(width: 1, height: 1)
        let size = try tmux.paneSize()
        #expect(size.width <= 2 && size.height <= 2)
        Thread.sleep(forTimeInterval: 0.5)
        try tmux.resize(width: 100, height: 30)
        _ = try tmux.waitFor("6 Districts")
        try tmux.resize(width: 1, height: 1)
        Thread.sleep(forTimeInterval: 0.3)
        try tmux.sendKeys("q")
        #expect(try tmux.waitForExit() == 0)
    }

    @Test func losingTheTerminalEndsTheConsoleCleanly() throws {
        let (tmux, database) = try console()
        defer { tmux.kill() }
        _ = try run(["pkill", "-HUP", "-f", "^/[^ ]*/ecowatch --db " + database])
        // Ended by the signal after restoring the terminal: 128 + SIGHUP.
        #expect(try tmux.waitForExit() == 129)
    }

    /// Runs a command and returns what it printed.
    @discardableResult
    func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
