import EcoWatchUI

/// A colour as a theme gives it: `#RRGGBB`.
public struct RGB: Hashable, Sendable {
    public var r: UInt8
    public var g: UInt8
    public var b: UInt8

    public init(r: UInt8, g: UInt8, b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }

    /// Parses `#RRGGBB` (or `RRGGBB`); nil for anything else.
    public init?(hex: String) {
        var digits = Substring(hex)
        if digits.hasPrefix("#") { digits = digits.dropFirst() }
        guard digits.count == 6, let value = UInt32(digits, radix: 16) else { return nil }
        self.init(r: UInt8(value >> 16 & 0xFF), g: UInt8(value >> 8 & 0xFF), b: UInt8(value & 0xFF))
    }
}

/// A theme resolved for the backend: each semantic slot's colour, nil for the terminal's own
/// default colour. A slot missing from `colours` also means the terminal's default.
///
/// The app converts its theme into a palette; the backend maps it down to what the terminal
/// can show (truecolour, 256, 8 or monochrome).
public struct Palette: Hashable, Sendable {
    public var colours: [StyleSlot: RGB?]

    public init(colours: [StyleSlot: RGB?] = [:]) {
        self.colours = colours
    }

    /// The colour of `slot`: nil for the terminal's default.
    public func colour(of slot: StyleSlot) -> RGB? {
        colours[slot] ?? nil
    }

    /// Every slot in the terminal's default colours.
    public static let terminalDefault = Palette()
}

extension Palette {
    /// The palette of a theme: each slot's `#RRGGBB`, or the terminal's default colour.
    public init(theme: Theme) {
        var colours: [StyleSlot: RGB?] = [:]
        for slot in StyleSlot.allCases {
            switch theme[slot] {
            case .rgb(let r, let g, let b): colours[slot] = RGB(r: r, g: g, b: b)
            case .terminalDefault: colours[slot] = .some(nil)
            }
        }
        self.init(colours: colours)
    }
}
