/// Why the database cannot be used; each says what to do about it.
public enum StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file exists but is not an SQLite database (or is damaged).
    case notSQLite(path: String)
    /// An SQLite database, but not one EcoWatch made.
    case notEcoWatch(path: String)
    /// Written by a newer EcoWatch whose schema this binary does not know.
    case newerSchema(path: String, unknown: [String])
    /// The path names a folder, a device or another file that is not a regular file.
    case notAFile(path: String, kind: String)
    /// The folder the file would be in does not exist (nothing is created).
    case noFolder(path: String, folder: String)
    /// Another process holds the database locked beyond the retry time.
    case locked(path: String)
    /// The disk (or the file system's quota) is full.
    case diskFull(path: String)
    /// Anything else SQLite reported.
    case sqlite(path: String, message: String)
    /// A database server that cannot be reached now (down, wrong host or port, no answer):
    /// worth retrying. `location` never holds a password.
    case unreachable(location: String, message: String)
    /// A database server that refused (the login, a missing database, a permission) or failed.
    case server(location: String, message: String)
    /// A server database that holds another application's tables.
    case foreignDatabase(location: String)
    /// A stored row that cannot be read back into the model (a value no version wrote).
    case unreadableRow(location: String, table: String, detail: String)
    /// A bulk load into a database that holds readings already.
    case holdsReadings(location: String)

    public var description: String {
        switch self {
        case .notSQLite(let path):
            "\(path): not an SQLite database (or a damaged one); it was left untouched — give --db a new file name"
        case .notEcoWatch(let path):
            "\(path): an SQLite database, but not an EcoWatch one; it was left untouched — give --db a new file name"
        case .newerSchema(let path, let unknown):
            "\(path): written by a newer EcoWatch (schema \(unknown.joined(separator: ", "))); upgrade ecowatch to use it"
        case .notAFile(let path, let kind):
            "\(path): \(kind), not a database file; give --db the path of a file (new or an EcoWatch database)"
        case .noFolder(let path, let folder):
            "\(path): the folder \(folder) does not exist; nothing was created — create it first or give --db a path in an existing folder"
        case .locked(let path):
            "\(path): locked by another writer; gave up after retrying — try again when it finishes"
        case .diskFull(let path):
            "\(path): the disk is full; nothing more can be stored until space is freed"
        case .sqlite(let path, let message):
            "\(path): \(message)"
        case .unreachable(let location, let message):
            "\(location): cannot reach the database server (\(message)); is it running, and are host and port right?"
        case .server(let location, let message):
            "\(location): \(message)"
        case .foreignDatabase(let location):
            "\(location): a database of another application (it has tables but no EcoWatch marker); it was left untouched — give --db an empty database or an EcoWatch one"
        case .unreadableRow(let location, let table, let detail):
            "\(location): a row of \(table) cannot be read back (\(detail)); the database was written by something else or is damaged"
        case .holdsReadings(let location):
            "\(location): holds readings already; a bulk load needs a database without any — give a new one, or replace them (generate --force)"
        }
    }
}
