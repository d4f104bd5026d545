/// How many colours a terminal can show, and how a theme's RGB colours map down onto them.
public enum ColourDepth: String, Hashable, Sendable, CaseIterable {
    /// 24-bit direct colour: each RGB colour as it is.
    case trueColour
    /// The xterm 256-colour palette: the nearest colour of its 6×6×6 cube or grey ramp.
    case ansi256
    /// The 8 basic ANSI colours: the nearest of them by hue (dark colours black, greys
    /// black or white), so that a theme's pastel status colours keep their meaning.
    case ansi8
    /// No colour: bold, reverse, dim and underline only.
    case monochrome

    /// Picks the depth for a terminal.
    ///
    /// - Parameters:
    ///   - colours: the terminal's `COLORS` (its terminfo `colors`), 0 when it has none.
    ///   - hasRGBCapability: whether terminfo declares direct colour (the `RGB` capability).
    ///   - environment: the process environment (`NO_COLOR`, `COLORTERM`).
    ///
    /// `NO_COLOR` set to anything non-empty means monochrome. Direct colour needs a terminal
    /// description with 2^24 colours (ncurses can only send what terminfo describes) that
    /// also says its colour numbers are RGB, by the `RGB` capability or by `COLORTERM`
    /// being `truecolor` or `24bit`.
    public static func detect(colours: Int, hasRGBCapability: Bool, environment: [String: String]) -> ColourDepth {
        if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return .monochrome }
        let colorterm = environment["COLORTERM"]?.lowercased() ?? ""
        if colours >= 1 << 24, hasRGBCapability || colorterm == "truecolor" || colorterm == "24bit" {
            return .trueColour
        }
        if colours >= 256 { return .ansi256 }
        if colours >= 8 { return .ansi8 }
        return .monochrome
    }

    /// The lesser of this depth and `maximum` (truecolour > 256 > 8 > monochrome).
    public func limited(to maximum: ColourDepth) -> ColourDepth {
        let order = Self.allCases   // declared richest first
        return order.firstIndex(of: self)! >= order.firstIndex(of: maximum)! ? self : maximum
    }

    /// The terminal's colour number for `rgb` at this depth: -1 for the terminal's default
    /// (nil), and always -1 in monochrome.
    ///
    /// - Parameter avoiding: a colour number the result must differ from when `rgb` is not
    ///   exactly that colour (so text never maps onto its own background and vanishes).
    public func colourNumber(for rgb: RGB?, avoiding: Int32? = nil) -> Int32 {
        guard let rgb else { return -1 }
        switch self {
        case .monochrome:
            return -1
        case .trueColour:
            let packed = Int32(rgb.r) << 16 | Int32(rgb.g) << 8 | Int32(rgb.b)
            // Direct-colour terminfo sends numbers below 8 as the ANSI palette (setaf 0–7):
            // nudge those near-blacks to the next blue step, which looks the same.
            return packed < 8 ? 8 : packed
        case .ansi256:
            return Self.nearest(rgb, in: Self.xterm256, avoiding: avoiding)
        case .ansi8:
            let basic = Self.basicColour(rgb)
            guard let avoiding, basic == avoiding else { return basic }
            // Never the background's own colour: black or white, whichever is farther from it.
            return avoiding == 7 || (avoiding != 0 && rgb.r / 3 + rgb.g / 3 + rgb.b / 3 < 128) ? 0 : 7
        }
    }

    /// The basic ANSI colour (0 black, 1 red, 2 green, 3 yellow, 4 blue, 5 magenta, 6 cyan,
    /// 7 white) a colour reads as. Distance in RGB would turn every pastel white (a light green
    /// is nearer to xterm's white than to its green); hue does not.
    static func basicColour(_ rgb: RGB) -> Int32 {
        let r = Int(rgb.r), g = Int(rgb.g), b = Int(rgb.b)
        let high = max(r, g, b), low = min(r, g, b)
        if high < 64 { return 0 }                                   // too dark to have a hue
        if (high - low) * 4 < high { return high >= 128 ? 7 : 0 }   // grey: saturation < 1/4
        let chroma = Double(high - low)
        var hue: Double
        if high == r {
            hue = Double(g - b) / chroma
        } else if high == g {
            hue = 2 + Double(b - r) / chroma
        } else {
            hue = 4 + Double(r - g) / chroma
        }
        hue = (hue * 60).truncatingRemainder(dividingBy: 360)
        if hue < 0 { hue += 360 }
        // Sextants centred on red 0°, yellow 60°, green 120°, cyan 180°, blue 240°, magenta 300°.
        let byHue: [Int32] = [1, 3, 2, 6, 4, 5]
        return byHue[Int((hue + 30) / 60) % 6]
    }

    /// The nearest entry (by squared RGB distance) of `table`, as its colour number; the
    /// runner-up when the nearest is `avoiding` and `rgb` is not that colour exactly.
    private static func nearest(_ rgb: RGB, in table: [(number: Int32, rgb: RGB)], avoiding: Int32?) -> Int32 {
        var best: (number: Int32, distance: Int) = (-1, .max)
        var second: (number: Int32, distance: Int) = (-1, .max)
        for entry in table {
            let d = distance(rgb, entry.rgb)
            if d < best.distance {
                second = best
                best = (entry.number, d)
            } else if d < second.distance, entry.number != best.number {
                second = (entry.number, d)
            }
        }
        if let avoiding, best.number == avoiding, best.distance > 0, second.number >= 0 {
            return second.number
        }
        return best.number
    }

    private static func distance(_ a: RGB, _ b: RGB) -> Int {
        let dr = Int(a.r) - Int(b.r), dg = Int(a.g) - Int(b.g), db = Int(a.b) - Int(b.b)
        return dr * dr + dg * dg + db * db
    }

    /// xterm's colours 16–255: the 6×6×6 cube (levels 0, 95, 135, 175, 215, 255) and the
    /// 24-step grey ramp (8, 18, … 238). Colours 0–15 are left out: users redefine them.
    static let xterm256: [(number: Int32, rgb: RGB)] = {
        let levels: [UInt8] = [0, 95, 135, 175, 215, 255]
        var table: [(number: Int32, rgb: RGB)] = []
        for r in 0..<6 {
            for g in 0..<6 {
                for b in 0..<6 {
                    table.append((Int32(16 + 36 * r + 6 * g + b), RGB(r: levels[r], g: levels[g], b: levels[b])))
                }
            }
        }
        for i in 0..<24 {
            let v = UInt8(8 + 10 * i)
            table.append((Int32(232 + i), RGB(r: v, g: v, b: v)))
        }
        return table
    }()
}
