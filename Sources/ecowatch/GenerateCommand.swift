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
            daily and seasonal shapes, episodes and a few non-N flags, with their roll-ups, through the \
            store's bulk load. On SQLite the journal is off while it runs (a failed run deletes the file; \
            an interrupted one leaves a file to delete). On PostgreSQL each chunk is one transaction \
            (an interrupted run leaves the chunks loaded so far; --force starts again).
            """)

    @Option(name: .long, help: ArgumentHelp("Synthetic stations to add to the sample programme's.", valueName: "N"))
    var stations: Int = 500

    @Option(name: .long, help: ArgumentHelp("Years of history, ending now.", valueName: "Y"))
    var years: Int = 7

    @Option(name: .long, help: ArgumentHelp("Time between readings: a whole number of s, m, h or d, e.g. 1h, 15m, 1d.", valueName: "interval"),
            transform: parseInterval)
    var interval: Int64 = 3600

    @Option(name: .long, help: ArgumentHelp(
        "The database to fill: a new file, or postgresql://user[:password]@host[:port]/database (an empty database).",
        valueName: "path|url"))
    var db: String

    @Option(name: .long, help: ArgumentHelp("The data set folder (default: ./sample-data).", valueName: "dir"))
    var data: String?

    @Option(name: .long, help: ArgumentHelp("Random seed: the same seed gives the same history.", valueName: "S"))
    var seed: UInt64 = 2021

    @Flag(name: .long, help: "Replace an existing EcoWatch database at --db (a file, or a PostgreSQL database's contents).")
    var force = false

    func validate() throws {
        do { try GenerationOptions.check(stations: stations, years: years) } catch { throw ValidationError(error.description) }
        if db.isEmpty { throw ValidationError("--db needs a file path or a postgresql:// URL") }
    }

    func run() throws {
        let location = try DatabaseLocation(db)
        if case .file(let path) = location { try prepareFile(path) }
        let directory = try Locations.dataDirectory(data)
        var programme = try DataSetLoader.load(directory: URL(fileURLWithPath: directory), displayPath: directory)
        let plan = GenerationPlan(syntheticStations: stations, end: Int64(Date().timeIntervalSince1970),
                                  span: Int64(years) * 31_557_600, interval: interval, seed: seed)
        programme.stations += HistoryGenerator.syntheticStations(count: stations, programme: programme, interval: interval)
        let store = try location.open()
        if case .postgres = location, !force, try !store.isEmpty() {
            throw CommandFailure("--db \(location): already holds an EcoWatch database; give an empty database (createdb) or add --force to replace its contents")
        }
        let bar = ProgressBar(isTerminal: isatty(STDERR_FILENO) == 1)
        let summary: GenerationSummary
        do {
            try store.replaceProgramme(programme)
            summary = try HistoryGenerator.generate(into: store, stations: programme.stations, plan: plan, replacing: force) { bar.show($0) }
        } catch {
            // A new file half filled with the journal off is of no use: it goes.
            if case .file(let path) = location { removeFile(path) }
            throw error
        }
        var size = ""
        if case .file(let path) = location, let bytes = try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int {
            size = ", \(bytes / 1_048_576) MiB"
        }
        print("Generated \(location): \(summary.stations) stations, \(summary.readings) readings "
              + "in \(String(format: "%.1f", summary.seconds)) s\(size).")
    }

    /// Refuses a folder, a device, a missing folder, and a file that is not empty (unless
    /// `--force`, which removes an EcoWatch database, and only that, first).
    private func prepareFile(_ path: String) throws {
        _ = try SQLiteStore.checkPath(path)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size > 0 else { return }
        guard force else {
            throw CommandFailure("--db \(path) already exists and is not empty; choose a new path or add --force to replace it")
        }
        // Only an EcoWatch database is replaced: opening refuses any other file.
        _ = try SQLiteStore(path: path)
        removeFile(path)
    }

    private func removeFile(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
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
