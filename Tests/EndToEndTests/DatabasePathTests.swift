import Foundation
import Testing

/// `--db` naming what cannot be a database, for every command of the real binary: one clear
/// line on stderr, a non-zero exit, nothing created; a foreign SQLite file is never opened, so
/// it gets no `-wal` or `-shm` beside it.
@Suite struct DatabasePathTests {
    static let commands: [[String]] = [
        [], ["snapshot", "--view", "overview"], ["report", "feed"], ["report", "tasks"], ["import"],
        ["ingest", "--listen", "127.0.0.1:0"], ["simulate", "--duration", "1"], ["generate", "--stations", "1", "--years", "1"],
    ]

    struct Run { let status: Int32; let stderr: String }

    static func run(_ arguments: [String], in folder: URL) throws -> Run {
        let process = Process()
        process.executableURL = try #require(EcoWatchBinary.url())
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stderr: String(decoding: data, as: UTF8.self))
    }

    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ecowatch-dbpath-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func listing(_ folder: URL) throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: folder.path).sorted()
    }

    @Test(.enabled(if: EcoWatchBinary.url() != nil))
    func aFolderADeviceOrAMissingFolderIsOneLineAndNothingCreated() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("a-folder"), withIntermediateDirectories: true)
        let sampleData = try #require(EcoWatchBinary.packageRoot()).appendingPathComponent("sample-data").path
        let cases: [(db: String, says: String)] = [
            ("a-folder", "a-folder: a folder, not a database file"),
            ("/dev/null", "/dev/null: a device, not a database file"),
            ("missing/ecowatch.sqlite", "the folder missing does not exist; nothing was created"),
        ]
        for command in Self.commands {
            for (db, says) in cases {
                let run = try Self.run(command + ["--db", db, "--data", sampleData], in: root)
                let lines = run.stderr.split(separator: "\n")
                #expect(run.status != 0, "\(command) --db \(db)")
                #expect(lines.count == 1 && run.stderr.contains(says), "\(command) --db \(db): \(run.stderr)")
                #expect(!run.stderr.contains("Fatal") && !run.stderr.contains("backtrace"))
            }
        }
        #expect(try Self.listing(root) == ["a-folder"], "nothing created beside or inside")
    }

    @Test(.enabled(if: EcoWatchBinary.url() != nil && FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")),
          arguments: ["DELETE", "WAL"])
    func aForeignSQLiteFileIsRefusedUntouchedWithoutWALFiles(journal: String) throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("notes.db").path
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [path, "PRAGMA journal_mode = \(journal); CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep');"]
        sqlite.standardOutput = FileHandle.nullDevice
        try sqlite.run()
        sqlite.waitUntilExit()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        for command in Self.commands {
            // `generate` refuses any existing file unless told to replace it; even then, only an EcoWatch one.
            let run = try Self.run(command + ["--db", path] + (command.first == "generate" ? ["--force"] : []), in: root)
            #expect(run.status != 0)
            #expect(run.stderr.contains("not an EcoWatch one"), "\(command): \(run.stderr)")
            #expect(try Self.listing(root) == ["notes.db"], "\(command)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }
}
