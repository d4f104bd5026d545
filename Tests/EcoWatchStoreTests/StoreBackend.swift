import EcoWatchCore
import EcoWatchPostgres
import Foundation
import GRDB
import PostgresTestSupport
import Testing

/// The back ends the contract suite runs against: every contract test takes one as its argument.
enum StoreBackend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgresql

    var testDescription: String { rawValue }

    /// A fresh, empty database of this back end: a temporary file, or a new database on the
    /// test process's private PostgreSQL server.
    func makeDatabase() throws -> TestDatabase {
        switch self {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("ecowatch-\(UUID().uuidString).sqlite").path
            return TestDatabase(backend: self, location: path)
        case .postgresql:
            return TestDatabase(backend: self, location: try PostgresTestServer.shared().makeDatabase().url)
        }
    }
}

/// One test's database; `open()` gives a new store (a new connection) on it each time.
struct TestDatabase: Sendable {
    let backend: StoreBackend
    /// The file path or the `postgresql://` URL.
    let location: String

    func open() throws -> any EcoWatchStore {
        switch backend {
        case .sqlite: try SQLiteStore(path: location)
        case .postgresql: try PostgresStore(address: PostgresAddress(url: location))
        }
    }

    /// Runs `sql` on the database behind the store's back (to plant what no version writes).
    func execute(_ sql: String) throws {
        switch backend {
        case .sqlite:
            let queue = try DatabaseQueue(path: location)
            try queue.write { db in try db.execute(sql: sql) }
            try queue.close()
        case .postgresql:
            _ = try PostgresTestServer.shared().psql(sql, database: String(location.split(separator: "/").last ?? ""))
        }
    }

    func remove() {
        if backend == .sqlite {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: location + suffix) }
        }
    }
}

/// The bundled sample data set (the real one, not a fixture).
enum SampleData {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("sample-data")

    static func programme() throws -> Programme {
        try DataSetLoader.load(directory: directory, displayPath: "sample-data")
    }
}

/// Waits for `condition` to hold, checking every 20 ms, at most `seconds`.
func eventually(seconds: Double = 10, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try condition() { return true }
        Thread.sleep(forTimeInterval: 0.02)
    }
    return try condition()
}
