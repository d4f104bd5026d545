import Foundation
import Testing

/// The duty console against a moving feed: `--demo`, and `ingest` + `simulate` beside a console.
@Suite("live console end to end", .enabled(if: Tmux.isInstalled, "tmux is not installed"), .serialized)
struct LiveConsoleEndToEndTests {
    /// The `n` of the header's `live n/45`.
    static func liveCount(_ screen: String) -> Int? {
        screen.firstMatch(of: /live (\d+)\/\d+/).flatMap { Int($0.output.1) }
    }

    /// The stations list's first air station row (its values change as frames arrive).
    static func firstRow(_ screen: String, name: String) -> String? {
        screen.split(separator: "\n").first { $0.contains(name) }.map(String.init)
    }

    /// `--demo` moves: the stations come live within seconds, values change, and it keeps moving.
    @Test func theDemoMoves() throws {
        let binary = try #require(EcoWatchBinary.url(), "build the executable first (swift build)")
        let root = try #require(EcoWatchBinary.packageRoot())
        let tmux = try Tmux(width: 160, height: 40, command: [binary.path, "--demo", "--lang", "en",
                                                              "--data", root.appendingPathComponent("sample-data").path])
        defer { tmux.kill() }
        // The live count moves up from the first frame to nearly every station.
        let first = try tmux.waitUntil("the first frame", timeout: 30) { Self.liveCount($0) != nil }
        let firstCount = try #require(Self.liveCount(first))
        try tmux.waitUntil("the live count to rise to most of the 45 stations", timeout: 60) {
            (Self.liveCount($0) ?? 0) >= 40 && Self.liveCount($0) != firstCount
        }
        try tmux.sendKeys("s")
        let list = try tmux.waitFor("Longsai Hospital")
        let row = try #require(Self.firstRow(list, name: "Longsai Hospital"))
        // The same station's values change on a later frame: the console sees the demo's own commits.
        try tmux.waitUntil("Longsai Hospital's values change", timeout: 30) { screen in
            Self.firstRow(screen, name: "Longsai Hospital").map { $0 != row } ?? false
        }
        try tmux.sendKeys("q")
        #expect(try tmux.waitForExit() == 0)
    }

    /// `ingest` and `simulate` as separate processes, the console beside them: an alarm raised by
    /// the service appears on the alarms screen, and Enter on it opens its station.
    @Test func anAlarmFromALiveFeedOpensItsStation() throws {
        let binary = try #require(EcoWatchBinary.url(), "build the executable first (swift build)")
        let root = try #require(EcoWatchBinary.packageRoot())
        let data = root.appendingPathComponent("sample-data").path
        let database = FileManager.default.temporaryDirectory.appendingPathComponent("ecowatch-live-\(UUID().uuidString).sqlite").path
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + s) } }

        // The service on a free port, raising alarms at once (no minimum duration).
        let ingest = Process()
        ingest.executableURL = binary
        ingest.arguments = ["ingest", "--listen", "127.0.0.1:0", "--db", database, "--data", data,
                            "--alarm-raise-after", "0", "--alarm-clear-after", "600"]
        let out = Pipe()
        ingest.standardOutput = out
        ingest.standardError = FileHandle.nullDevice
        try ingest.run()
        defer { ingest.terminate(); ingest.waitUntilExit() }
        var banner = ""
        let deadline = Date().addingTimeInterval(30)
        while !banner.contains("\n"), Date() < deadline {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            banner += String(decoding: chunk, as: UTF8.self)
        }
        let port = try #require(banner.firstMatch(of: /listening on 127\.0\.0\.1:(\d+)/).map { String($0.output.1) }, "\(banner)")

        let simulate = Process()
        simulate.executableURL = binary
        simulate.arguments = ["simulate", "--to", "127.0.0.1:" + port, "--db", database, "--rate", "45"]
        simulate.standardOutput = FileHandle.nullDevice
        simulate.standardError = FileHandle.nullDevice
        try simulate.run()
        defer { simulate.terminate(); simulate.waitUntilExit() }

        let tmux = try Tmux(width: 160, height: 40, command: [binary.path, "--db", database, "--lang", "en"])
        defer { tmux.kill() }
        try tmux.waitUntil("stations live", timeout: 30) { (Self.liveCount($0) ?? 0) > 0 }
        try tmux.sendKeys("!")
        // An alarm row: its start time, then the station's district and name.
        // The shift log on screen (not the overview's band, which counts open alarms too), with an open row.
        func openRow(_ screen: String) -> Substring? {
            guard screen.contains("shift since") else { return nil }
            return screen.split(separator: "\n").first { $0.contains(" open ") && !$0.contains("alarms:") }
        }
        let alarms = try tmux.waitUntil("an open alarm in the shift log", timeout: 90) { openRow($0) != nil }
        let row = try #require(openRow(alarms), "\(alarms)")
        try tmux.sendKeys("Enter")
        let station = try tmux.waitUntil("the alarm's station screen", timeout: 20) { $0.contains("Latest values") && $0.contains("Station alarms") }
        let breadcrumb = station.split(separator: "\n").dropFirst().first.map(String.init) ?? ""
        #expect(breadcrumb.contains("Overview › Alarms › "))
        let name = breadcrumb.components(separatedBy: "Alarms › ").last!.trimmingCharacters(in: .whitespaces)
        #expect(row.contains(name), "row: \(row), station: \(name)")
        try tmux.sendKeys("q")
        #expect(try tmux.waitForExit() == 0)
    }
}
