import EcoWatchCore

/// A status as the console draws it: Core's `StatusMark` (glyph, name, export word, defined
/// once there) and the theme slot its tone maps to.
extension StatusMark {
    /// The theme slot of the glyph.
    public var slot: StyleSlot {
        switch tone {
        case .good: .good
        case .warn: .warn
        case .bad: .bad
        case .neutral: .na
        }
    }

    /// The glyph's style: bold, except for the neutral marks (not applicable, not by district, no
    /// data), which step back.
    public var style: Style { Style(slot, bold: tone != .neutral, dim: tone == .neutral) }

    public init(_ status: TaskStatus) { self = status.mark }
    public init(_ status: TargetStatus) { self = status.mark }
}

/// A status glyph, optionally followed by the status's name (`✕ 逾期`).
public struct StatusGlyph: Hashable, Sendable {
    public var mark: StatusMark
    /// The language of the name; nil shows the glyph alone.
    public var language: Language?

    public init(_ mark: StatusMark, language: Language? = nil) {
        self.mark = mark
        self.language = language
    }

    /// The glyph and name as spans, for use inside a `TextLine`.
    public var spans: [Span] {
        var spans = [Span(mark.glyph, style: mark.style)]
        if let language { spans.append(Span(" " + mark.name[language], style: Style(mark.slot))) }
        return spans
    }

    /// Draws on the first row of `area`.
    public func render(into canvas: inout Canvas, area: Rect) {
        TextLine(spans).render(into: &canvas, area: area)
    }
}
