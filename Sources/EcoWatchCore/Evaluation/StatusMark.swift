/// Every status the console, the reports and the exports show, each with its own glyph, name and
/// export word, defined here once (tasks use five of them, indicators eight).
///
/// | glyph | status | export word |
/// |---|---|---|
/// | ● | done: accepted and signed by both leaders by the deadline | `done` |
/// | ◐ | done late: signed after the deadline | `done-late` |
/// | ✓ | met: the target reached by its deadline (or kept) | `met` |
/// | ☑ | met late: reached after its deadline | `met-late` |
/// | ○ | on track: open, nothing behind | `on-track` |
/// | ▲ | at risk: behind, or a provisional figure short of the target | `at-risk` |
/// | ✗ | missed: the deadline has passed (or the closed year) and the target is not reached | `missed` |
/// | ✕ | overdue: a task past its deadline (or a missed milestone) and not done | `overdue` |
/// | — | not applicable: does not apply here (marine indicators inland) | `not-applicable` |
/// | ⋯ | not by district: a city figure, not broken down (or a district's share of a city total) | `not-by-district` |
/// | ? | no data yet | `no-data` |
///
/// The glyph always goes with the colour, so that NO_COLOR, print, exports and colour-blind
/// readers lose nothing.
public enum StatusMark: String, CaseIterable, Hashable, Sendable, Codable {
    case done
    case doneLate = "done-late"
    case met
    case metLate = "met-late"
    case onTrack = "on-track"
    case atRisk = "at-risk"
    case missed
    case overdue
    case notApplicable = "not-applicable"
    case notByDistrict = "not-by-district"
    case noData = "no-data"

    /// The glyph that carries the status without colour (one column wide).
    public var glyph: String {
        switch self {
        case .done: "●"
        case .doneLate: "◐"
        case .met: "✓"
        case .metLate: "☑"
        case .onTrack: "○"
        case .atRisk: "▲"
        case .missed: "✗"
        case .overdue: "✕"
        case .notApplicable: "—"
        case .notByDistrict: "⋯"
        case .noData: "?"
        }
    }

    /// The status as a reader sees it.
    public var name: LocalizedText {
        switch self {
        case .done: LocalizedText(zh: "已销号", en: "done")
        case .doneLate: LocalizedText(zh: "逾期销号", en: "done late")
        case .met: LocalizedText(zh: "达标", en: "met")
        case .metLate: LocalizedText(zh: "逾期达标", en: "met late")
        case .onTrack: LocalizedText(zh: "推进中", en: "on track")
        case .atRisk: LocalizedText(zh: "有风险", en: "at risk")
        case .missed: LocalizedText(zh: "未达标", en: "missed")
        case .overdue: LocalizedText(zh: "已逾期", en: "overdue")
        case .notApplicable: LocalizedText(zh: "不适用", en: "not applicable")
        case .notByDistrict: LocalizedText(zh: "不分区县", en: "not by district")
        case .noData: LocalizedText(zh: "无数据", en: "no data")
        }
    }

    /// The word in exports (CSV, JSON, Markdown): the raw value.
    public var exportWord: String { rawValue }

    /// Good, a warning, bad, or stepping back: what the colour says.
    public var tone: StatusTone {
        switch self {
        case .done, .met, .onTrack: .good
        case .doneLate, .metLate, .atRisk: .warn
        case .missed, .overdue: .bad
        case .notApplicable, .notByDistrict, .noData: .neutral
        }
    }

    /// The marks a task can have, in the order of its life.
    public static let taskMarks: [StatusMark] = TaskStatus.allCases.map(\.mark)
    /// The marks an indicator can have.
    public static let indicatorMarks: [StatusMark] = TargetStatus.allCases.map(\.mark)
}

/// What a status's colour conveys.
public enum StatusTone: Sendable, Hashable {
    case good, warn, bad, neutral
}

extension TaskStatus {
    /// The mark the task's status is shown with.
    public var mark: StatusMark {
        switch self {
        case .done: .done
        case .doneLate: .doneLate
        case .onTrack: .onTrack
        case .atRisk: .atRisk
        case .overdue: .overdue
        }
    }

    /// The status as a reader sees it.
    public var name: LocalizedText { mark.name }
    /// The glyph that carries the status without colour.
    public var glyph: String { mark.glyph }
}

extension TargetStatus {
    /// The mark the indicator's status is shown with.
    public var mark: StatusMark {
        switch self {
        case .met: .met
        case .metLate: .metLate
        case .onTrack: .onTrack
        case .atRisk: .atRisk
        case .missed: .missed
        case .notApplicable: .notApplicable
        case .notByDistrict: .notByDistrict
        case .noData: .noData
        }
    }

    /// The status as a reader sees it.
    public var name: LocalizedText { mark.name }
    /// The glyph that carries the status without colour.
    public var glyph: String { mark.glyph }
}
