import EcoWatchCore
/// Where a text sits in a space wider than itself.
public enum Alignment: Hashable, Sendable {
    case left, center, right
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

/// Splits text into lines of at most `width` display columns: at the last space when the word
/// being cut is a Latin one (English), else at any character (Chinese has no spaces, and
/// breaking at the space after "1." would strand the number).
public func wrapped(_ text: String, toWidth width: Int) -> [String] {
    var lines: [String] = [], line = ""
    for character in text {
        // Spaces where a line was broken are dropped, not carried to the next line's start.
        if character == " ", line.isEmpty, !lines.isEmpty { continue }
        if displayWidth(line) + displayWidth(of: character) > width, !line.isEmpty {
            if character == " " {
                lines.append(line)
                line = ""
                continue
            } else if let space = line.lastIndex(of: " "), space != line.startIndex, displayWidth(of: character) == 1,
               line[line.index(after: space)...].allSatisfy({ displayWidth(of: $0) == 1 }) {
                lines.append(String(line[..<space]))
                line = String(line[line.index(after: space)...])
            } else if isWordCharacter(character), let run = trailingWordStart(line), run != line.startIndex {
                // A number or Latin word among Chinese (完成70%) moves whole to the next line.
                lines.append(String(line[..<run]))
                line = String(line[run...])
            } else if closingPunctuation.contains(character), line.count > 1 {
                // A line never starts with 、，。: the character before goes down with it.
                lines.append(String(line.dropLast()))
                line = String(line.last!)
            } else {
                lines.append(line)
                line = ""
            }
        }
        line.append(character)
    }
    if !line.isEmpty { lines.append(line) }
    return lines
}

/// Chinese punctuation that may not start a line (禁则).
private let closingPunctuation: Set<Character> = ["、", "，", "。", "：", "；", "！", "？", "）", "」", "』", "”", "》", ",", "."]

private func isWordCharacter(_ character: Character) -> Bool {
    character.isASCII && (character.isLetter || character.isNumber || character == "." || character == "%")
}

/// Where the run of ASCII letters and digits that ends `line` starts, if it ends with one.
private func trailingWordStart(_ line: String) -> String.Index? {
    var start = line.endIndex
    while start > line.startIndex, isWordCharacter(line[line.index(before: start)]) { start = line.index(before: start) }
    return start == line.endIndex ? nil : start
}

/// `text` cut to `width` columns like `truncated`, except that when one of `words` (lower
/// case) occurs in it only past the cut, the part around the first such match is shown
/// instead, after a leading `…`: a filter never matches a row for a word the row hides.
public func truncated(_ text: String, toWidth width: Int, showing words: [String]) -> String {
    let plain = truncated(text, toWidth: width)
    guard plain != text, width > 2, !words.isEmpty else { return plain }
    let lower = text.lowercased()
    // Only where lower-casing keeps the characters' count can a match be mapped back to `text`.
    guard lower.count == text.count else { return plain }
    let visible = plain.count - 1  // characters shown before the `…`
    var first: Int?
    for word in words where !word.isEmpty {
        guard let range = lower.range(of: word) else { continue }
        let start = lower.distance(from: lower.startIndex, to: range.lowerBound)
        // A match that starts in the visible part already shows why the row is there.
        if start < visible { return plain }
        if first == nil || start < first! { first = start }
    }
    guard let match = first else { return plain }
    // Start one character before the match, so it reads as part of something.
    let from = text.index(text.startIndex, offsetBy: max(0, match - 1))
    return "…" + truncated(String(text[from...]), toWidth: width - 1)
}

/// `text` as spans in `style`, each occurrence of one of `words` (lower case) in `matched`.
public func markMatches(_ text: String, _ words: [String], style: Style, matched: Style) -> [Span] {
    let lower = text.lowercased()
    let needles = words.filter { !$0.isEmpty }
    guard !needles.isEmpty, lower.count == text.count else { return [Span(text, style: style)] }
    let characters = Array(text), lowered = Array(lower)
    var marked = [Bool](repeating: false, count: characters.count)
    for needle in needles.map(Array.init) where needle.count <= lowered.count {
        for start in 0...(lowered.count - needle.count) where Array(lowered[start..<start + needle.count]) == needle {
            for i in start..<start + needle.count { marked[i] = true }
        }
    }
    var spans: [Span] = []
    for (character, isMatch) in zip(characters, marked) {
        let s = isMatch ? matched : style
        if let last = spans.last, last.style == s {
            spans[spans.count - 1].text.append(character)
        } else {
            spans.append(Span(String(character), style: s))
        }
    }
    return spans
}
