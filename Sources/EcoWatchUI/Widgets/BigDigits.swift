import EcoWatchCore
/// Large figures for the kiosk's KPI strip, drawn with block characters: digits, `.`, `%`,
/// `/`, `-` and space. Each glyph is a 3×5 pixel pattern; `.three` draws it three rows high
/// with half blocks, `.five` five rows high with two columns per pixel.
public struct BigDigits: Hashable, Sendable {
    public enum Size: Hashable, Sendable {
        case three, five

        /// Rows a figure takes.
        public var rows: Int { self == .three ? 3 : 5 }
        var pixelWidth: Int { self == .three ? 1 : 2 }
    }

    public var text: String
    public var size: Size
    public var alignment: Alignment
    public var style: Style

    public init(_ text: String, size: Size = .three, alignment: Alignment = .left, style: Style = Style(.accent, bold: true)) {
        self.text = text
        self.size = size
        self.alignment = alignment
        self.style = style
    }

    /// Pixel patterns, top row first; `#` is ink.
    static let font: [Character: [String]] = [
        "0": ["###", "#.#", "#.#", "#.#", "###"],
        "1": [".#.", "##.", ".#.", ".#.", "###"],
        "2": ["###", "..#", "###", "#..", "###"],
        "3": ["###", "..#", ".##", "..#", "###"],
        "4": ["#.#", "#.#", "###", "..#", "..#"],
        "5": ["###", "#..", "###", "..#", "###"],
        "6": ["###", "#..", "###", "#.#", "###"],
        "7": ["###", "..#", "..#", ".#.", ".#."],
        "8": ["###", "#.#", "###", "#.#", "###"],
        "9": ["###", "#.#", "###", "..#", "###"],
        ".": [".", ".", ".", ".", "#"],
        "%": ["#.#", "..#", ".#.", "#..", "#.#"],
        "/": ["..#", "..#", ".#.", "#..", "#.."],
        "-": ["...", "...", "###", "...", "..."],
        " ": ["..", "..", "..", "..", ".."],
    ]

    /// The rows of text for the figure, all the same display width (one blank column between glyphs).
    public var lines: [String] {
        let glyphs = text.map { BigDigits.font[$0] ?? BigDigits.font[" "]! }
        var pixelRows = Array(repeating: "", count: 5)
        for (i, glyph) in glyphs.enumerated() {
            for r in 0..<5 { pixelRows[r] += (i > 0 ? "." : "") + glyph[r] }
        }
        switch size {
        case .five:
            return pixelRows.map { row in row.map { $0 == "#" ? "██" : "  " }.joined() }
        case .three:
            let pairs = [(0, 1), (2, 3), (4, -1)]
            return pairs.map { top, bottom in
                let upper = Array(pixelRows[top])
                let lower = bottom >= 0 ? Array(pixelRows[bottom]) : Array(repeating: ".", count: upper.count)
                return zip(upper, lower).map { a, b in
                    switch (a == "#", b == "#") {
                    case (true, true): "█"
                    case (true, false): "▀"
                    case (false, true): "▄"
                    case (false, false): " "
                    }
                }.joined()
            }
        }
    }

    /// Columns the figure takes.
    public var width: Int { lines.first.map { displayWidth($0) } ?? 0 }

    /// Draws the figure from the top of `area`, aligned across it and clipped to it.
    public func render(into canvas: inout Canvas, area: Rect) {
        let area = area.intersection(canvas.bounds)
        guard !area.isEmpty else { return }
        let x = alignedX(width, in: area.x, width: area.width, alignment: alignment)
        for (r, line) in lines.enumerated() where r < area.height {
            canvas.put(line, x: x, y: area.y + r, style: style, clip: area)
        }
    }
}
