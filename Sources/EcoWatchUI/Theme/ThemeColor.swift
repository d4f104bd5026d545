/// A colour a theme gives a slot: 24-bit RGB, or whatever the terminal's own colour is.
/// The backend maps RGB down to what the terminal can show.
public enum ThemeColor: Hashable, Sendable, CustomStringConvertible {
    case rgb(UInt8, UInt8, UInt8)
    case terminalDefault

    /// Reads `#RRGGBB` (either case) or `default`; nil for anything else.
    public init?(parsing text: String) {
        if text == "default" { self = .terminalDefault; return }
        let hex = Array(text.utf8)
        guard hex.count == 7, hex[0] == UInt8(ascii: "#"),
              let value = UInt32(String(decoding: hex[1...], as: UTF8.self), radix: 16),
              hex[1...].allSatisfy({ UInt8(ascii: "0")...UInt8(ascii: "9") ~= $0 || UInt8(ascii: "a")...UInt8(ascii: "f") ~= $0 || UInt8(ascii: "A")...UInt8(ascii: "F") ~= $0 })
        else { return nil }
        self = .rgb(UInt8(value >> 16), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF))
    }

    /// As written in a theme file: `#RRGGBB` (upper case) or `default`.
    public var description: String {
        switch self {
        case .terminalDefault: return "default"
        case let .rgb(r, g, b):
            return "#" + [r, g, b].map { byte in
                let digits = String(byte, radix: 16, uppercase: true)
                return digits.count == 1 ? "0" + digits : digits
            }.joined()
        }
    }
}
