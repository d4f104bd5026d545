// Fuzz target `csv`: Core's RFC 4180 reader (`parseCSV`).
//
// Invariants beyond "does not trap":
// - an error's line, and every record's line, is a line of the input, records in order;
// - no record is the lone empty field of a blank line (blank lines are skipped);
// - the records written back as RFC 4180 (fields quoted where needed) and parsed again give
//   the same fields.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = fuzzText(data, size)
    let lines = lineCount(text)
    let records: [CSVRecord]
    do {
        records = try parseCSV(text)
    } catch {
        invariant((1...lines).contains(error.line), "error line \(error.line) outside 1…\(lines)")
        invariant(!error.message.isEmpty, "empty error message on line \(error.line)")
        return 0
    }
    var previous = 0
    for record in records {
        invariant(record.line > previous && record.line <= lines,
                  "record line \(record.line) after \(previous), of \(lines) lines")
        invariant(record.fields != [""], "a blank line became a record on line \(record.line)")
        previous = record.line
    }
    let written = records.map { $0.fields.map(csvField).joined(separator: ",") }
        .joined(separator: "\r\n")
    do {
        let again = try parseCSV(written)
        // Byte for byte: String's == would accept canonically equivalent text.
        invariant(again.map { $0.fields.map { Array($0.utf8) } } == records.map { $0.fields.map { Array($0.utf8) } },
                  "re-parsing the written records gives other fields:\n\(written.debugDescription)")
    } catch {
        invariant(false, "the written records do not parse (\(error)):\n\(written.debugDescription)")
    }
    return 0
}

/// A field as RFC 4180 writes it: quoted (quotes doubled) when it holds a comma, a quote or a
/// line break, or starts with a byte-order mark (which would be taken for the file's own).
private func csvField(_ field: String) -> String {
    let needsQuotes = field.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
        || field.unicodeScalars.first == "\u{FEFF}"
    guard needsQuotes else { return field }
    // Scalar by scalar: a quote followed by a combining mark is one Character, not a quote.
    var out = "\""
    for scalar in field.unicodeScalars {
        out.unicodeScalars.append(scalar)
        if scalar == "\"" { out.unicodeScalars.append(scalar) }
    }
    return out + "\""
}
