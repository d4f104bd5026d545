import Foundation

/// Where a PostgreSQL database is: `postgresql://user[:password]@host[:port]/database`
/// (or `postgres://`), with `?sslmode=disable|prefer|require` as the only option.
public struct PostgresAddress: Hashable, Sendable, CustomStringConvertible {
    public enum TLSMode: String, Hashable, Sendable { case disable, prefer, require }

    public let user: String
    public let password: String?
    public let host: String
    public let port: Int
    public let database: String
    public let tls: TLSMode

    public init(user: String, password: String?, host: String, port: Int = 5432, database: String, tls: TLSMode = .prefer) {
        self.user = user
        self.password = password
        self.host = host
        self.port = port
        self.database = database
        self.tls = tls
    }

    /// True when `text` is meant as a URL of any kind (`scheme://…`): such a text is never a file path.
    public static func looksLikeURL(_ text: String) -> Bool {
        guard let range = text.range(of: "://") else { return false }
        let scheme = text[..<range.lowerBound]
        return !scheme.isEmpty && scheme.allSatisfy { $0.isLetter || $0.isNumber || "+-.".contains($0) }
            && scheme.first!.isLetter
    }

    /// Parses a `postgresql://` or `postgres://` URL; the error says what is wrong, without the password.
    public init(url text: String) throws(PostgresAddressError) {
        guard let schemeEnd = text.range(of: "://") else { throw PostgresAddressError(text: text, problem: "it is not a URL") }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "postgresql" || scheme == "postgres" else {
            throw PostgresAddressError(text: text, problem: "\(scheme):// is not a database EcoWatch can use; give a file path or a postgresql:// URL")
        }
        guard let components = URLComponents(string: text) else {
            throw PostgresAddressError(text: text, problem: "it is not a well-formed URL (characters such as @ : / # ? in the password must be written %40 %3A %2F %23 %3F)")
        }
        guard let user = components.user, !user.isEmpty else {
            throw PostgresAddressError(text: text, problem: "it names no user; expected postgresql://user[:password]@host[:port]/database")
        }
        guard let host = components.host, !host.isEmpty else {
            throw PostgresAddressError(text: text, problem: "it names no host; expected postgresql://user[:password]@host[:port]/database")
        }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else {
            throw PostgresAddressError(text: text, problem: "port \(port) is not from 1 to 65535")
        }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        guard !path.isEmpty, !path.contains("/") else {
            throw PostgresAddressError(text: text, problem: "it names no database (or more than one path part); expected postgresql://user[:password]@host[:port]/database")
        }
        var tls = TLSMode.prefer
        for item in components.queryItems ?? [] {
            guard item.name == "sslmode", let mode = item.value.flatMap(TLSMode.init(rawValue:)) else {
                throw PostgresAddressError(text: text, problem: "option \(item.name)=\(item.value ?? "") is not known; the only option is sslmode=disable|prefer|require")
            }
            tls = mode
        }
        self.init(user: user, password: components.password, host: host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host,
                  port: port, database: path, tls: tls)
    }

    /// The address for messages: never the password.
    public var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "postgresql://\(user)@\(shownHost):\(port)/\(database)"
    }
}

/// A `--db` URL that cannot be used.
public struct PostgresAddressError: Error, Hashable, Sendable, CustomStringConvertible {
    public let shown: String
    public let problem: String

    init(text: String, problem: String) {
        shown = Self.hidingPassword(text)
        self.problem = problem
    }

    public var description: String { "--db \(shown): \(problem)" }

    /// `scheme://user:secret@host…` with the password replaced by `***`.
    static func hidingPassword(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://") else { return text }
        let rest = text[schemeEnd.upperBound...]
        guard let at = rest.lastIndex(of: "@") else { return text }
        let credentials = rest[..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return text }
        return String(text[..<schemeEnd.upperBound]) + credentials[..<colon] + ":***" + rest[at...]
    }
}
