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
