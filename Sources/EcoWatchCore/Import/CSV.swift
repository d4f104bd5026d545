/// One record of a CSV file with the 1-based line it starts on.
public struct CSVRecord: Hashable, Sendable {
    public let line: Int
    public let fields: [String]
}

/// A CSV syntax error (an unterminated quote, a stray quote inside a field).
public struct CSVSyntaxError: Error, Hashable, Sendable {
    public let line: Int
    public let message: String
}

/// Splits RFC 4180 CSV text into records: comma-separated, fields optionally in double quotes
/// (`""` for a quote; commas and line breaks allowed inside), CRLF or LF line ends, a leading
/// UTF-8 byte-order mark ignored. Blank lines are skipped.
public func parseCSV(_ text: String) throws(CSVSyntaxError) -> [CSVRecord] {
    var records: [CSVRecord] = []
    var fields: [String] = []
    var field: [UInt8] = []
    var line = 1
    var recordLine = 1
    var inQuotes = false
    var quotedField = false
    var bytes = Array(text.utf8)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }

    func endField() {
        fields.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
        quotedField = false
    }
    func endRecord() {
        endField()
        if !(fields.count == 1 && fields[0].isEmpty) {
            records.append(CSVRecord(line: recordLine, fields: fields))
        }
        fields.removeAll(keepingCapacity: true)
    }

    var i = 0
    while i < bytes.count {
        let b = bytes[i]
        if inQuotes {
            if b == UInt8(ascii: "\"") {
                if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\"") {
                    field.append(b)
                    i += 1
                } else {
                    inQuotes = false
                }
            } else {
                if b == UInt8(ascii: "\n") { line += 1 }
                field.append(b)
            }
        } else {
            switch b {
            case UInt8(ascii: ","):
                endField()
            case UInt8(ascii: "\r") where i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\n"):
                break
            case UInt8(ascii: "\n"):
                endRecord()
                line += 1
                recordLine = line
            case UInt8(ascii: "\""):
                guard field.isEmpty, !quotedField else {
                    throw CSVSyntaxError(line: line, message: "a quote inside an unquoted field (quote the whole field and double the quote)")
                }
                inQuotes = true
                quotedField = true
            default:
                if quotedField {
                    throw CSVSyntaxError(line: line, message: "text after a closing quote (expected a comma or the end of the line)")
                }
                field.append(b)
            }
        }
        i += 1
    }
    if inQuotes {
        throw CSVSyntaxError(line: recordLine, message: "a quoted field is never closed")
    }
    if !field.isEmpty || !fields.isEmpty { endRecord() }
    return records
}
