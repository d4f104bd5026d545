/// Reads `tasks.toml`: one `[[task]]` table per rectification task, with `[[task.milestone]]`
/// tables for long-term tasks (see `sample-data/README.md`).
enum TaskFileParser {
    /// The keys a `[[task]]` table may hold.
    static let taskKeys = ["id", "title_zh", "title_en", "domain", "horizon", "start", "deadline",
                           "target_zh", "target_en", "measures_zh", "measures_en", "lead_unit_zh",
                           "lead_unit_en", "co_units_zh", "co_units_en", "districts", "indicators",
                           "milestone"]
    /// The keys a `[[task.milestone]]` table may hold.
    static let milestoneKeys = ["year", "description_zh", "description_en"]

    static func parse(file: String, source: SourceText, districtIDs: Set<String>,
                      indicatorIDs: Set<String>) throws(ImportError) -> [RectificationTask] {
        let root: TOMLTable
        do {
            root = try parseTOML(source.text)
        } catch {
            throw source.error(file: file, line: error.line, column: error.column, error.message)
        }
        try checkKeys(root, known: ["task"], place: "the file (only [[task]] tables belong here)", file: file, source: source)
        guard case .array(let entries)? = root["task"] else {
            throw ImportError(file: file, line: 1, message: "no [[task]] tables found")
        }
        var tasks: [RectificationTask] = []
        var seen: Set<String> = []
        for entry in entries {
            guard case .table(let table) = entry else {
                throw source.error(file: file, line: root.line(of: "task"), "task must be an array of tables ([[task]])")
            }
            try checkKeys(table, known: taskKeys, place: "[[task]]", file: file, source: source)
            let reader = TableReader(file: file, source: source, table: table)
            let id = try reader.string("id")
            guard id.count == 3, id.hasPrefix("R"), let number = Int(id.dropFirst()), (1...99).contains(number) else {
                throw reader.error("id", "task id \(SourceText.quoted(id)) must be R01…R99")
            }
            guard seen.insert(id).inserted else { throw reader.error("id", "duplicate task \(SourceText.quoted(id))") }
            let horizonText = try reader.string("horizon")
            guard let horizon = Horizon(rawValue: horizonText) else {
                throw reader.error("horizon", "horizon \(SourceText.quoted(horizonText)) is not one of 2021, 2022, long-term")
            }
            let domainText = try reader.string("domain")
            guard let domain = Domain(rawValue: domainText) else {
                throw reader.error("domain", "domain \(SourceText.quoted(domainText)) is not one of \(Domain.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let start = try reader.day("start")
            let deadline: Day? = table["deadline"] == nil ? nil : try reader.day("deadline")
            switch (horizon, deadline) {
            case (.longTerm, .some):
                throw reader.error("deadline", "a long-term task has no deadline (it has yearly milestones)")
            case (.y2021, let d) where d != Day.endOfYear(2021), (.y2022, let d) where d != Day.endOfYear(2022):
                throw reader.error(d == nil ? "horizon" : "deadline", "a task of horizon \(horizon.rawValue) is due \(horizon.rawValue)-12-31")
            default: break
            }
            if let deadline, deadline <= start {
                throw reader.error("deadline", "the deadline \(deadline) is not after the start \(start)")
            }
            let measures = try reader.pairs("measures")
            guard !measures.isEmpty else { throw reader.error("measures_zh", "a task needs at least one measure") }
            let districts = try reader.strings("districts")
            for d in districts where !districtIDs.contains(d) {
                throw reader.error("districts", "unknown district \(SourceText.quoted(d)) (not in districts.csv)")
            }
            let indicators = try reader.strings("indicators")
            for i in indicators where !indicatorIDs.contains(i) {
                throw reader.error("indicators", "unknown indicator \(SourceText.quoted(i)) (not in indicators.csv)")
            }
            var milestones: [Milestone] = []
            if case .array(let list)? = table["milestone"] {
                for item in list {
                    guard case .table(let m) = item else {
                        throw reader.error("milestone", "milestone must be an array of tables ([[task.milestone]])")
                    }
                    try checkKeys(m, known: milestoneKeys, place: "[[task.milestone]]", file: file, source: source)
                    let mr = TableReader(file: file, source: source, table: m)
                    let year = try mr.integer("year")
                    guard (2000...2100).contains(year) else { throw mr.error("year", "milestone year \(year) is not plausible") }
                    guard !milestones.contains(where: { $0.year == year }) else {
                        throw mr.error("year", "a second milestone for \(year)")
                    }
                    milestones.append(Milestone(year: year, description: try mr.localized("description")))
                }
            }
            if horizon == .longTerm, milestones.isEmpty {
                throw reader.error("horizon", "a long-term task needs [[task.milestone]] tables")
            }
            if horizon != .longTerm, !milestones.isEmpty {
                throw reader.error("milestone", "only long-term tasks have yearly milestones")
            }
            tasks.append(RectificationTask(
                id: id, title: try reader.localized("title"), domain: domain, horizon: horizon,
                start: start, deadline: deadline, target: try reader.localized("target"),
                measures: measures, leadUnit: try reader.localized("lead_unit"),
                coUnits: try reader.pairs("co_units"), districtIDs: districts,
                indicatorIDs: indicators, milestones: milestones.sorted { $0.year < $1.year }))
        }
        return tasks.sorted { $0.id < $1.id }
    }

    /// Refuses the first key of `table` not in `known`, at its line, naming the nearest known key.
    static func checkKeys(_ table: TOMLTable, known: [String], place: String, file: String,
                          source: SourceText) throws(ImportError) {
        for key in table.keys where !known.contains(key) {
            throw source.error(file: file, line: table.line(of: key) ?? table.line,
                               unknownKeyMessage(key, in: place, known: known))
        }
    }
}

/// Typed access to one TOML table, with errors that point at the key's line.
private struct TableReader {
    let file: String
    let source: SourceText
    let table: TOMLTable

    func error(_ key: String, _ message: String) -> ImportError {
        source.error(file: file, line: table.line(of: key) ?? table.line, message)
    }

    /// A key the table lacks: reported at the table's header.
    func missing(_ key: String) -> ImportError {
        source.error(file: file, line: table.line, "missing key \"\(key)\"")
    }

    func string(_ key: String) throws(ImportError) -> String {
        guard let value = table[key] else {
            throw missing(key)
        }
        guard case .string(let text) = value, !text.isEmpty else {
            throw error(key, "\"\(key)\" must be a non-empty string")
        }
        return text
    }

    func integer(_ key: String) throws(ImportError) -> Int {
        guard case .integer(let value)? = table[key] else {
            throw table[key] == nil ? missing(key) : error(key, "\"\(key)\" must be a whole number")
        }
        return value
    }

    func day(_ key: String) throws(ImportError) -> Day {
        let text: String
        switch table[key] {
        case .string(let s)?, .date(let s)?: text = s
        case nil: throw missing(key)
        default: throw error(key, "\"\(key)\" must be a date YYYY-MM-DD")
        }
        guard let day = Day(iso: text) else { throw error(key, "\(SourceText.quoted(text)) is not a date (expected YYYY-MM-DD)") }
        return day
    }

    func strings(_ key: String) throws(ImportError) -> [String] {
        guard let value = table[key] else { return [] }
        guard case .array(let items) = value else { throw error(key, "\"\(key)\" must be an array of strings") }
        var result: [String] = []
        for item in items {
            guard case .string(let text) = item else { throw error(key, "\"\(key)\" must hold only strings") }
            result.append(text)
        }
        return result
    }

    func localized(_ stem: String) throws(ImportError) -> LocalizedText {
        LocalizedText(zh: try string(stem + "_zh"), en: try string(stem + "_en"))
    }

    /// `stem_zh` and `stem_en` arrays of equal length, paired.
    func pairs(_ stem: String) throws(ImportError) -> [LocalizedText] {
        let zh = try strings(stem + "_zh"), en = try strings(stem + "_en")
        guard zh.count == en.count else {
            throw error(stem + "_en", "\(stem)_zh has \(zh.count) items but \(stem)_en has \(en.count)")
        }
        return zip(zh, en).map { LocalizedText(zh: $0, en: $1) }
    }
}
