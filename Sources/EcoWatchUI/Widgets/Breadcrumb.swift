import EcoWatchCore
/// The path to the current view (`宁波市 › 北仑区 › PM2.5`). When it does not fit, the
/// leading steps give way to `…`, so the current view always shows.
public struct Breadcrumb: Hashable, Sendable {
    public var items: [String]
    public var separator: String

    public init(_ items: [String], separator: String = " › ") {
        self.items = items
        self.separator = separator
    }

    /// The spans that fit `width`: the last item bold, the rest muted.
    public func spans(fitting width: Int) -> [Span] {
        guard !items.isEmpty else { return [] }
        let sep = displayWidth(separator)
        let total = items.map { displayWidth($0) }.reduce(0, +) + sep * (items.count - 1)
        var kept = items
        if total > width {
            // Keep the most recent steps that fit after "… › ".
            kept = [items[items.count - 1]]
            var used = displayWidth("…") + sep + displayWidth(kept[0])
            for item in items.dropLast().reversed() {
                let w = displayWidth(item) + sep
                if used + w > width { break }
                kept.insert(item, at: 0)
                used += w
            }
            // Too narrow even for "… › last": the current view alone, cut to fit.
            if used <= width { kept.insert("…", at: 0) }
        }
        var spans: [Span] = []
        for (i, item) in kept.enumerated() {
            if i > 0 { spans.append(Span(separator, style: Style(.muted))) }
            spans.append(Span(item, style: i == kept.count - 1 ? Style(.text, bold: true) : Style(.muted)))
        }
        return spans
    }

    /// Draws on the first row of `area`.
    public func render(into canvas: inout Canvas, area: Rect) {
        TextLine(spans(fitting: area.width)).render(into: &canvas, area: area)
    }
}
