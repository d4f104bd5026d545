/// A data file's bytes decoded strictly as UTF-8, able to quote any of its lines in an error.
///
/// Every file the console reads (the data set's CSV and TOML, the theme files) goes through
/// here, so every error about one names the file and line the same way and never echoes more
/// than `SourceText.quoteLimit` characters of a line, however long the line is.
public struct SourceText: Sendable {
    /// The most characters of a line an error quotes.
    public static let quoteLimit = 80

    public let text: String
    private let bytes: [UInt8]
    /// Byte offset of each line's start (line 1 at index 0).
    private let lineStarts: [Int]

    /// Where the bytes stop being UTF-8.
    public struct InvalidUTF8: Error, Hashable, Sendable {
        /// 1-based line of the first invalid byte.
        public let line: Int
        /// 1-based byte (not character) column of that byte on its line.
        public let byteColumn: Int
        /// The invalid byte.
        public let byte: UInt8
        /// The start of the line, invalid bytes shown as U+FFFD, at most `quoteLimit` characters.
        public let excerpt: String

        /// `invalid UTF-8: byte 0xFF at byte column 7 (save the file as UTF-8)`.
        public var message: String {
            "invalid UTF-8: byte 0x" + hex(byte) + " at byte column \(byteColumn) (save the file as UTF-8)"
        }
    }

    /// Decodes `bytes`; a leading byte-order mark is kept (the parsers skip it).
    ///
    /// - Throws: `InvalidUTF8` at the first byte that is not part of a well-formed sequence.
    public init(bytes: [UInt8]) throws(InvalidUTF8) {
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") { starts.append(i + 1) }
        self.bytes = bytes
        self.lineStarts = starts
        if let bad = SourceText.firstInvalidByte(bytes) {
            let line = SourceText.lineIndex(of: bad, in: starts)
            let start = starts[line]
            let end = SourceText.lineEnd(from: start, in: bytes)
            throw InvalidUTF8(line: line + 1, byteColumn: bad - start + 1, byte: bytes[bad],
                              excerpt: SourceText.clip(String(decoding: bytes[start..<end], as: UTF8.self)))
        }
        self.text = String(decoding: bytes, as: UTF8.self)
    }

    /// Wraps text already known to be UTF-8 (tests, and text built in memory).
    public init(_ text: String) {
        // A Swift string is always valid UTF-8.
        try! self.init(bytes: Array(text.utf8))
    }

    /// Line `number` (1-based) cut to `quoteLimit` characters (ending in `…` when cut), without
    /// its line break; nil when the file has no such line.
    public func quote(line number: Int) -> String? {
        guard number >= 1, number <= lineStarts.count else { return nil }
        let start = lineStarts[number - 1]
        // Look at no more bytes than the quote can use (4 per character at most).
        let end = min(SourceText.lineEnd(from: start, in: bytes), start + 4 * (SourceText.quoteLimit + 1))
        return SourceText.clip(String(decoding: bytes[start..<end], as: UTF8.self))
    }

    /// `text` cut to `quoteLimit` characters, ending in `…` when cut, with no line break or
    /// trailing carriage return.
    public static func clip(_ text: some StringProtocol, limit: Int = quoteLimit) -> String {
        var result = ""
        var count = 0
        for character in text {
            if character == "\n" || character == "\r\n" { break }
            if count == limit { return result + "…" }
            result.append(character)
            count += 1
        }
        if result.hasSuffix("\r") { result.removeLast() }
        return result
    }

    /// A value from a file as an error shows it: in quotes, at most 40 characters.
    public static func quoted(_ value: some StringProtocol) -> String {
        "\"" + clip(value, limit: 40) + "\""
    }

    private static func lineIndex(of offset: Int, in starts: [Int]) -> Int {
        var low = 0, high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    private static func lineEnd(from start: Int, in bytes: [UInt8]) -> Int {
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
        return end
    }

    /// The offset of the first byte that does not belong to a well-formed UTF-8 sequence
    /// (overlong forms, surrogates and values past U+10FFFF included), or nil.
    static func firstInvalidByte(_ bytes: [UInt8]) -> Int? {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length: Int, low: UInt8, high: UInt8
            switch b {
            case 0xC2...0xDF: (length, low, high) = (2, 0x80, 0xBF)
            case 0xE0: (length, low, high) = (3, 0xA0, 0xBF)
            case 0xE1...0xEC, 0xEE...0xEF: (length, low, high) = (3, 0x80, 0xBF)
            case 0xED: (length, low, high) = (3, 0x80, 0x9F)
            case 0xF0: (length, low, high) = (4, 0x90, 0xBF)
            case 0xF1...0xF3: (length, low, high) = (4, 0x80, 0xBF)
            case 0xF4: (length, low, high) = (4, 0x80, 0x8F)
            default: return i
            }
            for k in 1..<length {
                // A sequence cut short or broken is reported at its first byte.
                guard i + k < bytes.count else { return i }
                let c = bytes[i + k]
                let (lo, hi) = k == 1 ? (low, high) : (UInt8(0x80), UInt8(0xBF))
                guard c >= lo, c <= hi else { return i }
            }
            i += length
        }
        return nil
    }
}

private func hex(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16, uppercase: true)
    return digits.count == 1 ? "0" + digits : digits
}

/// Where in a file a problem is, and the line quoted: the one way errors about data files read.
///
/// `file:line:column: message | quoted line`, the parts that are unknown left out.
public func describeSourceProblem(file: String?, line: Int?, column: Int?, message: String, excerpt: String?) -> String {
    var location = file ?? ""
    if let line {
        location += (location.isEmpty ? "line " : ":") + String(line)
        if let column { location += ":" + String(column) }
    }
    let text = location.isEmpty ? message : location + ": " + message
    guard let excerpt, !excerpt.isEmpty else { return text }
    return text + " | " + excerpt
}
