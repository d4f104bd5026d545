#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// glibc's `wcwidth`, which Swift's Glibc module leaves out (it sits behind _XOPEN_SOURCE).
@_silgen_name("wcwidth")
private func systemWCWidth(_ character: Int32) -> Int32

/// Makes `wcwidth` answer for UTF-8 text: the process's locale from the environment, or
/// C.UTF-8 when that locale is not a UTF-8 one. Called once, before anything is measured.
private let localeReady: Bool = {
    setlocale(LC_ALL, "")
    let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
    if codeset.uppercased() != "UTF-8" {
        setlocale(LC_CTYPE, "C.UTF-8")
    }
    return true
}()

/// Columns a character takes on a terminal, by the rule ncurses itself uses (`wcwidth`):
/// 2 for Chinese, 1 for Latin, 0 for combining marks and controls.
public func displayWidth(of character: Character) -> Int {
    _ = localeReady
    guard let first = character.unicodeScalars.first else { return 0 }
    if first.isASCII { return first.value >= 0x20 && first.value < 0x7F ? 1 : 0 }
    let w = Int(systemWCWidth(Int32(bitPattern: first.value)))
    return w < 0 ? 0 : min(w, 2)
}

/// Columns a string takes on a terminal.
public func displayWidth(_ text: some StringProtocol) -> Int {
    var total = 0
    for character in text { total += displayWidth(of: character) }
    return total
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
