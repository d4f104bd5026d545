import Foundation
import Logging
import NIOConcurrencyHelpers
import Testing
import EcoWatchCore
@testable import EcoWatchFeed

/// A database locked by another writer beyond the store's busy timeout: ingest holds the
/// frames unacknowledged, says so once, keeps the connection and acknowledges them as soon as
/// the other writer lets go.
@Suite struct IngestLockedDatabaseTests {
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
    func framesWaitUnacknowledgedWhileAnotherWriterHoldsTheLock() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ecowatch-locked-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store = try SQLiteStore(path: path, busySeconds: 0.2)
        try store.replaceProgramme(IngestServiceTests.programme([IngestServiceTests.air]))
        let log = NIOLockedValueBox<[String]>([])
        let service = IngestService(store: store, stations: [IngestServiceTests.air],
                                    configuration: IngestConfiguration(host: "127.0.0.1", port: 0, alarms: false,
                                                                       storageRetrySeconds: 0.2),
                                    threads: 2, logger: Logger(label: "test") { _ in LineLogHandler { line in log.withLockedValue { $0.append(line) } } })
        try service.start()
        defer { service.stop() }
        let client = try HJ212Client(host: "127.0.0.1", port: service.port)
        try client.send(IngestServiceTests.upload(qn: 1).frame())
        #expect(client.receive(timeout: 5)?.cn == 9014)

        // Another process takes the write lock and keeps it.
        let other = Process()
        other.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        other.arguments = [path]
        let input = Pipe(), output = Pipe()
        other.standardInput = input
        other.standardOutput = output
        try other.run()
        input.fileHandleForWriting.write(Data("BEGIN IMMEDIATE;\nSELECT 'holding';\n".utf8))
        var said = ""
        while !said.contains("holding") {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            said += String(decoding: data, as: UTF8.self)
        }
        try #require(said.contains("holding"))

        for n in 2...4 { try client.send(IngestServiceTests.upload(qn: n).frame()) }
        #expect(client.receive(timeout: 1.5) == nil, "acknowledged while the database was locked")
        #expect(!client.isClosed)
        #expect(log.withLockedValue { $0 }.filter { $0.contains("database locked: not acknowledging") }.count == 1)

        // The other writer lets go: the held frames are stored and acknowledged.
        input.fileHandleForWriting.write(Data("COMMIT;\n.quit\n".utf8))
        other.waitUntilExit()
        var late: Set<String> = []
        while late.count < 3, let reply = client.receive(timeout: 5) { late.insert(reply.qn) }
        #expect(late == Set((2...4).map { IngestServiceTests.upload(qn: $0).qn }))
        #expect(try store.feedCounts().accepted == 4)
        #expect(service.summary.failed == 0)
    }
}
