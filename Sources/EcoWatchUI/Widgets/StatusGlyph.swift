import EcoWatchCore

/// A status as the console shows it: always a glyph and a colour slot, so that a projector or a
/// colour-blind reader loses nothing. Indicators are met, at risk, missed or not applicable;
/// tasks are done, done late, on track, at risk or overdue.
public enum StatusMark: String, CaseIterable, Hashable, Sendable {
    case met, atRisk, missed, notApplicable
    case done, doneLate, onTrack, overdue

    /// The glyph and name, defined once in Core with the statuses themselves.
    private var definition: (glyph: String, name: LocalizedText) {
        switch self {
        case .met: (TargetStatus.met.glyph, TargetStatus.met.name)
        case .atRisk: (TargetStatus.atRisk.glyph, TargetStatus.atRisk.name)
        case .missed: (TargetStatus.missed.glyph, TargetStatus.missed.name)
        case .notApplicable: (TargetStatus.notApplicable.glyph, TargetStatus.notApplicable.name)
        case .done: (TaskStatus.done.glyph, TaskStatus.done.name)
        case .doneLate: (TaskStatus.doneLate.glyph, TaskStatus.doneLate.name)
        case .onTrack: (TaskStatus.onTrack.glyph, TaskStatus.onTrack.name)
        case .overdue: (TaskStatus.overdue.glyph, TaskStatus.overdue.name)
        }
    }

    /// ✓ met or done, ▲ at risk, ✕ missed or overdue, — not applicable, ○ on track (open).
    public var glyph: String { definition.glyph }

    /// The theme slot of the glyph.
    public var slot: StyleSlot {
        switch self {
        case .met, .done, .onTrack: .good
        case .atRisk, .doneLate: .warn
        case .missed, .overdue: .bad
        case .notApplicable: .na
        }
    }

    /// The glyph's style: bold, except for "not applicable", which steps back.
    public var style: Style { Style(slot, bold: self != .notApplicable, dim: self == .notApplicable) }

    /// The status's name.
    public var name: LocalizedText { definition.name }
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
