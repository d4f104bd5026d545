import EcoWatchUI

/// A cell style as the terminal will show it: colour numbers at the terminal's depth and
/// the attributes to set. Pure: computed from a `Style`, a `Palette` and a `ColourDepth`.
public struct TerminalStyle: Hashable, Sendable {
    /// Foreground colour number; -1 is the terminal's default.
    public var foreground: Int32
    /// Background colour number; -1 is the terminal's default.
    public var background: Int32
    public var bold: Bool
    public var reverse: Bool
    public var dim: Bool
    public var underline: Bool

    public init(foreground: Int32 = -1, background: Int32 = -1, bold: Bool = false,
                reverse: Bool = false, dim: Bool = false, underline: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.dim = dim
        self.underline = underline
    }

    /// How `style` looks with `palette` on a terminal of `depth`.
    ///
    /// The background is the style's background slot, else the palette's `background`.
    /// In monochrome, colour gives way to attributes so that nothing is lost: status slots
    /// (`good`, `warn`, `bad`, AQI and water classes) and `focus`/`accent` become bold,
    /// `muted`/`na` dim, and a cell with its own background slot (a highlight) reverse.
    /// With colour, a slot the theme colours is never dimmed (its colour already steps back).
    public init(_ style: Style, palette: Palette, depth: ColourDepth) {
        self.init(bold: style.bold, reverse: style.reverse, dim: style.dim, underline: style.underline)
        let backgroundSlot = style.background ?? .background
        if depth == .monochrome {
            switch style.foreground {
            case .muted, .na: dim = true
            case .background, .text, .border: break
            default: bold = true   // status colours, focus and accent must stand out
            }
            if let slot = style.background, slot != .background { reverse.toggle() }
            return
        }
        background = depth.colourNumber(for: palette.colour(of: backgroundSlot))
        foreground = depth.colourNumber(for: palette.colour(of: style.foreground),
                                        avoiding: background >= 0 ? background : nil)
        // A colour the theme chose is drawn as chosen: dimming it would undo the contrast the
        // theme was checked for (docs/contrast.md). Dim stays for the terminal's own colours.
        if foreground >= 0 { dim = false }
    }
}
