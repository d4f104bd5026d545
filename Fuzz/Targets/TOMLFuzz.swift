// Fuzz target `toml`: Core's TOML reader (`parseTOML`).
//
// Invariants beyond "does not trap":
// - an error's line and column point into the document (line 1…lines, column 1…length + 1);
// - every table's and key's recorded line is a line of the document;
// - a document that parses, written back as TOML (inline tables and arrays, every key quoted)
//   and parsed again, gives the same values and key order.
// Hangs are caught by libFuzzer's -timeout (run.sh passes 2 s).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTOML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = fuzzText(data, size)
    let lines = lineCount(text)
    let table: TOMLTable
    do {
        table = try parseTOML(text)
    } catch {
        invariant((1...lines).contains(error.line), "error line \(error.line) outside 1…\(lines): \(error)")
        let length = scalarsOnLine(text, error.line)
        invariant((1...length + 1).contains(error.column),
                  "error column \(error.column) outside 1…\(length + 1) on line \(error.line): \(error)")
        invariant(!error.message.isEmpty, "empty error message at \(error.line):\(error.column)")
        return 0
    }
    checkLines(table, lines: lines)
    guard depth(of: .table(table)) <= 40 else { return 0 }
    let written = writeTOML(table)
    do {
        let again = try parseTOML(written)
        invariant(sameValue(.table(table), .table(again)),
                  "re-parsing the written document gives other values:\n\(written)")
    } catch {
        invariant(false, "the written document does not parse (\(error)):\n\(written)")
    }
    return 0
}

/// Unicode scalars on 1-based `line` (lines end at LF; a CR before it counts, harmlessly).
private func scalarsOnLine(_ text: String, _ line: Int) -> Int {
    var current = 1
    var count = 0
    for byte in text.utf8 {
        if byte == UInt8(ascii: "\n") {
            if current == line { return count }
            current += 1
        } else if current == line, byte & 0xC0 != 0x80 {
            count += 1
        }
    }
    return count
}

private func checkLines(_ table: TOMLTable, lines: Int) {
    invariant((1...lines).contains(table.line), "table line \(table.line) outside 1…\(lines)")
    invariant(Set(table.keys).count == table.keys.count, "a key listed twice: \(table.keys)")
    for key in table.keys {
        guard let value = table[key] else {
            invariant(false, "key \(key) is listed but has no value")
            return
        }
        if let line = table.line(of: key) {
            invariant((1...lines).contains(line), "key \(key) on line \(line), outside 1…\(lines)")
        }
        checkLines(value, lines: lines)
    }
}

private func checkLines(_ value: TOMLValue, lines: Int) {
    switch value {
    case .table(let table): checkLines(table, lines: lines)
    case .array(let items): for item in items { checkLines(item, lines: lines) }
    default: break
    }
}

private func depth(of value: TOMLValue) -> Int {
    switch value {
    case .table(let table): 1 + table.keys.compactMap { table[$0] }.map(depth).reduce(0, max)
    case .array(let items): 1 + items.map(depth).reduce(0, max)
    default: 0
    }
}

/// The table as one `"key" = value` line per root key, nested tables written inline.
private func writeTOML(_ table: TOMLTable) -> String {
    table.keys.map { "\(tomlQuoted($0)) = \(write(table[$0]!))\n" }.joined()
}

private func write(_ value: TOMLValue) -> String {
    switch value {
    case .string(let text): return tomlQuoted(text)
    case .integer(let number): return String(number)
    case .float(let number):
        if number.isNaN { return "nan" }
        if number.isInfinite { return number < 0 ? "-inf" : "inf" }
        return "\(number)"
    case .bool(let flag): return flag ? "true" : "false"
    case .date(let text): return text
    case .array(let items): return "[" + items.map(write).joined(separator: ", ") + "]"
    case .table(let table):
        return "{" + table.keys.map { "\(tomlQuoted($0)) = \(write(table[$0]!))" }
            .joined(separator: ", ") + "}"
    }
}

/// Equal values and key order, lines ignored; strings byte for byte; NaN equals NaN, 0.0
/// differs from -0.0.
private func sameValue(_ a: TOMLValue, _ b: TOMLValue) -> Bool {
    switch (a, b) {
    case let (.float(x), .float(y)): return (x.isNaN && y.isNaN) || x.bitPattern == y.bitPattern
    case let (.string(x), .string(y)): return x.utf8.elementsEqual(y.utf8)
    case let (.array(x), .array(y)): return x.count == y.count && zip(x, y).allSatisfy(sameValue)
    case let (.table(x), .table(y)):
        return x.keys == y.keys && x.keys.allSatisfy { key in
            guard let u = x[key], let v = y[key] else { return false }
            return sameValue(u, v)
        }
    default: return a == b
    }
}
