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
    /// How many of the last hints are kept whatever the width (the others give way first).
    public var pinned: Int

    public init(_ hints: [Hint], pinned: Int = 0) {
        self.hints = hints
        self.pinned = min(max(0, pinned), hints.count)
    }

    private static func width(_ hint: Hint) -> Int { displayWidth(hint.key) + 1 + displayWidth(hint.label) }

    /// The spans of the hints that fit in `width`, in order: the leading hints while they fit
    /// beside the pinned ones, then the pinned ones.
    public func spans(fitting width: Int) -> [Span] {
        let tail = hints.suffix(pinned)
        let tailWidth = tail.reduce(0) { $0 + 2 + Self.width($1) }
        var chosen: [Hint] = []
        var used = 0
        for hint in hints.dropLast(pinned) {
            let w = (chosen.isEmpty ? 0 : 2) + Self.width(hint)
            if used + w + tailWidth > width { break }
            chosen.append(hint)
            used += w
        }
        chosen += tail
        var spans: [Span] = []
        used = 0
        for hint in chosen {
            let gap = spans.isEmpty ? 0 : 2
            let w = gap + Self.width(hint)
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
