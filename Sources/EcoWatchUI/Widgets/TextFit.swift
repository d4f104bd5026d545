import EcoWatchCore
/// Where a text sits in a space wider than itself.
public enum Alignment: Hashable, Sendable {
    case left, center, right
}

/// `text` cut to at most `width` display columns, ending in `…` when cut.
///
/// Measured by display width (a Chinese character is two columns), never splitting a character:
/// `truncated("宁波市生态", toWidth: 6)` is `"宁波…"` (five columns; a sixth would split 市).
public func truncated(_ text: String, toWidth width: Int) -> String {
    guard width > 0 else { return "" }
    if displayWidth(text) <= width { return text }
    let ellipsis = "…"
    let room = width - displayWidth(ellipsis)
    var result = ""
    var used = 0
    for character in text {
        let w = displayWidth(of: character)
        if used + w > room { break }
        result.append(character)
        used += w
    }
    return result + ellipsis
}

/// `text` truncated (with `…`) or padded with spaces to exactly `width` display columns.
public func padded(_ text: String, toWidth width: Int, alignment: Alignment = .left) -> String {
    guard width > 0 else { return "" }
    let fitted = truncated(text, toWidth: width)
    let gap = width - displayWidth(fitted)
    guard gap > 0 else { return fitted }
    switch alignment {
    case .left: return fitted + String(repeating: " ", count: gap)
    case .right: return String(repeating: " ", count: gap) + fitted
    case .center:
        let left = gap / 2
        return String(repeating: " ", count: left) + fitted + String(repeating: " ", count: gap - left)
    }
}

/// The column at which a text `textWidth` wide starts when aligned in `area`-wide space at `x`.
func alignedX(_ textWidth: Int, in x: Int, width: Int, alignment: Alignment) -> Int {
    let gap = max(0, width - textWidth)
    switch alignment {
    case .left: return x
    case .right: return x + gap
    case .center: return x + gap / 2
    }
}

/// Splits text into lines of at most `width` display columns: at the last space when there
/// is one (English), else at any character (Chinese has no spaces).
public func wrapped(_ text: String, toWidth width: Int) -> [String] {
    var lines: [String] = [], line = ""
    for character in text {
        if displayWidth(line) + displayWidth(of: character) > width, !line.isEmpty {
            if let space = line.lastIndex(of: " "), space != line.startIndex {
                lines.append(String(line[..<space]))
                line = String(line[line.index(after: space)...])
            } else {
                lines.append(line)
                line = ""
            }
            if character == " " && line.isEmpty { continue }
        }
        line.append(character)
    }
    if !line.isEmpty { lines.append(line) }
    return lines
}
