// Fuzz target `theme`: a theme file read as the console reads it — Core's `parseTOML`, the
// document flattened into `ThemeEntry` values (`[aqi] excellent = …` and `aqi.excellent = …`
// both become key `aqi.excellent`), then UI's `Theme.load(entries:file:fallbackName:)`.
// The flattening lives here because, as of this target's writing, no production function
// turns a TOML table into entries (the UI tests have their own for the bundled files).
//
// Invariants beyond "does not trap":
// - an error names the file and a line of the input;
// - a loaded theme gives every slot a colour, and the slots it reports missing have the
//   default theme's colours;
// - the loaded theme written back as a theme file and loaded again is the same theme, with
//   no slot missing.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTheme(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = fuzzText(data, size)
    let lines = lineCount(text)
    guard let table = try? parseTOML(text) else { return 0 }  // the `toml` target covers errors
    let loaded: LoadedTheme
    do {
        loaded = try Theme.load(entries: themeEntries(table), file: "fuzz.toml", fallbackName: "fuzz")
    } catch {
        invariant(error.file == "fuzz.toml", "error names \(error.file ?? "no file")")
        invariant(error.line.map { (1...lines).contains($0) } ?? false,
                  "error line \(error.line.map(String.init) ?? "nil") outside 1…\(lines): \(error)")
        return 0
    }
    for slot in StyleSlot.allCases {
        invariant(loaded.theme.colors[slot] != nil, "slot \(slot.rawValue) has no colour")
    }
    for slot in loaded.missingSlots {
        invariant(loaded.theme.colors[slot] == Theme.default.colors[slot],
                  "missing slot \(slot.rawValue) does not have the default colour")
    }
    let written = writeTheme(loaded.theme)
    do {
        let again = try Theme.load(entries: themeEntries(try parseTOML(written)), file: "again.toml",
                                   fallbackName: "other")
        invariant(again.theme.name.utf8.elementsEqual(loaded.theme.name.utf8)
                  && again.theme.description.utf8.elementsEqual(loaded.theme.description.utf8)
                  && again.theme.colors == loaded.theme.colors,
                  "the written theme loads as another theme:\n\(written)")
        invariant(again.missingSlots.isEmpty, "the written theme misses \(again.missingSlots)")
    } catch {
        invariant(false, "the written theme does not load (\(error)):\n\(written)")
    }
    return 0
}

/// Every non-table value of `table`, keys joined with dots, in file order.
private func themeEntries(_ table: TOMLTable, prefix: String = "") -> [ThemeEntry] {
    var entries: [ThemeEntry] = []
    for key in table.keys {
        guard let value = table[key] else { continue }
        let line = table.line(of: key) ?? table.line
        switch value {
        case .table(let child):
            entries += themeEntries(child, prefix: prefix + key + ".")
        case .string(let text):
            entries.append(ThemeEntry(key: prefix + key, value: .string(text), line: line))
        default:
            let kind = value.typeName == "integer" || value.typeName == "array" ? "an \(value.typeName)"
                                                                                : "a \(value.typeName)"
            entries.append(ThemeEntry(key: prefix + key, value: .other(kind: kind), line: line))
        }
    }
    return entries
}

/// The theme as a file: name, description and every slot, dotted keys for `aqi.*`, `water.*`.
private func writeTheme(_ theme: Theme) -> String {
    var out = "name = \(tomlQuoted(theme.name))\ndescription = \(tomlQuoted(theme.description))\n"
    for slot in StyleSlot.allCases {
        out += "\(slot.rawValue) = \"\(theme[slot])\"\n"
    }
    return out
}
