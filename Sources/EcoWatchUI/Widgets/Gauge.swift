import EcoWatchCore
/// A horizontal bar for a percentage, in eighths of a cell, with the figure at its right
/// (`█████▍    73%`).
public struct Gauge: Hashable, Sendable {
    /// 0 … 100; values outside are clamped for the bar but shown as they are.
    public var percent: Double
    /// Shown at the right instead of the percentage, when set.
    public var label: String?
    public var style: Style

    public init(percent: Double, label: String? = nil, style: Style = Style(.accent)) {
        self.percent = percent
        self.label = label
        self.style = style
    }

    static let partials = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// The bar alone, exactly `width` columns: full blocks, one partial block, then `░`.
    public static func bar(percent: Double, width: Int) -> (filled: String, empty: String) {
        guard width > 0 else { return ("", "") }
        let share = percent.isFinite ? min(max(percent, 0), 100) / 100 : 0
        let eighths = Int((share * Double(width * 8)).rounded())
        let filled = String(repeating: "█", count: eighths / 8) + partials[eighths % 8]
        let used = eighths / 8 + (eighths % 8 == 0 ? 0 : 1)
        return (filled, String(repeating: "░", count: width - used))
    }

    /// Draws on the first row of `area`.
    public func render(into canvas: inout Canvas, area: Rect) {
        let area = area.intersection(canvas.bounds)
        guard !area.isEmpty else { return }
        let row = Rect(x: area.x, y: area.y, width: area.width, height: 1)
        canvas.fill(row)
        let text = label ?? "\(Int(percent.isFinite ? percent.rounded() : 0))%"
        let textWidth = displayWidth(text)
        let barWidth = textWidth + 1 < area.width ? area.width - textWidth - 1 : area.width
        let (filled, empty) = Gauge.bar(percent: percent, width: barWidth)
        var x = canvas.put(filled, x: area.x, y: area.y, style: style, clip: row)
        x = canvas.put(empty, x: x, y: area.y, style: Style(.muted, dim: true), clip: row)
        if barWidth < area.width {
            canvas.put(text, x: area.maxX - textWidth, y: area.y, style: Style(.text, bold: true), clip: row)
        }
    }
}
