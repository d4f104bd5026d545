/// A rectification task's status as of a day (DOMAIN.md's rules).
public enum TaskStatus: String, CaseIterable, Sendable, Codable {
    case done
    case doneLate = "done-late"
    case onTrack = "on-track"
    case atRisk = "at-risk"
    case overdue

    /// Whether the task is closed (accepted and signed by both leaders).
    public var isDone: Bool { self == .done || self == .doneLate }
}

extension TaskStatus {
    /// The status as a reader sees it.
    public var name: LocalizedText {
        switch self {
        case .done: LocalizedText(zh: "已销号", en: "done")
        case .doneLate: LocalizedText(zh: "逾期销号", en: "done late")
        case .onTrack: LocalizedText(zh: "推进中", en: "on track")
        case .atRisk: LocalizedText(zh: "有风险", en: "at risk")
        case .overdue: LocalizedText(zh: "已逾期", en: "overdue")
        }
    }

    /// The glyph that carries the status without colour.
    public var glyph: String {
        switch self {
        case .done, .doneLate: "✓"
        case .onTrack: "○"
        case .atRisk: "▲"
        case .overdue: "✕"
        }
    }
}
