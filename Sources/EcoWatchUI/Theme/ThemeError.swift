/// Why a theme could not be found or loaded, said as one line naming the file and line:
/// `themes/light.toml:7: bad colour "#GGG000" for slot "accent" (expected #RRGGBB or default)`.
public struct ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The theme file, when the error is in one.
    public var file: String?
    /// The 1-based line, when known.
    public var line: Int?
    public var message: String

    public init(file: String? = nil, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        switch (file, line) {
        case let (file?, line?): "\(file):\(line): \(message)"
        case let (file?, nil): "\(file): \(message)"
        default: message
        }
    }
}
