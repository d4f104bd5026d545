import Foundation
@testable import EcoWatchUI

/// The canvas's rows as strings (continuation cells contribute nothing).
func lines(_ canvas: Canvas) -> [String] {
    canvas.plainText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
}

/// The canvas's rows with trailing spaces removed: easier to compare.
func trimmedLines(_ canvas: Canvas) -> [String] {
    lines(canvas).map { line in
        var s = line
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}

/// Renders into a blank canvas of the given size, over its whole area.
func draw(width: Int, height: Int, _ body: (inout Canvas, Rect) -> Void) -> Canvas {
    var canvas = Canvas(width: width, height: height)
    body(&canvas, canvas.bounds)
    return canvas
}

/// The display column at which `needle` starts in `line`, or nil.
func displayColumn(of needle: String, in line: String) -> Int? {
    guard let range = line.range(of: needle) else { return nil }
    return displayWidth(line[line.startIndex..<range.lowerBound])
}

/// The repository's root (for the bundled `themes/`).
let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// Turns a theme file into entries, for the subset of TOML the bundled themes use (comments,
/// `[table]` headers, `key = "string"` with bare, quoted or dotted keys).
/// Stand-in until `parseTOML` (EcoWatchCore) is merged and does this in the loader's glue.
func themeEntries(fromTOML text: String) -> [ThemeEntry] {
    var entries: [ThemeEntry] = []
    var table = ""
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let line = raw.trimmingCharacters(in: .whitespaces)
        if line.isEmpty || line.hasPrefix("#") { continue }
        if line.hasPrefix("[") {
            table = String(line.dropFirst().prefix { $0 != "]" })
            continue
        }
        guard let equals = line.firstIndex(of: "=") else { continue }
        var key = line[..<equals].trimmingCharacters(in: .whitespaces)
        key = key.replacingOccurrences(of: "\"", with: "")
        let rest = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        let value: ThemeEntry.Value
        if rest.hasPrefix("\"") {
            value = .string(String(rest.dropFirst().prefix { $0 != "\"" }))
        } else {
            value = .other(kind: "an integer")
        }
        entries.append(ThemeEntry(key: table.isEmpty ? key : table + "." + key, value: value, line: index + 1))
    }
    return entries
}
