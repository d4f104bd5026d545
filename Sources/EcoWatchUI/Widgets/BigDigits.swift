import EcoWatchCore
/// Large figures for the kiosk's KPI strip, drawn with block characters: digits, `.`, `%`,
/// `/`, `-` and space. Each glyph is a 3×5 pixel pattern drawn at a `Scale`: each pixel
/// `halfRows` half-blocks high and `columns` columns wide, so one font grows with the screen.
public struct BigDigits: Hashable, Sendable {
    /// How large a pixel is drawn.
    public struct Scale: Hashable, Sendable {
        /// Half-rows per pixel (a cell holds two: ▀ ▄ █).
        public var halfRows: Int
        /// Columns per pixel.
        public var columns: Int

        public init(halfRows: Int, columns: Int) {
            self.halfRows = max(1, halfRows)
            self.columns = max(1, columns)
        }

        /// Three rows high, a column a pixel: the smallest.
        public static let three = Scale(halfRows: 1, columns: 1)
        /// Five rows high, two columns a pixel.
        public static let five = Scale(halfRows: 2, columns: 2)

        /// Rows a figure takes.
        public var rows: Int { (5 * halfRows + 1) / 2 }
    }

    public var text: String
    public var size: Scale
    public var alignment: Alignment
    public var style: Style

    public init(_ text: String, size: Scale = .three, alignment: Alignment = .left, style: Style = Style(.accent, bold: true)) {
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

    /// The figure's pixels, top row first (one blank pixel column between glyphs).
    static func pixels(_ text: String) -> [[Bool]] {
        let glyphs = text.map { BigDigits.font[$0] ?? BigDigits.font[" "]! }
        var rows = Array(repeating: [Bool](), count: 5)
        for (i, glyph) in glyphs.enumerated() {
            for r in 0..<5 { rows[r] += (i > 0 ? [false] : []) + glyph[r].map { $0 == "#" } }
        }
        return rows
    }

    /// Columns `text` takes at `size`, without drawing it.
    public static func width(of text: String, size: Scale) -> Int {
        (pixels(text).first?.count ?? 0) * size.columns
    }

    /// The rows of text for the figure, all the same display width.
    public var lines: [String] {
        let pixels = BigDigits.pixels(text)
        // Each pixel row becomes `halfRows` half-rows; each pixel `columns` columns.
        var halves: [[Bool]] = pixels.flatMap { row in
            Array(repeating: row.flatMap { Array(repeating: $0, count: size.columns) }, count: size.halfRows)
        }
        let width = halves.first?.count ?? 0
        if halves.count % 2 == 1 { halves.append(Array(repeating: false, count: width)) }
        return stride(from: 0, to: halves.count, by: 2).map { r in
            zip(halves[r], halves[r + 1]).map { top, bottom in
                switch (top, bottom) {
                case (true, true): "█"
                case (true, false): "▀"
                case (false, true): "▄"
                case (false, false): " "
                }
            }.joined()
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
