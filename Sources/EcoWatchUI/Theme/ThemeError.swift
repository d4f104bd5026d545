import EcoWatchCore

/// Why a theme could not be used: the file and line when the problem is in one.
public struct ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The theme file, when the error is in one.
    public var file: String?
    /// The 1-based line, when known.
    public var line: Int?
    /// The 1-based column, when known (characters; bytes for invalid UTF-8).
    public var column: Int?
    public var message: String
    /// The offending line, at most `SourceText.quoteLimit` characters.
    public var excerpt: String?

    public init(file: String? = nil, line: Int? = nil, column: Int? = nil, message: String, excerpt: String? = nil) {
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
