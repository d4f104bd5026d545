/// A series as a row (or rows) of bars `▁▂▃▄▅▆▇█`, newest at the right; nil is a gap.
///
/// The scale runs from `minimum` to `maximum` (by default the series' own range). Any value
/// shows at least `▁`, so a low value is never mistaken for a gap.
public struct Sparkline: Hashable, Sendable {
    public var values: [Double?]
    public var minimum: Double?
    public var maximum: Double?
    public var style: Style

    public init(_ values: [Double?], minimum: Double? = nil, maximum: Double? = nil, style: Style = Style(.accent)) {
        self.values = values
        self.minimum = minimum
        self.maximum = maximum
        self.style = style
    }

    static let bars = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// How many eighths of `rows` rows `value` fills (1 … 8·rows).
    func eighths(_ value: Double, rows: Int) -> Int {
        let present = values.compactMap { $0 }
        let low = minimum ?? present.min() ?? 0
        let high = maximum ?? present.max() ?? 1
        let steps = 8 * rows
        guard high > low else { return steps / 2 }
        let share = (min(max(value, low), high) - low) / (high - low)
        return max(1, Int((share * Double(steps)).rounded()))
    }

    /// The last `width` values as one row of text (a gap is a space), for a table cell.
    public func text(width: Int) -> String {
        values.suffix(width).map { value in
            guard let value, value.isFinite else { return " " }
            return Sparkline.bars[min(eighths(value, rows: 1), 8) - 1]
        }.joined()
    }

    /// Draws the last `area.width` values, bottom-aligned in `area`.
    public func render(into canvas: inout Canvas, area: Rect) {
        let area = area.intersection(canvas.bounds)
        guard !area.isEmpty else { return }
        canvas.fill(area)
        let shown = values.suffix(area.width)
        var x = area.maxX - shown.count
        for value in shown {
            defer { x += 1 }
            guard let value, value.isFinite else { continue }
            var level = eighths(value, rows: area.height)
            var y = area.maxY - 1
            while level > 0, y >= area.y {
                canvas.put(Sparkline.bars[min(level, 8) - 1], x: x, y: y, style: style, clip: area)
                level -= 8
                y -= 1
            }
        }
    }
}
