/// Why a data set could not be imported: the file, the line, and what was expected there.
public struct ImportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file's path as the user gave it (e.g. `sample-data/tasks.toml`).
    public let file: String
    /// 1-based line, or nil when the problem concerns the whole file.
    public let line: Int?
    /// 1-based column when known: characters for a syntax error, bytes for invalid UTF-8.
    public let column: Int?
    public let message: String
    /// The offending line, at most `SourceText.quoteLimit` characters.
    public let excerpt: String?

    public init(file: String, line: Int?, column: Int? = nil, message: String, excerpt: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.excerpt = excerpt
    }

    /// `file:line[:column]: message | the line quoted`.
    public var description: String {
        describeSourceProblem(file: file, line: line, column: column, message: message, excerpt: excerpt)
    }
}

extension SourceText {
    /// Reads a data file's bytes, naming `file`, the line and the byte column if they are not UTF-8.
    public static func decode(_ bytes: [UInt8], file: String) throws(ImportError) -> SourceText {
        do {
            return try SourceText(bytes: bytes)
        } catch {
            throw ImportError(file: file, line: error.line, column: error.byteColumn, message: error.message,
                              excerpt: error.excerpt)
        }
    }

    /// An error at `line` of `file`, quoting that line.
    public func error(file: String, line: Int?, column: Int? = nil, _ message: String) -> ImportError {
        ImportError(file: file, line: line, column: column, message: message, excerpt: line.flatMap { quote(line: $0) })
    }
}
