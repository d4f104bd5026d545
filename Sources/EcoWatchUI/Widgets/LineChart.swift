/// A monthly series drawn in braille dots with value labels at the left and, optionally, the
/// target as a dashed line (`╌`): the indicator screen's chart.
public struct LineChart: Hashable, Sendable {
    /// One value a month, oldest first; nil is a month without data (a gap in the line).
    public var values: [Double?]
    /// The target, drawn as a dashed line and labelled on the axis.
    public var target: Double?
    /// Fixed ends of the value axis; by default the range of the values and the target.
    public var minimum: Double?
    public var maximum: Double?
    /// Labels under the first and the last month (`2021-01`, `2023-12`).
    public var firstLabel: String
    public var lastLabel: String
    /// Decimal places of the axis labels.
    public var decimals: Int
    public var style: Style
    public var targetStyle: Style

    public init(values: [Double?], target: Double? = nil, minimum: Double? = nil, maximum: Double? = nil,
                firstLabel: String = "", lastLabel: String = "", decimals: Int = 0,
                style: Style = Style(.accent, bold: true), targetStyle: Style = Style(.warn)) {
        self.values = values
        self.target = target
        self.minimum = minimum
        self.maximum = maximum
        self.firstLabel = firstLabel
        self.lastLabel = lastLabel
        self.decimals = decimals
        self.style = style
        self.targetStyle = targetStyle
    }

    /// The value axis: low and high ends.
    func range() -> (low: Double, high: Double) {
        let known = values.compactMap { $0 }.filter(\.isFinite) + (target.map { [$0] } ?? [])
        var low = minimum ?? known.min() ?? 0
        var high = maximum ?? known.max() ?? 1
        if high <= low { low -= 1; high += 1 }
        return (low, high)
    }

    /// Clears `area` and draws the axes, the target and the series in it.
    public func render(into canvas: inout Canvas, area: Rect) {
        let area = area.intersection(canvas.bounds)
        guard !area.isEmpty else { return }
        canvas.fill(area)
        let (low, high) = range()
        let plotRows = area.height >= 3 ? area.height - 1 : area.height
        guard plotRows > 0 else { return }
        // The cell row of a value (0 at the top).
        func row(_ v: Double) -> Int {
            Int(((high - min(max(v, low), high)) / (high - low) * Double(plotRows * 4 - 1)).rounded()) / 4
        }
        // The target's label wins over an end's when they would share a row.
        var labels: [(row: Int, text: String)] = []
        if let target { labels.append((row(target), formatValue(target, decimals: decimals))) }
        for (r, v) in [(0, high), (plotRows - 1, low)] where !labels.contains(where: { $0.row == r }) {
            labels.append((r, formatValue(v, decimals: decimals)))
        }
        let plot = drawChartFrame(into: &canvas, area: area, yLabels: labels, xLabels: (firstLabel, lastLabel))
        guard !plot.isEmpty else { return }
        var grid = BrailleGrid(columns: plot.width, rows: plot.height)
        let n = values.count
        func dotX(_ i: Int) -> Int { n <= 1 ? 0 : Int((Double(i) * Double(grid.dotWidth - 1) / Double(n - 1)).rounded()) }
        func dotY(_ v: Double) -> Int {
            Int(((high - min(max(v, low), high)) / (high - low) * Double(grid.dotHeight - 1)).rounded())
        }
        var previous: (Int, Int)?
        for (i, value) in values.enumerated() {
            guard let value, value.isFinite else { previous = nil; continue }
            let point = (dotX(i), dotY(value))
            if let previous { grid.line(previous.0, previous.1, point.0, point.1, layer: 0) } else { grid.set(point.0, point.1, layer: 0) }
            previous = point
        }
        if let target {
            let y = row(target)
            for column in 0..<plot.width where y < plot.height && !grid.isSet(column: column, row: y) {
                canvas.put("╌", x: plot.x + column, y: plot.y + y, style: targetStyle, clip: plot)
            }
        }
        grid.render(into: &canvas, x: plot.x, y: plot.y, styles: [style], clip: plot)
    }
}
