/// The theme's semantic colour slots. Code names a slot, never a colour; a theme maps each
/// slot to `#RRGGBB` or the terminal's default.
public enum StyleSlot: String, CaseIterable, Hashable, Sendable {
    case background, text, muted, accent, border, focus, good, warn, bad, na
    case aqiExcellent = "aqi.excellent"
    case aqiGood = "aqi.good"
    case aqiLight = "aqi.light"
    case aqiModerate = "aqi.moderate"
    case aqiHeavy = "aqi.heavy"
    case aqiSevere = "aqi.severe"
    case waterI = "water.I"
    case waterII = "water.II"
    case waterIII = "water.III"
    case waterIV = "water.IV"
    case waterV = "water.V"
    case waterWorseThanV = "water.worse_than_V"
}

/// How a cell looks, semantically: a foreground slot, an optional background slot
/// (nil: the theme's `background`) and attributes that survive monochrome terminals.
public struct Style: Hashable, Sendable {
    public var foreground: StyleSlot
    public var background: StyleSlot?
    public var bold: Bool
    public var reverse: Bool
    public var dim: Bool
    public var underline: Bool

    public init(_ foreground: StyleSlot = .text, background: StyleSlot? = nil, bold: Bool = false,
                reverse: Bool = false, dim: Bool = false, underline: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.dim = dim
        self.underline = underline
    }

    public static let plain = Style()
}
