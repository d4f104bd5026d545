/// A value read from a TOML document.
public indirect enum TOMLValue: Hashable, Sendable {
    case string(String)
    case integer(Int)
    case float(Double)
    case bool(Bool)
    /// A local date, `YYYY-MM-DD`, as written (already checked to be a real day).
    case date(String)
    case array([TOMLValue])
    case table(TOMLTable)

    public var stringValue: String? {
        if case .string(let value) = self { value } else { nil }
    }

    public var integerValue: Int? {
        if case .integer(let value) = self { value } else { nil }
    }

    /// The number as a `Double`, whether written as a float or as an integer.
    public var doubleValue: Double? {
        switch self {
        case .float(let value): value
        case .integer(let value): Double(value)
        default: nil
        }
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { value } else { nil }
    }

    /// The date's text, `YYYY-MM-DD`.
    public var dateValue: String? {
        if case .date(let value) = self { value } else { nil }
    }

    public var arrayValue: [TOMLValue]? {
        if case .array(let value) = self { value } else { nil }
    }

    public var tableValue: TOMLTable? {
        if case .table(let value) = self { value } else { nil }
    }

    /// What kind of value this is, for error messages: `string`, `integer`, `float`, `boolean`,
    /// `date`, `array` or `table`.
    public var typeName: String {
        switch self {
        case .string: "string"
        case .integer: "integer"
        case .float: "float"
        case .bool: "boolean"
        case .date: "date"
        case .array: "array"
        case .table: "table"
        }
    }
}

/// A TOML table: keys in file order, their values, and the lines they came from.
public struct TOMLTable: Hashable, Sendable {
    /// Keys in file order.
    public private(set) var keys: [String] = []
    private var values: [String: TOMLValue] = [:]
    private var lines: [String: Int] = [:]
    /// 1-based line of the table header (or 1 for the root).
    public private(set) var line: Int

    init(line: Int) {
        self.line = line
    }

    /// The value under `key`, nil when the table has no such key.
    public subscript(key: String) -> TOMLValue? { values[key] }

    /// 1-based line where `key` was defined in this table (for error messages), nil if unknown.
    public func line(of key: String) -> Int? { lines[key] }

    mutating func append(_ key: String, _ value: TOMLValue, line: Int) {
        if values.updateValue(value, forKey: key) == nil { keys.append(key) }
        lines[key] = line
    }
}

/// Why a TOML document could not be read, and where.
public struct TOMLError: Error, Hashable, Sendable, CustomStringConvertible {
    /// 1-based line.
    public let line: Int
    /// 1-based column, counted in Unicode scalars.
    public let column: Int
    public let message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    /// `line L, column C: message`.
    public var description: String { "line \(line), column \(column): \(message)" }
}

/// Reads a TOML document into its root table.
///
/// Supports TOML 1.0 except date-times and times of day (refused with an error saying so):
/// comments; bare, quoted and dotted keys; basic, literal and multi-line strings; decimal, hex,
/// octal and binary integers; floats with `inf` and `nan`; booleans; local dates; arrays;
/// inline tables; `[tables]` and `[[arrays of tables]]`. As in TOML 1.1, inline tables may span
/// lines and end with a comma. Nesting is limited to 64 levels. It never traps: every problem,
/// including a redefined key or table, is a `TOMLError` with the line and column.
public func parseTOML(_ text: String) throws(TOMLError) -> TOMLTable {
    var parser = TOMLParser(bytes: Array(text.utf8))
    return try parser.parseDocument()
}

// MARK: - Building tables

/// How a table under construction came to exist; it decides what may still be added to it.
private enum TableOrigin {
    /// Created on the way to a deeper `[a.b]` header; `[a]` may still define it.
    case implicit
    /// Defined by a `[header]`, as an element of `[[array]]`, or the root.
    case header
    /// Created by a dotted key (`a.b = 1`); only more dotted keys may add to it.
    case dotted
}

/// A table while the document is being read.
private struct TableBuilder {
    var origin: TableOrigin
    var line: Int
    var keys: [String] = []
    var items: [String: Entry] = [:]
    var lines: [String: Int] = [:]

    init(origin: TableOrigin, line: Int) {
        self.origin = origin
        self.line = line
    }

    mutating func add(_ key: String, _ entry: Entry, line: Int) {
        keys.append(key)
        items[key] = entry
        lines[key] = line
    }

    func frozen() -> TOMLTable {
        var table = TOMLTable(line: line)
        for key in keys {
            guard let entry = items[key] else { continue }
            table.append(key, entry.frozen(), line: lines[key] ?? line)
        }
        return table
    }
}

/// What a key holds while the document is being read.
private indirect enum Entry {
    /// A finished value: a scalar, a literal array or an inline table; nothing may add to it.
    case value(TOMLValue)
    /// A table that headers or dotted keys may still add to.
    case table(TableBuilder)
    /// An array of tables from `[[key]]` headers; later headers go into its last element.
    case tableArray([TableBuilder])

    func frozen() -> TOMLValue {
        switch self {
        case .value(let value): value
        case .table(let table): .table(table.frozen())
        case .tableArray(let tables): .array(tables.map { .table($0.frozen()) })
        }
    }

    var kindName: String {
        switch self {
        case .value(let value): "a \(value.typeName)"
        case .table: "a table"
        case .tableArray: "an array of tables"
        }
    }
}

/// A definition that clashes with an earlier one; the parser adds the position.
private struct Conflict: Error {
    let message: String
}

/// The key as it would be written: dotted, quoting parts that are not bare keys; cut (with
/// `…`) so that a message never repeats a huge key whole.
private func displayKey(_ parts: some Collection<String>) -> String {
    shown(parts.map { part in
        let bare = !part.isEmpty && part.utf8.allSatisfy(isBareKeyByte)
        if bare { return part }
        var quoted = "\""
        for scalar in part.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
    }.joined(separator: "."))
}

/// Text from the document as a message repeats it: at most 40 characters, then `…`.
private func shown(_ text: String) -> String {
    text.count > 40 ? String(text.prefix(40)) + "…" : text
}

private func isBareKeyByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
         UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
        true
    default:
        false
    }
}

/// Runs `body` on the table at `path`, entering tables and the last element of arrays of tables.
private func descend<R>(
    _ table: inout TableBuilder, _ path: ArraySlice<String>,
    _ body: (inout TableBuilder) throws(Conflict) -> R
) throws(Conflict) -> R {
    guard let key = path.first else { return try body(&table) }
    // Take the child out while it is changed so that it is not copied.
    switch table.items.removeValue(forKey: key) {
    case .table(var child)?:
        defer { table.items[key] = .table(child) }
        return try descend(&child, path.dropFirst(), body)
    case .tableArray(var children)?:
        defer { table.items[key] = .tableArray(children) }
        guard var last = children.popLast() else {
            throw Conflict(message: "internal error: empty array of tables \(displayKey(path))")
        }
        defer { children.append(last) }
        return try descend(&last, path.dropFirst(), body)
    case let other:
        if let other { table.items[key] = other }
        throw Conflict(message: "internal error: the current table \(displayKey(path)) is missing")
    }
}

/// Opens the table a `[path]` or `[[path]]` header names, creating what is missing.
private func openHeader(
    _ table: inout TableBuilder, _ path: ArraySlice<String>, isArray: Bool, line: Int,
    name: String
) throws(Conflict) {
    guard let key = path.first else { return }
    let rest = path.dropFirst()
    let earlier = table.lines[key].map { " on line \($0)" } ?? ""
    switch table.items.removeValue(forKey: key) {
    case nil:
        if rest.isEmpty {
            let child = TableBuilder(origin: .header, line: line)
            table.add(key, isArray ? .tableArray([child]) : .table(child), line: line)
        } else {
            var child = TableBuilder(origin: .implicit, line: line)
            defer { table.add(key, .table(child), line: line) }
            try openHeader(&child, rest, isArray: isArray, line: line, name: name)
        }
    case .table(var child)?:
        defer { table.items[key] = .table(child) }
        if rest.isEmpty {
            if isArray {
                throw Conflict(message: "[[\(name)]] names a table defined\(earlier); "
                    + "an array of tables needs a name of its own")
            }
            switch child.origin {
            case .implicit:
                child.origin = .header
                child.line = line
                table.lines[key] = line
            case .header:
                throw Conflict(message: "table [\(name)] is already defined\(earlier); "
                    + "merge the two sections")
            case .dotted:
                throw Conflict(message: "table [\(name)] was already defined by dotted keys"
                    + "\(earlier); move those keys under this header")
            }
        } else {
            try openHeader(&child, rest, isArray: isArray, line: line, name: name)
        }
    case .tableArray(var children)?:
        defer { table.items[key] = .tableArray(children) }
        if rest.isEmpty {
            guard isArray else {
                throw Conflict(message: "[\(name)] is already an array of tables ([[\(name)]])"
                    + "\(earlier); write [[\(name)]] to add an element")
            }
            children.append(TableBuilder(origin: .header, line: line))
        } else {
            guard var last = children.popLast() else {
                throw Conflict(message: "internal error: empty array of tables \(name)")
            }
            defer { children.append(last) }
            try openHeader(&last, rest, isArray: isArray, line: line, name: name)
        }
    case .value(let value)?:
        table.items[key] = .value(value)
        throw Conflict(message: "key \(displayKey([key])) already holds a \(value.typeName)"
            + "\(earlier), so [\(isArray ? "[\(name)]" : name)] cannot be a table under it")
    }
}

/// Sets `path = value` in `table`, creating the tables a dotted key names.
private func assign(
    _ table: inout TableBuilder, _ path: ArraySlice<String>, _ value: TOMLValue, line: Int
) throws(Conflict) {
    guard let key = path.first else { return }
    let rest = path.dropFirst()
    let earlier = table.lines[key].map { " on line \($0)" } ?? ""
    if rest.isEmpty {
        if let existing = table.items[key] {
            throw Conflict(message: "key \(displayKey([key])) is already defined\(earlier) "
                + "(as \(existing.kindName)); remove one of the two")
        }
        table.add(key, .value(value), line: line)
        return
    }
    switch table.items.removeValue(forKey: key) {
    case nil:
        var child = TableBuilder(origin: .dotted, line: line)
        defer { table.add(key, .table(child), line: line) }
        try assign(&child, rest, value, line: line)
    case .table(var child)? where child.origin == .dotted:
        defer { table.items[key] = .table(child) }
        try assign(&child, rest, value, line: line)
    case let existing?:
        table.items[key] = existing
        let what: String
        switch existing {
        case .table: what = "a table with its own [header]"
        case .tableArray: what = "an array of tables"
        case .value(let value):
            what = value.tableValue != nil ? "an inline table, which is closed"
                                           : "a \(value.typeName)"
        }
        throw Conflict(message: "key \(displayKey([key])) is already defined\(earlier) as \(what); "
            + "dotted keys cannot add to it")
    }
}

// MARK: - Reading

private let maxDepth = 64

private enum Byte {
    static let tab = UInt8(ascii: "\t")
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let quote = UInt8(ascii: "\"")
    static let apostrophe = UInt8(ascii: "'")
    static let backslash = UInt8(ascii: "\\")
    static let hash = UInt8(ascii: "#")
    static let equals = UInt8(ascii: "=")
    static let dot = UInt8(ascii: ".")
    static let comma = UInt8(ascii: ",")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let underscore = UInt8(ascii: "_")
    static let plus = UInt8(ascii: "+")
    static let minus = UInt8(ascii: "-")
    static let colon = UInt8(ascii: ":")
}

private func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
}

private func hexDigitValue(_ byte: UInt8) -> UInt32? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
    default: nil
    }
}

/// A control character that may not appear raw in a string or comment (tab is allowed).
private func isForbiddenControl(_ byte: UInt8) -> Bool {
    (byte < 0x20 && byte != Byte.tab) || byte == 0x7F
}

/// Digits in `digits` (all satisfying `isValid`), with single underscores only between digits.
private func isDigitRun(_ digits: ArraySlice<UInt8>, _ isValid: (UInt8) -> Bool) -> Bool {
    guard let first = digits.first, let last = digits.last,
          first != Byte.underscore, last != Byte.underscore else { return false }
    var previous: UInt8 = 0
    for byte in digits {
        if byte == Byte.underscore {
            if previous == Byte.underscore { return false }
        } else if !isValid(byte) {
            return false
        }
        previous = byte
    }
    return true
}

private struct TOMLParser {
    let bytes: [UInt8]
    var pos = 0
    var line = 1
    var lineStart = 0
    var root = TableBuilder(origin: .header, line: 1)
    /// The path of the table the latest header opened.
    var current: [String] = []

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func parseDocument() throws(TOMLError) -> TOMLTable {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            pos = 3
            lineStart = 3
        }
        while pos < bytes.count {
            skipSpaces()
            switch peek() {
            case nil, Byte.hash?, Byte.newline?, Byte.carriageReturn?:
                break
            case Byte.openBracket?:
                try parseHeader()
            default:
                try parseKeyValue()
            }
            try endLine()
        }
        return root.frozen()
    }

    // MARK: Positions and errors

    func peek(_ offset: Int = 0) -> UInt8? {
        let index = pos + offset
        return index < bytes.count ? bytes[index] : nil
    }

    func looksAt(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard pos + count <= bytes.count else { return false }
        return text.withUTF8Buffer { bytes[pos..<pos + count].elementsEqual($0) }
    }

    /// 1-based column of byte `index` on the current line, in Unicode scalars.
    func column(at index: Int) -> Int {
        let end = min(max(index, lineStart), bytes.count)
        return bytes[lineStart..<end].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
    }

    func error(_ message: String, at index: Int? = nil) -> TOMLError {
        TOMLError(line: line, column: column(at: index ?? pos), message: message)
    }

    /// The position now, for an error found later (perhaps lines further on).
    func mark() -> TOMLError {
        TOMLError(line: line, column: column(at: pos), message: "")
    }

    func error(_ message: String, at mark: TOMLError) -> TOMLError {
        TOMLError(line: mark.line, column: mark.column, message: message)
    }

    /// How the byte at the position reads in a message.
    func found() -> String {
        guard let byte = peek() else { return "the end of the file" }
        switch byte {
        case Byte.newline: return "the end of the line"
        case Byte.carriageReturn:
            return peek(1) == Byte.newline ? "the end of the line" : "a carriage return"
        case 0x21..<0x7F: return "'\(Character(Unicode.Scalar(byte)))'"
        case Byte.space: return "a space"
        case Byte.tab: return "a tab"
        case 0..<0x80: return "control character U+\(hex(UInt32(byte), width: 4))"
        default:
            var end = pos + 1
            while end < bytes.count, end < pos + 4, bytes[end] & 0xC0 == 0x80 { end += 1 }
            let text = String(decoding: bytes[pos..<end], as: UTF8.self)
            return "'\(text)'"
        }
    }

    mutating func skipSpaces() {
        while let byte = peek(), byte == Byte.space || byte == Byte.tab { pos += 1 }
    }

    /// Consumes a line break (LF or CRLF) if there is one.
    mutating func consumeNewline() -> Bool {
        if peek() == Byte.newline {
            pos += 1
        } else if peek() == Byte.carriageReturn, peek(1) == Byte.newline {
            pos += 2
        } else {
            return false
        }
        line += 1
        lineStart = pos
        return true
    }

    mutating func skipComment() {
        guard peek() == Byte.hash else { return }
        while let byte = peek(), byte != Byte.newline {
            if byte == Byte.carriageReturn, peek(1) == Byte.newline { break }
            pos += 1
        }
    }

    /// Skips spaces, comments and line breaks (inside arrays and inline tables).
    mutating func skipBlank() {
        while true {
            skipSpaces()
            skipComment()
            if !consumeNewline() { return }
        }
    }

    /// After a header or key/value pair: only a comment may follow on the line.
    mutating func endLine() throws(TOMLError) {
        skipSpaces()
        skipComment()
        guard pos < bytes.count else { return }
        if !consumeNewline() {
            throw error("unexpected \(found()); put each key = value pair and each [header] "
                + "on its own line (a comment may follow after #)")
        }
    }

    // MARK: Keys and headers

    mutating func parseKey() throws(TOMLError) -> [String] {
        var parts: [String] = []
        while true {
            skipSpaces()
            parts.append(try parseSimpleKey())
            if parts.count > maxDepth {
                throw error("a key may have at most \(maxDepth) dotted parts")
            }
            skipSpaces()
            guard peek() == Byte.dot else { return parts }
            pos += 1
        }
    }

    mutating func parseSimpleKey() throws(TOMLError) -> String {
        if looksAt("\"\"\"") || looksAt("'''") {
            throw error("a key cannot be a multi-line string; use \"…\" or '…'")
        }
        if peek() == Byte.quote { return try parseBasicString() }
        if peek() == Byte.apostrophe { return try parseLiteralString() }
        let start = pos
        while let byte = peek(), isBareKeyByte(byte) { pos += 1 }
        guard pos > start else {
            throw error("expected a key (letters, digits, _ and -, or a quoted string) but "
                + "found \(found())")
        }
        return String(decoding: bytes[start..<pos], as: UTF8.self)
    }

    mutating func parseHeader() throws(TOMLError) {
        let start = mark()
        pos += 1
        let isArray = peek() == Byte.openBracket
        if isArray { pos += 1 }
        let key = try parseKey()
        let name = displayKey(key)
        guard peek() == Byte.closeBracket else {
            throw error("expected '\(isArray ? "]]" : "]")' to close the header "
                + "\(isArray ? "[[" : "[")\(name) but found \(found())")
        }
        pos += 1
        if isArray {
            guard peek() == Byte.closeBracket else {
                throw error("expected ']]' to close the header [[\(name) but found \(found())")
            }
            pos += 1
        }
        do {
            try openHeader(&root, key[...], isArray: isArray, line: line, name: name)
        } catch {
            throw self.error(error.message, at: start)
        }
        current = key
    }

    mutating func parseKeyValue() throws(TOMLError) {
        let start = mark()
        let key = try parseKey()
        guard peek() == Byte.equals else {
            throw error("expected '=' after the key \(displayKey(key)) but found \(found())")
        }
        pos += 1
        skipSpaces()
        let value = try parseValue(depth: current.count + key.count)
        let keyLine = start.line
        do {
            try descend(&root, current[...]) { (table: inout TableBuilder) throws(Conflict) in
                try assign(&table, key[...], value, line: keyLine)
            }
        } catch {
            throw self.error(error.message, at: start)
        }
    }

    // MARK: Values

    mutating func parseValue(depth: Int) throws(TOMLError) -> TOMLValue {
        guard depth <= maxDepth else {
            throw error("tables, arrays and inline tables nest more than \(maxDepth) levels "
                + "deep here; flatten the document")
        }
        guard let byte = peek() else {
            throw error("expected a value but the file ends")
        }
        switch byte {
        case Byte.quote:
            return .string(looksAt("\"\"\"") ? try parseMultiLineString(literal: false)
                                             : try parseBasicString())
        case Byte.apostrophe:
            return .string(looksAt("'''") ? try parseMultiLineString(literal: true)
                                          : try parseLiteralString())
        case Byte.openBracket:
            return try parseArray(depth: depth)
        case Byte.openBrace:
            return try parseInlineTable(depth: depth)
        case UInt8(ascii: "t") where looksAt("true"), UInt8(ascii: "f") where looksAt("false"):
            let length = byte == UInt8(ascii: "t") ? 4 : 5
            if let next = peek(length), isBareKeyByte(next) || next == Byte.dot {
                throw error("expected true or false; if this is text, put it in quotes")
            }
            pos += length
            return .bool(byte == UInt8(ascii: "t"))
        case Byte.plus, Byte.minus, UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "i"), UInt8(ascii: "n"):
            return try parseNumberOrDate()
        default:
            throw error("expected a value (a \"string\", a number, true or false, a date, "
                + "[an array] or {an inline table}) but found \(found()); if this is text, "
                + "put it in quotes")
        }
    }

    mutating func parseBasicString() throws(TOMLError) -> String {
        let start = pos
        pos += 1
        var out: [UInt8] = []
        while let byte = peek() {
            switch byte {
            case Byte.quote:
                pos += 1
                return String(decoding: out, as: UTF8.self)
            case Byte.backslash:
                try parseEscape(into: &out)
            case Byte.newline, Byte.carriageReturn:
                throw error("unterminated string: add the closing \" before the end of the "
                    + "line (use \"\"\" for text over several lines)", at: start)
            case _ where isForbiddenControl(byte):
                throw error("control character U+\(hex(UInt32(byte), width: 4)) must be "
                    + "written as an escape (\\u\(hex(UInt32(byte), width: 4)))")
            default:
                out.append(byte)
                pos += 1
            }
        }
        throw error("unterminated string: add the closing \"", at: start)
    }

    mutating func parseLiteralString() throws(TOMLError) -> String {
        let start = pos
        pos += 1
        let contentStart = pos
        while let byte = peek() {
            switch byte {
            case Byte.apostrophe:
                pos += 1
                return String(decoding: bytes[contentStart..<pos - 1], as: UTF8.self)
            case Byte.newline, Byte.carriageReturn:
                throw error("unterminated string: add the closing ' before the end of the line "
                    + "(use ''' for text over several lines)", at: start)
            case _ where isForbiddenControl(byte):
                throw error("control character U+\(hex(UInt32(byte), width: 4)) is not allowed "
                    + "in a literal string; use a \"basic string\" with an escape")
            default:
                pos += 1
            }
        }
        throw error("unterminated string: add the closing '", at: start)
    }

    /// `"""…"""` or `'''…'''`: a line break right after the opening quotes is dropped; in a
    /// basic one, a backslash at the end of a line joins it to the next non-blank text.
    mutating func parseMultiLineString(literal: Bool) throws(TOMLError) -> String {
        let startLine = line
        let startColumn = column(at: pos)
        let delimiter = literal ? Byte.apostrophe : Byte.quote
        pos += 3
        _ = consumeNewline()
        var out: [UInt8] = []
        while let byte = peek() {
            switch byte {
            case delimiter:
                var run = 0
                while peek(run) == delimiter { run += 1 }
                if run < 3 {
                    out.append(contentsOf: repeatElement(delimiter, count: run))
                    pos += run
                } else if run <= 5 {
                    out.append(contentsOf: repeatElement(delimiter, count: run - 3))
                    pos += run
                    return String(decoding: out, as: UTF8.self)
                } else {
                    throw error("too many quotes in a row: at most two may stand right before "
                        + "the closing ones; escape the others")
                }
            case Byte.backslash where !literal:
                var lookahead = 1
                while let next = peek(lookahead), next == Byte.space || next == Byte.tab {
                    lookahead += 1
                }
                let next = peek(lookahead)
                let crlf = next == Byte.carriageReturn && peek(lookahead + 1) == Byte.newline
                if next == Byte.newline || crlf {
                    pos += lookahead
                    while true {
                        skipSpaces()
                        if !consumeNewline() { break }
                    }
                } else {
                    try parseEscape(into: &out)
                }
            case Byte.newline, Byte.carriageReturn:
                guard consumeNewline() else {
                    throw error("a carriage return must be followed by a line feed")
                }
                out.append(Byte.newline)
            case _ where isForbiddenControl(byte):
                throw error("control character U+\(hex(UInt32(byte), width: 4)) is not allowed "
                    + "in a string; write it as an escape")
            default:
                out.append(byte)
                pos += 1
            }
        }
        throw TOMLError(line: startLine, column: startColumn, message: "unterminated multi-line "
            + "string: add the closing \(literal ? "'''" : "\"\"\"")")
    }

    /// Reads `\…` at the position into `out` as UTF-8.
    mutating func parseEscape(into out: inout [UInt8]) throws(TOMLError) {
        let start = pos
        pos += 1
        guard let letter = peek() else {
            throw error("unterminated string: add the closing \"", at: start)
        }
        pos += 1
        let simple: UInt8?
        switch letter {
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "e"): simple = 0x1B
        case Byte.quote: simple = Byte.quote
        case Byte.backslash: simple = Byte.backslash
        case UInt8(ascii: "u"), UInt8(ascii: "U"): simple = nil
        default:
            pos = start + 1
            throw error("a backslash must start an escape (\\n, \\t, \\\", \\\\, \\uXXXX, "
                + "\\UXXXXXXXX) but is followed by \(found()); write \\\\ for a backslash")
        }
        if let simple {
            out.append(simple)
            return
        }
        let count = letter == UInt8(ascii: "u") ? 4 : 8
        var value: UInt32 = 0
        for _ in 0..<count {
            guard let byte = peek(), let digit = hexDigitValue(byte) else {
                throw error("\\\(letter == UInt8(ascii: "u") ? "u" : "U") needs exactly \(count) "
                    + "hex digits", at: start)
            }
            value = value << 4 | digit
            pos += 1
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw error("\\\(letter == UInt8(ascii: "u") ? "u" : "U")\(hex(value, width: count)) "
                + "is not a Unicode scalar value", at: start)
        }
        UTF8.encode(scalar) { out.append($0) }
    }

    mutating func parseArray(depth: Int) throws(TOMLError) -> TOMLValue {
        let startLine = line
        let startColumn = column(at: pos)
        pos += 1
        var items: [TOMLValue] = []
        while true {
            skipBlank()
            guard let byte = peek() else { break }
            if byte == Byte.closeBracket {
                pos += 1
                return .array(items)
            }
            items.append(try parseValue(depth: depth + 1))
            skipBlank()
            guard let next = peek() else { break }
            if next == Byte.comma {
                pos += 1
            } else if next == Byte.closeBracket {
                pos += 1
                return .array(items)
            } else {
                throw error("expected ',' or ']' after an array element but found \(found())")
            }
        }
        throw TOMLError(line: startLine, column: startColumn,
                        message: "unterminated array: add the closing ]")
    }

    mutating func parseInlineTable(depth: Int) throws(TOMLError) -> TOMLValue {
        let startLine = line
        let startColumn = column(at: pos)
        var table = TableBuilder(origin: .header, line: line)
        pos += 1
        while true {
            skipBlank()
            guard let byte = peek() else { break }
            if byte == Byte.closeBrace {
                pos += 1
                return .table(table.frozen())
            }
            let start = mark()
            let key = try parseKey()
            guard peek() == Byte.equals else {
                throw error("expected '=' after the key \(displayKey(key)) but found \(found())")
            }
            pos += 1
            skipSpaces()
            let value = try parseValue(depth: depth + key.count)
            do {
                try assign(&table, key[...], value, line: start.line)
            } catch {
                throw self.error(error.message, at: start)
            }
            skipBlank()
            guard let next = peek() else { break }
            if next == Byte.comma {
                pos += 1
            } else if next == Byte.closeBrace {
                pos += 1
                return .table(table.frozen())
            } else {
                throw error("expected ',' or '}' after a value in an inline table but found "
                    + "\(found())")
            }
        }
        throw TOMLError(line: startLine, column: startColumn,
                        message: "unterminated inline table: add the closing }")
    }

    /// Integers, floats, `inf`, `nan` and local dates; date-times and times are refused.
    mutating func parseNumberOrDate() throws(TOMLError) -> TOMLValue {
        let start = pos
        while let byte = peek(), isBareKeyByte(byte) || byte == Byte.plus || byte == Byte.dot
                || byte == Byte.colon {
            pos += 1
        }
        let token = bytes[start..<pos]
        let text = shown(String(decoding: token, as: UTF8.self))

        if isDatePrefix(token) {
            let spaceTime = peek() == Byte.space && peek(1).map(isDigit) == true
            if token.count == 10 && !spaceTime {
                guard Day(iso: text) != nil else {
                    throw error("\(text) is not a valid date (YYYY-MM-DD)", at: start)
                }
                return .date(text)
            }
            throw error("date-times are not supported; write the date alone as YYYY-MM-DD",
                        at: start)
        }
        if token.count >= 3, isDigit(token[start]), isDigit(token[start + 1]),
           token[start + 2] == Byte.colon {
            throw error("times of day are not supported; write a date as YYYY-MM-DD or the time "
                + "as a \"string\"", at: start)
        }

        var body = token
        var negative = false
        if let sign = body.first, sign == Byte.plus || sign == Byte.minus {
            negative = sign == Byte.minus
            body = body.dropFirst()
        }
        if body.elementsEqual("inf".utf8) { return .float(negative ? -.infinity : .infinity) }
        if body.elementsEqual("nan".utf8) { return .float(.nan) }

        let invalid = error("\(text) is not a valid number; if this is text, put it in quotes",
                            at: start)
        if body.count > 2, body[body.startIndex] == UInt8(ascii: "0"),
           let radix = radix(of: body[body.startIndex + 1]) {
            guard body.count == token.count else {
                throw error("\(text): a hex, octal or binary integer cannot have a sign", at: start)
            }
            let digits = body.dropFirst(2)
            guard isDigitRun(digits, { hexDigitValue($0).map { $0 < radix } ?? false }) else {
                throw invalid
            }
            var value = 0
            for byte in digits where byte != Byte.underscore {
                guard let digit = hexDigitValue(byte) else { throw invalid }
                let (shifted, overflow1) = value.multipliedReportingOverflow(by: Int(radix))
                let (sum, overflow2) = shifted.addingReportingOverflow(Int(digit))
                if overflow1 || overflow2 {
                    throw error("\(text) does not fit in a 64-bit integer", at: start)
                }
                value = sum
            }
            return .integer(value)
        }

        // Decimal: integer part, then an optional fraction and exponent.
        var index = body.startIndex
        while index < body.endIndex, isDigit(body[index]) || body[index] == Byte.underscore {
            index += 1
        }
        let integerPart = body[body.startIndex..<index]
        guard isDigitRun(integerPart, isDigit) else { throw invalid }
        if integerPart.count > 1, integerPart.first == UInt8(ascii: "0") {
            throw error("\(text): leading zeros are not allowed in a number", at: start)
        }
        var isFloat = false
        if index < body.endIndex, body[index] == Byte.dot {
            isFloat = true
            index += 1
            let fractionStart = index
            while index < body.endIndex, isDigit(body[index]) || body[index] == Byte.underscore {
                index += 1
            }
            guard isDigitRun(body[fractionStart..<index], isDigit) else { throw invalid }
        }
        if index < body.endIndex, body[index] | 0x20 == UInt8(ascii: "e") {
            isFloat = true
            index += 1
            if index < body.endIndex, body[index] == Byte.plus || body[index] == Byte.minus {
                index += 1
            }
            let exponentStart = index
            while index < body.endIndex, isDigit(body[index]) || body[index] == Byte.underscore {
                index += 1
            }
            guard isDigitRun(body[exponentStart..<index], isDigit) else { throw invalid }
        }
        guard index == body.endIndex else { throw invalid }

        let cleaned = String(decoding: token.lazy.filter { $0 != Byte.underscore }, as: UTF8.self)
        if isFloat {
            guard let value = Double(cleaned) else { throw invalid }
            return .float(value)
        }
        guard let value = Int(cleaned) else {
            throw error("\(text) does not fit in a 64-bit integer", at: start)
        }
        return .integer(value)
    }

    func isDatePrefix(_ token: ArraySlice<UInt8>) -> Bool {
        guard token.count >= 10 else { return false }
        let s = token.startIndex
        return (0..<10).allSatisfy { offset in
            let byte = token[s + offset]
            return offset == 4 || offset == 7 ? byte == Byte.minus : isDigit(byte)
        }
    }

    func radix(of letter: UInt8) -> UInt32? {
        switch letter {
        case UInt8(ascii: "x"): 16
        case UInt8(ascii: "o"): 8
        case UInt8(ascii: "b"): 2
        default: nil
        }
    }
}

/// Upper-case hex, zero-padded to `width`.
private func hex(_ value: UInt32, width: Int) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
