import Foundation
import Testing

/// Without colour (NO_COLOR), the real binary's snapshot still tells done from done late.
@Suite struct StatusGlyphSnapshotTests {
    @Test(arguments: ["en", "zh"])
    func aNoColorSnapshotTellsDoneFromDoneLate(_ language: String) throws {
        let binary = try #require(EcoWatchBinary.url(), "build the executable first (swift build)")
        let root = try #require(EcoWatchBinary.packageRoot())
        let db = FileManager.default.temporaryDirectory.appendingPathComponent("ecowatch-glyphs-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) } }
        let process = Process()
        process.executableURL = binary
        process.arguments = ["snapshot", "--view", "tasks", "--db", db, "--data", root.appendingPathComponent("sample-data").path,
                             "--as-of", "2026-11-29", "--lang", language, "--size", "140x40"]
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let rows = text.split(separator: "\n").map(String.init)
        let done = try #require(rows.first { $0.contains("R01") })      // signed by its deadline
        let late = try #require(rows.first { $0.contains("R04") })      // signed after it
        #expect(done.contains(language == "zh" ? "● 已销号" : "● done"))
        #expect(late.contains(language == "zh" ? "◐ 逾期销号" : "◐ done late"))
        #expect(!text.contains("\u{1B}["), "escape sequences in a snapshot")
    }
}
