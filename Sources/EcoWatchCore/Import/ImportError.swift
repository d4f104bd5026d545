/// Why a data set could not be imported: the file, the line, and what was expected there.
public struct ImportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file's path as the user gave it (e.g. `sample-data/tasks.toml`).
    public let file: String
    /// 1-based line, or nil when the problem concerns the whole file.
    public let line: Int?
    public let message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`.
    public var description: String {
        if let line { "\(file):\(line): \(message)" } else { "\(file): \(message)" }
    }
}
