import EcoWatchCore
/// The footer's key hints (`q quit  ? help  / filter`): keys bold in `accent`, labels in
/// `muted`. A hint that does not fit is left out whole, never cut in half.
public struct KeyHints: Hashable, Sendable {
    public struct Hint: Hashable, Sendable {
        public var key: String
        public var label: String

        public init(_ key: String, _ label: String) {
            self.key = key
            self.label = label
        }
    }

    public var hints: [Hint]

    public init(_ hints: [Hint]) {
        self.hints = hints
    }

    /// The spans of the hints that fit in `width`, in order.
    public func spans(fitting width: Int) -> [Span] {
        var spans: [Span] = []
        var used = 0
        for hint in hints {
            let gap = spans.isEmpty ? 0 : 2
            let w = gap + displayWidth(hint.key) + 1 + displayWidth(hint.label)
            if used + w > width { break }
            if gap > 0 { spans.append(Span("  ")) }
            spans.append(Span(hint.key, style: Style(.accent, bold: true)))
            spans.append(Span(" " + hint.label, style: Style(.muted)))
            used += w
        }
        return spans
    }

    /// Draws on the first row of `area`.
    public func render(into canvas: inout Canvas, area: Rect) {
        let area = area.intersection(canvas.bounds)
        guard !area.isEmpty else { return }
        canvas.fill(Rect(x: area.x, y: area.y, width: area.width, height: 1))
        TextLine(spans(fitting: area.width)).render(into: &canvas, area: area)
    }
}
