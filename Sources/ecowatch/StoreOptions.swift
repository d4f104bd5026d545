import ArgumentParser
import Foundation
import EcoWatchCore
import EcoWatchPostgres

/// `--db` and `--data`, shared by every command that reads the database.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The database: a file, or postgresql://user[:password]@host[:port]/database (default: $ECOWATCH_DB, else $XDG_DATA_HOME/ecowatch/ecowatch.sqlite).",
        valueName: "path|url"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("The data set folder used to fill a new database (default: ./sample-data).", valueName: "dir"))
    var data: String?

    /// Where the database is: `--db`, else `ECOWATCH_DB`, else the default file (its folder
    /// made when missing).
    func location() throws -> DatabaseLocation {
        let text = Locations.database(db)
        return PostgresAddress.looksLikeURL(text) ? try DatabaseLocation(text) : .file(try Locations.preparedDatabase(db))
    }

    /// Opens the database, creating and filling it from the data set on first use.
    func open() throws -> any EcoWatchStore {
        let location = try location()
        let store = try location.open()
        if try store.isEmpty() {
            let directory = try Locations.dataDirectory(data)
            FileHandle.standardError.write(Data("ecowatch: filling the new database \(location) from \(directory)\n".utf8))
            let programme = try DataSetLoader.load(directory: URL(fileURLWithPath: directory), displayPath: directory)
            try store.replaceProgramme(programme)
        }
        return store
    }

    /// Opens the database for a command that only reads (reports, snapshots): read-only, so
    /// that any number of them run beside each other and beside the writer. A database that does
    /// not exist yet, or is empty, is created and filled first, as `open()` does.
    /// A PostgreSQL database is opened as for writing: the server keeps readers and writers apart.
    func openForReading() throws -> any EcoWatchStore {
        guard case .file(let path) = try location() else { return try open() }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if size == 0 { return try open() }
        let store = try SQLiteStore(path: path, readOnly: true)
        return try store.isEmpty() ? try open() : store
    }
}

/// `--as-of` and `--lang`, shared by the commands that evaluate.
struct ViewOptions: ParsableArguments {
    @Option(name: .customLong("as-of"), help: ArgumentHelp("Judge everything as of this day (default: today).", valueName: "YYYY-MM-DD"),
            transform: parseDay)
    var asOf: Day?

    @Option(name: .long, help: ArgumentHelp("Language: zh or en (default: from LANG).", valueName: "zh|en"))
    var lang: Language?

    var day: Day { asOf ?? .today() }
    var language: Language { lang ?? .fromEnvironment(ProcessInfo.processInfo.environment) }
}

func parseDay(_ text: String) throws -> Day {
    guard let day = Day(iso: text) else {
        throw ValidationError("--as-of \"\(text)\" is not a date; expected YYYY-MM-DD, e.g. 2023-01-15")
    }
    return day
}

extension Language: ExpressibleByArgument {}
