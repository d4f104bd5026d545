import EcoWatchCore
/// A run of text in one style.
public struct Span: Hashable, Sendable {
    public var text: String
    public var style: Style

    public init(_ text: String, style: Style = .plain) {
        self.text = text
        self.style = style
    }

    /// Columns the span takes.
    public var width: Int { displayWidth(text) }
}

/// One line of styled spans, drawn on the first row of its area, aligned by display width and
/// cut with `…` when it does not fit. A `Label` is a line of a single span.
public struct TextLine: Hashable, Sendable {
    public var spans: [Span]
    public var alignment: Alignment

    public init(_ spans: [Span], alignment: Alignment = .left) {
        self.spans = spans
        self.alignment = alignment
    }

    /// A line of one text in one style.
    public init(_ text: String, style: Style = .plain, alignment: Alignment = .left) {
        self.init([Span(text, style: style)], alignment: alignment)
    }

    /// Columns the whole line takes.
    public var width: Int { spans.reduce(0) { $0 + $1.width } }

    /// The line's spans cut to `width` columns, the last kept span ending in `…` when cut.
    public func fitted(toWidth width: Int) -> [Span] {
        guard self.width > width else { return spans }
        guard width > 0 else { return [] }
        var result: [Span] = []
        var remaining = width
        for span in spans {
            let w = span.width
            if w < remaining || (w == remaining && span == spans.last) {
                result.append(span)
                remaining -= w
            } else {
                result.append(Span(truncated(span.text + "…", toWidth: remaining), style: span.style))
                break
            }
        }
        return result
    }

    /// Draws the line on the first row of `area`, clipped to it.
    public func render(into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty else { return }
        let fitted = fitted(toWidth: area.width)
        let total = fitted.reduce(0) { $0 + $1.width }
        var x = alignedX(total, in: area.x, width: area.width, alignment: alignment)
        for span in fitted {
            x = canvas.put(span.text, x: x, y: area.y, style: span.style, clip: area)
        }
    }
}

/// A single-style line: the common case of `TextLine`.
public typealias Label = TextLine
