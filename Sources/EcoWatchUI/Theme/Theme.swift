/// A colour theme: each semantic slot's colour. Code names slots, never colours.
///
/// A theme file may leave slots out; they fall back to the built-in default theme (and the
/// loader reports which).
public struct Theme: Hashable, Sendable {
    public var name: String
    public var description: String
    public var colors: [StyleSlot: ThemeColor]

    public init(name: String, description: String = "", colors: [StyleSlot: ThemeColor]) {
        self.name = name
        self.description = description
        self.colors = colors
    }

    /// The slot's colour, falling back to the default theme's.
    public subscript(slot: StyleSlot) -> ThemeColor {
        colors[slot] ?? Theme.default.colors[slot] ?? .terminalDefault
    }

    /// The built-in dark theme; `themes/default.toml` says the same, with comments.
    public static let `default` = Theme(
        name: "default",
        description: "Dark, for a duty console through a shift",
        colors: [
            .background: .rgb(0x10, 0x14, 0x18),
            .text: .rgb(0xD8, 0xDE, 0xE4),
            .muted: .rgb(0x7D, 0x85, 0x90),
            .accent: .rgb(0x4F, 0xB3, 0xD9),
            .border: .rgb(0x3A, 0x44, 0x50),
            .focus: .rgb(0xF2, 0xC1, 0x4E),
            .good: .rgb(0x3F, 0xB9, 0x50),
            .warn: .rgb(0xE3, 0xB3, 0x41),
            .bad: .rgb(0xF8, 0x51, 0x49),
            .na: .rgb(0x6E, 0x76, 0x81),
            // HJ 633-2012's official AQI category colours.
            .aqiExcellent: .rgb(0x00, 0xE4, 0x00),
            .aqiGood: .rgb(0xFF, 0xFF, 0x00),
            .aqiLight: .rgb(0xFF, 0x7E, 0x00),
            .aqiModerate: .rgb(0xFF, 0x00, 0x00),
            .aqiHeavy: .rgb(0x99, 0x00, 0x4C),
            .aqiSevere: .rgb(0x7E, 0x00, 0x23),
            // GB 3838-2002 classes: blues for I–II, green for III, then yellow, orange, red.
            .waterI: .rgb(0x00, 0x90, 0xFF),
            .waterII: .rgb(0x00, 0xC0, 0xFF),
            .waterIII: .rgb(0x00, 0xC8, 0x53),
            .waterIV: .rgb(0xFF, 0xD6, 0x00),
            .waterV: .rgb(0xFF, 0x8F, 0x00),
            .waterWorseThanV: .rgb(0xD5, 0x00, 0x00),
        ])
}
