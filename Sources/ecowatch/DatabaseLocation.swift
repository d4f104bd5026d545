import EcoWatchCore
import EcoWatchPostgres

/// Where `--db` (else `ECOWATCH_DB`, else the default file) points: an SQLite file, or a
/// database on a PostgreSQL server. Any `scheme://…` text is a URL, never a file name.
enum DatabaseLocation: CustomStringConvertible {
    case file(String)
    case postgres(PostgresAddress)

    init(_ text: String) throws {
        if PostgresAddress.looksLikeURL(text) {
            do { self = .postgres(try PostgresAddress(url: text)) } catch { throw CommandFailure(error.description) }
        } else {
            self = .file(text)
        }
    }

    /// The path or the URL without its password, for messages.
    var description: String {
        switch self {
        case .file(let path): path
        case .postgres(let address): address.description
        }
    }

    /// Opens (creating the schema when the database is new) the store there.
    func open() throws -> any EcoWatchStore & ProgrammeProbe {
        switch self {
        case .file(let path): try SQLiteStore(path: path)
        case .postgres(let address): try PostgresStore(address: address)
        }
    }
}

/// Whether a store holds a programme yet (a new database is filled from the data set).
protocol ProgrammeProbe {
    func isEmpty() throws -> Bool
}

extension SQLiteStore: ProgrammeProbe {}
extension PostgresStore: ProgrammeProbe {}
