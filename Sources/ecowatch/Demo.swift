import Foundation
import EcoWatchCore
import Logging
import EcoWatchFeed

/// `ecowatch --demo`: an ingest service and the simulator in-process on a temporary database,
/// so the console moves with no setup. The service logs to a file beside the database (the
/// terminal belongs to the console).
final class Demo {
    let store: SQLiteStore
    let path: String
    private let service: IngestService
    private let simulator: StationSimulator
    private let finished = DispatchSemaphore(value: 0)

    /// Creates the database from the data set, starts the service on a free loopback port and
    /// the simulator against it.
    init(dataOption: String?) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("ecowatch-demo-\(UUID().uuidString).sqlite").path
        store = try SQLiteStore(path: path)
        let directory = try Locations.dataDirectory(dataOption)
        let programme = try DataSetLoader.load(directory: URL(fileURLWithPath: directory), displayPath: directory)
        try store.replaceProgramme(programme)
        FileManager.default.createFile(atPath: path + ".log", contents: nil)
        let logFile = FileHandle(forWritingAtPath: path + ".log")
        let log: @Sendable (String) -> Void = { line in logFile?.write(Data((line + "\n").utf8)) }
        service = IngestService(store: store, stations: programme.stations,
                                configuration: IngestConfiguration(host: "127.0.0.1", port: 0, alarmRaiseAfter: 15, alarmClearAfter: 30), threads: 1,
                                logger: Logger(label: "ecowatch.demo") { _ in LineLogHandler(write: log) })
        try service.start()
        // About one frame per station per second: the panes move on every refresh.
        simulator = StationSimulator(stations: programme.stations,
                                     options: .init(host: "127.0.0.1", port: service.port,
                                                    rate: Double(max(1, programme.stations.count)), duration: nil),
                                     log: log)
        let simulator = self.simulator, finished = self.finished
        Thread.detachNewThread {
            simulator.run()
            finished.signal()
        }
    }

    /// Stops the simulator, then the service (which commits what has arrived), and removes the
    /// temporary database.
    func stop() {
        simulator.stop()
        _ = finished.wait(timeout: .now() + 3)
        service.stop()
        for suffix in ["", "-wal", "-shm", ".log"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
