import Foundation
import EcoWatchCore
/// A theme read from a file, and the slots it left to the default theme.
public struct LoadedTheme: Hashable, Sendable {
    public var theme: Theme
    /// Slots the file did not set (they use the default theme's colour), in slot order.
    public var missingSlots: [StyleSlot]

    public init(theme: Theme, missingSlots: [StyleSlot]) {
        self.theme = theme
        self.missingSlots = missingSlots
    }
}

/// One key of a parsed theme file, flattened: `[aqi] excellent = …` and
/// `aqi.excellent = …` both arrive as key `aqi.excellent`.
struct ThemeEntry: Hashable, Sendable {
    enum Value: Hashable, Sendable {
        case string(String)
        /// Any other TOML value; `kind` names it for the message (`an integer`, `a table`).
        case other(kind: String)
    }

    var key: String
    var value: Value
    var line: Int
}

extension Theme {
    /// Builds a theme from a parsed file's entries. `fallbackName` (the file's base name) is the
    /// theme's name unless the file sets `name`.
    ///
    /// - Throws: `ThemeError` naming `file` and the line (quoted from `source` when given), for
    ///   an unknown key (with the nearest known one), a value that is not a string, or a colour
    ///   that is neither `#RRGGBB` nor `default`.
    static func load(entries: [ThemeEntry], file: String, fallbackName: String,
                     source: SourceText? = nil) throws(ThemeError) -> LoadedTheme {
        var theme = Theme(name: fallbackName, colors: [:])
        for entry in entries {
            func fail(_ message: String) -> ThemeError {
                ThemeError(file: file, line: entry.line, message: message, excerpt: source?.quote(line: entry.line))
            }
            guard case .string(let text) = entry.value else {
                if case .other(let kind) = entry.value {
                    throw fail("\"\(entry.key)\" must be a string, not \(kind)")
                }
                continue
            }
            switch entry.key {
            case "name": theme.name = text
            case "description": theme.description = text
            default:
                guard let slot = StyleSlot(rawValue: entry.key) else {
                    throw fail(unknownKeyMessage(entry.key, in: "",
                                                 known: ["name", "description"] + StyleSlot.allCases.map(\.rawValue)))
                }
                guard let color = ThemeColor(parsing: text) else {
                    throw fail("bad colour \(SourceText.quoted(text)) for slot \"\(slot.rawValue)\" (expected #RRGGBB or default)")
                }
                theme.colors[slot] = color
            }
        }
        let missing = StyleSlot.allCases.filter { theme.colors[$0] == nil }
        for slot in missing { theme.colors[slot] = Theme.default.colors[slot] }
        return LoadedTheme(theme: theme, missingSlots: missing)
    }
}

extension Theme {
    /// Reads a theme file's text (DESIGN.md's slot format). `file` names it in errors;
    /// the theme is named after the file unless it sets `name`.
    public static func load(toml text: String, file: String) throws(ThemeError) -> LoadedTheme {
        try load(source: SourceText(text), file: file)
    }

    /// Reads the theme file at `path`, which must be UTF-8 (an error names the line and byte
    /// column where it is not).
    public static func load(contentsOf path: String) throws(ThemeError) -> LoadedTheme {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ThemeError(file: path, message: "cannot read the theme file")
        }
        let source: SourceText
        do {
            source = try SourceText(bytes: Array(data))
        } catch {
            throw ThemeError(file: path, line: error.line, column: error.byteColumn, message: error.message,
                             excerpt: error.excerpt)
        }
        return try load(source: source, file: path)
    }

    static func load(source: SourceText, file: String) throws(ThemeError) -> LoadedTheme {
        let table: TOMLTable
        do {
            table = try parseTOML(source.text)
        } catch {
            throw ThemeError(file: file, line: error.line, column: error.column, message: error.message,
                             excerpt: source.quote(line: error.line))
        }
        var entries: [ThemeEntry] = []
        func flatten(_ table: TOMLTable, prefix: String) {
            for key in table.keys {
                guard let value = table[key] else { continue }
                let name = prefix + key
                let line = table.line(of: key) ?? table.line
                switch value {
                case .table(let inner): flatten(inner, prefix: name + ".")
                case .string(let text): entries.append(ThemeEntry(key: name, value: .string(text), line: line))
                case .integer: entries.append(ThemeEntry(key: name, value: .other(kind: "an integer"), line: line))
                case .float: entries.append(ThemeEntry(key: name, value: .other(kind: "a number"), line: line))
                case .bool: entries.append(ThemeEntry(key: name, value: .other(kind: "true or false"), line: line))
                case .date: entries.append(ThemeEntry(key: name, value: .other(kind: "a date"), line: line))
                case .array: entries.append(ThemeEntry(key: name, value: .other(kind: "an array"), line: line))
                }
            }
        }
        flatten(table, prefix: "")
        let base = (file as NSString).lastPathComponent
        let fallback = base.hasSuffix(".toml") ? String(base.dropLast(5)) : base
        return try load(entries: entries, file: file, fallbackName: fallback, source: source)
    }
}
