/// A CSV file with a header row, read with typed accessors whose errors name file, line and column.
struct CSVTable {
    let file: String
    let source: SourceText
    let rows: [CSVRecord]
    private let columnIndex: [String: Int]

    /// Parses `text` and checks that every column in `required` is in the header.
    init(file: String, source: SourceText, required: [String]) throws(ImportError) {
        let records: [CSVRecord]
        do {
            records = try parseCSV(source.text)
        } catch {
            throw source.error(file: file, line: error.line, error.message)
        }
        guard let header = records.first else {
            throw ImportError(file: file, line: 1, message: "the file is empty (expected a header row: \(required.joined(separator: ",")))")
        }
        var index: [String: Int] = [:]
        for (i, name) in header.fields.enumerated() {
            index[name.trimmingCharacters(in: .whitespaces)] = i
        }
        for name in required where index[name] == nil {
            throw source.error(file: file, line: header.line,
                               "missing column \"\(name)\" (expected columns: \(required.joined(separator: ",")))")
        }
        for record in records.dropFirst() where record.fields.count != header.fields.count {
            throw source.error(file: file, line: record.line,
                               "\(record.fields.count) fields, expected \(header.fields.count) as in the header")
        }
        self.file = file
        self.source = source
        self.rows = Array(records.dropFirst())
        self.columnIndex = index
    }

    /// An error at the row's line, quoting it.
    func error(_ row: CSVRecord, _ message: String) -> ImportError {
        source.error(file: file, line: row.line, message)
    }

    /// The trimmed text of `column`, or "" when absent.
    func text(_ row: CSVRecord, _ column: String) -> String {
        guard let i = columnIndex[column], i < row.fields.count else { return "" }
        return row.fields[i].trimmingCharacters(in: .whitespaces)
    }

    func required(_ row: CSVRecord, _ column: String) throws(ImportError) -> String {
        let value = text(row, column)
        guard !value.isEmpty else { throw error(row, "column \"\(column)\" is empty (a value is required)") }
        return value
    }

    func number(_ row: CSVRecord, _ column: String) throws(ImportError) -> Double {
        let value = try required(row, column)
        guard let number = Double(value), number.isFinite else {
            throw error(row, "column \"\(column)\": \(SourceText.quoted(value)) is not a number")
        }
        return number
    }

    func integer(_ row: CSVRecord, _ column: String) throws(ImportError) -> Int {
        let value = try required(row, column)
        guard let number = Int(value) else {
            throw error(row, "column \"\(column)\": \(SourceText.quoted(value)) is not a whole number")
        }
        return number
    }

    func optionalInteger(_ row: CSVRecord, _ column: String) throws(ImportError) -> Int? {
        text(row, column).isEmpty ? nil : try integer(row, column)
    }

    func bool(_ row: CSVRecord, _ column: String) throws(ImportError) -> Bool {
        switch text(row, column) {
        case "true": return true
        case "false", "": return false
        case let other: throw error(row, "column \"\(column)\": \(SourceText.quoted(other)) is not true or false")
        }
    }

    func day(_ row: CSVRecord, _ column: String) throws(ImportError) -> Day {
        let value = try required(row, column)
        guard let day = Day(iso: value) else {
            throw error(row, "column \"\(column)\": \(SourceText.quoted(value)) is not a date (expected YYYY-MM-DD)")
        }
        return day
    }

    func optionalDay(_ row: CSVRecord, _ column: String) throws(ImportError) -> Day? {
        text(row, column).isEmpty ? nil : try day(row, column)
    }

    func choice<T: RawRepresentable>(_ row: CSVRecord, _ column: String, _ type: T.Type) throws(ImportError) -> T
    where T.RawValue == String, T: CaseIterable {
        let value = try required(row, column)
        guard let choice = T(rawValue: value) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw error(row, "column \"\(column)\": \(SourceText.quoted(value)) is not one of \(allowed)")
        }
        return choice
    }
}
