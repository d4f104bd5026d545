import EcoWatchCore

/// A status as the console shows it: always a glyph and a colour slot, so that a projector or a
/// colour-blind reader loses nothing. Indicators are met, at risk, missed or not applicable;
/// tasks are done, done late, on track, at risk or overdue.
public enum StatusMark: String, CaseIterable, Hashable, Sendable {
    case met, atRisk, missed, notApplicable
    case done, doneLate, onTrack, overdue

    /// ✓ met or done, ▲ at risk, ✕ missed or overdue, — not applicable, ○ on track (open).
    public var glyph: String {
        switch self {
        case .met, .done, .doneLate: "✓"
        case .atRisk: "▲"
        case .missed, .overdue: "✕"
        case .notApplicable: "—"
        case .onTrack: "○"
        }
    }

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
    public var name: LocalizedText {
        switch self {
        case .met: Strings.statusMet
        case .atRisk: Strings.statusAtRisk
        case .missed: Strings.statusMissed
        case .notApplicable: Strings.statusNotApplicable
        case .done: Strings.statusDone
        case .doneLate: Strings.statusDoneLate
        case .onTrack: Strings.statusOnTrack
        case .overdue: Strings.statusOverdue
        }
    }
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
