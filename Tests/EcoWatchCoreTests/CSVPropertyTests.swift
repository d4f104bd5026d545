import Testing
@testable import EcoWatchCore

/// SplitMix64: a small, seeded, deterministic generator, so a failing case can be replayed.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Pieces a field is built from: what the data set holds (Chinese, units, spaces) and what
/// RFC 4180 must quote (commas, quotes, both line ends).
private let pieces = ["a", "Z", "0", "9.5", " ", "\t", ",", "\"", "\"\"", "\n", "\r\n", "\r",
                      "宁波", "北仑区", "µg/m³", "≤", "é", "e\u{301}", "😀", "--", "'", "#"]

private func randomField(_ rng: inout SplitMix64) -> String {
    // One field in four is empty.
    guard Int.random(in: 0..<4, using: &rng) != 0 else { return "" }
    return (0..<Int.random(in: 1...6, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
}

/// A table of 1–8 records of 1–6 fields. A record of one empty field is a blank line, which
/// the reader skips by design, so it is not generated.
private func randomTable(_ rng: inout SplitMix64) -> [[String]] {
    (0..<Int.random(in: 1...8, using: &rng)).map { _ in
        let count = Int.random(in: 1...6, using: &rng)
        var fields = (0..<count).map { _ in randomField(&rng) }
        if fields == [""] { fields = ["x"] }
        return fields
    }
}

/// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled; other
/// fields are quoted at random too. Records end with LF or CRLF, the last one optionally.
private func writeCSV(_ table: [[String]], _ rng: inout SplitMix64) -> (text: String, lines: [Int]) {
    var text = ""
    var lines: [Int] = []
    var line = 1
    for (index, record) in table.enumerated() {
        lines.append(line)
        let written = record.map { field -> String in
            let needsQuotes = field.unicodeScalars.contains { ",\"\r\n".unicodeScalars.contains($0) }
            guard needsQuotes || Bool.random(using: &rng) else { return field }
            var quoted = "\""
            for scalar in field.unicodeScalars {
                quoted.unicodeScalars.append(scalar)
                if scalar == "\"" { quoted.unicodeScalars.append(scalar) }
            }
            return quoted + "\""
        }.joined(separator: ",")
        text += written
        line += written.utf8.filter { $0 == UInt8(ascii: "\n") }.count
        if index < table.count - 1 || Bool.random(using: &rng) {
            text += Bool.random(using: &rng) ? "\r\n" : "\n"
            line += 1
        }
    }
    return (text, lines)
}

/// Compares fields byte for byte (String's `==` would accept canonically equivalent text).
private func bytes(_ table: [[String]]) -> [[[UInt8]]] {
    table.map { $0.map { Array($0.utf8) } }
}

@Test func randomTablesWrittenAsRFC4180ParseBackToTheSameFields() throws {
    var rng = SplitMix64(seed: 0x4E42_2021_1103)
    for round in 0..<2000 {
        let table = randomTable(&rng)
        let (text, _) = writeCSV(table, &rng)
        let records = try parseCSV(text)
        #expect(bytes(records.map(\.fields)) == bytes(table), "round \(round): \(text.debugDescription)")
    }
}

@Test func randomTablesReportTheLineEachRecordStartsOn() throws {
    var rng = SplitMix64(seed: 212)
    for round in 0..<1000 {
        let table = randomTable(&rng)
        let (text, lines) = writeCSV(table, &rng)
        let records = try parseCSV(text)
        #expect(records.map(\.line) == lines, "round \(round): \(text.debugDescription)")
    }
}

@Test func randomTablesSurviveALeadingByteOrderMark() throws {
    var rng = SplitMix64(seed: 0xFEFF)
    for round in 0..<500 {
        let table = randomTable(&rng)
        let (text, _) = writeCSV(table, &rng)
        let records = try parseCSV("\u{FEFF}" + text)
        #expect(bytes(records.map(\.fields)) == bytes(table), "round \(round): \(text.debugDescription)")
    }
}

@Test func splitMix64IsDeterministic() {
    var a = SplitMix64(seed: 42), b = SplitMix64(seed: 42)
    let first = (0..<8).map { _ in a.next() }
    #expect(first == (0..<8).map { _ in b.next() })
    #expect(Set(first).count == 8)
}
