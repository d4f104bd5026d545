import EcoWatchCore

/// A task's reported progress (0–100) over time, as steps, against the planned straight line
/// from 0 at its start to 100 at its deadline (dotted): the task screen's chart. A `┊` marks
/// the as-of day.
public struct ProgressChart: Hashable, Sendable {
    /// A progress report: the day and the percentage reported.
    public struct Point: Hashable, Sendable {
        public var day: Day
        public var percent: Double

        public init(day: Day, percent: Double) {
            self.day = day
            self.percent = percent
        }
    }

    /// The reports, in any order; only those on or before `asOf` are drawn.
    public var points: [Point]
    public var start: Day
    /// Nil for a long-term task: no planned line.
    public var deadline: Day?
    public var asOf: Day
    public var style: Style
    public var plannedStyle: Style

    public init(points: [Point], start: Day, deadline: Day?, asOf: Day,
                style: Style = Style(.accent, bold: true), plannedStyle: Style = Style(.muted)) {
        self.points = points
        self.start = start
        self.deadline = deadline
        self.asOf = asOf
        self.style = style
        self.plannedStyle = plannedStyle
    }

    /// Clears `area` and draws the axes, the planned line, the as-of marker and the reports in it.
    public func render(into canvas: inout Canvas, area: Rect) {
        let area = area.intersection(canvas.bounds)
        guard !area.isEmpty else { return }
        canvas.fill(area)
        let reports = points.filter { $0.day <= asOf && $0.day >= start }.sorted { $0.day < $1.day }
        let end = max(deadline ?? asOf, asOf, reports.last?.day ?? start)
        let span = max(1, end.days(since: start))
        let plotRows = area.height >= 3 ? area.height - 1 : area.height
        var labels: [(row: Int, text: String)] = [(0, "100%")]
        if plotRows > 1 { labels.append((plotRows - 1, "0%")) }
        if plotRows >= 5 { labels.append(((plotRows - 1) / 2, "50%")) }
        let plot = drawChartFrame(into: &canvas, area: area, yLabels: labels,
                                  xLabels: (start.description, end.description))
        guard !plot.isEmpty else { return }
        var grid = BrailleGrid(columns: plot.width, rows: plot.height)
        func dotX(_ day: Day) -> Int {
            Int((Double(day.days(since: start)) / Double(span) * Double(grid.dotWidth - 1)).rounded())
        }
        func dotY(_ percent: Double) -> Int {
            Int(((100 - min(max(percent, 0), 100)) / 100 * Double(grid.dotHeight - 1)).rounded())
        }
        if let deadline {
            grid.line(dotX(start), dotY(0), dotX(deadline), dotY(100), layer: 0, dashed: true)
        }
        var x = dotX(start), y = dotY(0)
        for report in reports {
            let nx = dotX(report.day), ny = dotY(report.percent)
            grid.line(x, y, nx, y, layer: 1)
            grid.line(nx, y, nx, ny, layer: 1)
            x = nx
            y = ny
        }
        grid.line(x, y, dotX(asOf), y, layer: 1)
        let asOfColumn = dotX(asOf) / 2
        for row in 0..<plot.height where asOf < end && !grid.isSet(column: asOfColumn, row: row) {
            canvas.put("┊", x: plot.x + asOfColumn, y: plot.y + row, style: Style(.muted, dim: true), clip: plot)
        }
        grid.render(into: &canvas, x: plot.x, y: plot.y, styles: [plannedStyle, style], clip: plot)
    }
}
