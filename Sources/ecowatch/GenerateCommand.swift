import ArgumentParser
import Foundation
import EcoWatchCore
import EcoWatchPostgres

/// `ecowatch generate`: a large, realistic history for measuring the console at city scale.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Build a large, realistic station history in a new database (for performance work).",
        discussion: """
            Registers the sample programme plus N synthetic stations spread over the districts, and \
            writes every station's readings (all its codes) every INTERVAL for the last Y years, with \
            daily and seasonal shapes, episodes and a few non-N flags; then the roll-ups and indexes. \
            The journal is off while it runs: an interrupted run leaves a file to delete.
            """)

    @Option(name: .long, help: ArgumentHelp("Synthetic stations to add to the sample programme's.", valueName: "N"))
    var stations: Int = 500

    @Option(name: .long, help: ArgumentHelp("Years of history, ending now.", valueName: "Y"))
    var years: Int = 7

    @Option(name: .long, help: ArgumentHelp("Time between readings: a whole number of s, m, h or d, e.g. 1h, 15m, 1d.", valueName: "interval"),
            transform: parseInterval)
    var interval: Int64 = 3600

    @Option(name: .long, help: ArgumentHelp("The database file to create.", valueName: "path"))
    var db: String

    @Option(name: .long, help: ArgumentHelp("The data set folder (default: ./sample-data).", valueName: "dir"))
    var data: String?

    @Option(name: .long, help: ArgumentHelp("Random seed: the same seed gives the same history.", valueName: "S"))
    var seed: UInt64 = 2021

    @Flag(name: .long, help: "Replace an existing EcoWatch database at --db.")
    var force = false

    func validate() throws {
        do { try GenerationOptions.check(stations: stations, years: years) } catch { throw ValidationError(error.description) }
        if db.isEmpty { throw ValidationError("--db needs a file path") }
        if PostgresAddress.looksLikeURL(db) {
            throw ValidationError("--db \(db.split(separator: "@").last ?? ""): generate writes a new SQLite file only; give a file path")
        }
    }

    func run() throws {
        let fileManager = FileManager.default
        // A folder, a device or a missing folder is refused before anything else.
        _ = try SQLiteStore.checkPath(db)
        let size = (try? fileManager.attributesOfItem(atPath: db)[.size] as? Int) ?? 0
        if size > 0 {
            guard force else {
                throw CommandFailure("--db \(db) already exists and is not empty; choose a new path or add --force to replace it")
            }
            // Only an EcoWatch database is replaced: opening refuses any other file.
            _ = try SQLiteStore(path: db)
            for suffix in ["", "-wal", "-shm"] where fileManager.fileExists(atPath: db + suffix) {
                try fileManager.removeItem(atPath: db + suffix)
            }
        }
        let directory = try Locations.dataDirectory(data)
        var programme = try DataSetLoader.load(directory: URL(fileURLWithPath: directory), displayPath: directory)
        let plan = GenerationPlan(syntheticStations: stations, end: Int64(Date().timeIntervalSince1970),
                                  span: Int64(years) * 31_557_600, interval: interval, seed: seed)
        programme.stations += HistoryGenerator.syntheticStations(count: stations, programme: programme, interval: interval)
        do {
            // Closed again before the generator opens the file with its own settings.
            let store = try SQLiteStore(path: db)
            try store.replaceProgramme(programme)
        }
        let bar = ProgressBar(isTerminal: isatty(STDERR_FILENO) == 1)
        let summary = try HistoryGenerator.generate(path: db, stations: programme.stations, plan: plan) { bar.show($0) }
        let bytes = (try? fileManager.attributesOfItem(atPath: db)[.size] as? Int) ?? 0
        print("Generated \(db): \(summary.stations) stations, \(summary.readings) readings "
              + "in \(String(format: "%.1f", summary.seconds)) s, \(bytes / 1_048_576) MiB.")
    }
}

/// Parses `15m`, `1h`, `1d`, `30s` into seconds.
func parseInterval(_ text: String) throws -> Int64 {
    do { return try GenerationOptions.interval(text) } catch { throw ValidationError(error.description) }
}

/// Progress on stderr: a bar redrawn in place on a terminal, a plain line every few seconds otherwise.
final class ProgressBar {
    private let isTerminal: Bool
    private var lastLine = -10.0

    init(isTerminal: Bool) { self.isTerminal = isTerminal }

    func show(_ p: GenerationProgress) {
        let text: String
        switch p.phase {
        case .readings:
            if !isTerminal, p.elapsed - lastLine < 5 { return }
            lastLine = p.elapsed
            let fraction = p.rowsTotal > 0 ? Double(p.rowsDone) / Double(p.rowsTotal) : 1
            let rate = p.elapsed > 0 ? Double(p.rowsDone) / p.elapsed : 0
            let eta = rate > 0 ? Double(p.rowsTotal - p.rowsDone) / rate : 0
            let filled = Int(fraction * 30)
            let bar = isTerminal ? "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: 30 - filled) + "] " : ""
            text = bar + String(format: "%5.1f%%  %d/%d readings  %.0f rows/s  ETA %@", fraction * 100, p.rowsDone, p.rowsTotal,
                                rate, Self.duration(eta))
        case .indexes:
            text = "readings and roll-ups written in \(Self.duration(p.elapsed)); building the reading index…"
        case .done:
            text = "done in \(Self.duration(p.elapsed))"
        }
        let line = isTerminal ? "\r\u{1B}[K" + text + (p.phase == .readings ? "" : "\n") : text + "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? "\(s / 3600)h\(String(format: "%02d", s / 60 % 60))m" : "\(s / 60)m\(String(format: "%02d", s % 60))s"
    }
}
