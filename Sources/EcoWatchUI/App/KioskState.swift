import EcoWatchCore

/// Meeting mode: views rotate full-screen under a KPI strip, optionally replaying the
/// programme month by month. Driven by the seconds `Action.tick` reports.
public struct KioskState: Hashable, Sendable {
    public var playlist: [Route]
    /// Seconds each view (or replayed month) stays on screen.
    public var interval: Int
    public var index = 0
    public var elapsed = 0
    /// Any key pauses; the next key resumes.
    public var paused = false
    /// The months a replay runs through; nil for a plain rotation.
    public var replay: ClosedRange<YearMonth>?

    public init(playlist: [Route], interval: Int, replay: ClosedRange<YearMonth>? = nil) {
        self.playlist = playlist.isEmpty ? [.overview] : playlist
        self.interval = max(1, interval)
        self.replay = replay
    }

    /// The day a replayed month is judged as of: the first day of the month after it, so the
    /// month's own figures count.
    public static func asOf(replaying month: YearMonth) -> Day {
        month.adding(months: 1).firstDay
    }
}
