import Foundation
import Testing

/// Read-only commands open the database read-only: many at once, beside a writer that holds
/// the write lock, all succeed and none writes.
@Suite(.serialized) struct ConcurrentReadersTests {
    func run(_ binary: URL, _ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        try process.run()
        return process
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3"), "needs the sqlite3 shell"))
    func sixteenReadersAtOnceBesideAWriterAllSucceed() throws {
        let binary = try #require(EcoWatchBinary.url(), "build the executable first (swift build)")
        let root = try #require(EcoWatchBinary.packageRoot())
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecowatch-readers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("ecowatch.sqlite").path
        let fill = try run(binary, ["import", "--db", db, "--data", root.appendingPathComponent("sample-data").path])
        fill.waitUntilExit()
        try #require(fill.terminationStatus == 0)

        // A writer takes the write lock and keeps it, a change uncommitted.
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        writer.arguments = [db]
        let input = Pipe(), said = Pipe()
        writer.standardInput = input
        writer.standardOutput = said
        try writer.run()
        defer { writer.terminate() }
        input.fileHandleForWriting.write(Data("BEGIN IMMEDIATE;\nDELETE FROM feed_count;\nSELECT 'holding';\n".utf8))
        var text = ""
        while !text.contains("holding") {
            let data = said.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
        }
        try #require(text.contains("holding"))
        let before = try Data(contentsOf: URL(fileURLWithPath: db))

        for round in 1...3 {
            let readers = try (0..<16).map { i in
                try run(binary, ["report", i % 2 == 0 ? "indicators" : "overdue", "--db", db, "--as-of", "2023-01-15",
                                 "--format", "json"])
            }
            var failures: [String] = []
            for reader in readers {
                let output = (reader.standardOutput as! Pipe).fileHandleForReading.readDataToEndOfFile()
                let errors = (reader.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile()
                reader.waitUntilExit()
                if reader.terminationStatus != 0 || output.isEmpty {
                    failures.append("exit \(reader.terminationStatus): " + String(decoding: errors, as: UTF8.self))
                }
            }
            #expect(failures.isEmpty, "round \(round): \(failures)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before, "a reader wrote to the database")
        input.fileHandleForWriting.write(Data("ROLLBACK;\n.quit\n".utf8))
        writer.waitUntilExit()
    }
}
