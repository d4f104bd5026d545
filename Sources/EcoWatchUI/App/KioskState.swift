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
    /// The time machine's story, when replaying.
    public var replay: Replay?

    /// A replay: the months in order, each shown for an interval, then a closing frame.
    public struct Replay: Hashable, Sendable {
        /// The months it runs through.
        public var months: ClosedRange<YearMonth>
        /// The month on screen.
        public var month: YearMonth
        /// Whether the closing frame gives way to the first month again by itself.
        public var loop: Bool
        /// True on the closing frame: the last month, with what changed since the first.
        public var closing = false
        /// Where the first month stood, taken when the closing frame begins.
        public var first: Standing?

        /// What a month of the story stood at.
        public struct Standing: Hashable, Sendable {
            public let tasksDone: Int
            public let targetsMet: Int

            public init(_ snapshot: DashboardSnapshot) {
                tasksDone = snapshot.tasks.filter { $0.status.isDone }.count
                targetsMet = snapshot.results[cityAreaID]?.values.filter { $0.status.isReached }.count ?? 0
            }
        }

        public init(months: ClosedRange<YearMonth>, loop: Bool = false) {
            self.months = months
            self.month = months.lowerBound
            self.loop = loop
        }

        /// 1-based position of the month on screen, and how many months there are.
        public var position: (index: Int, count: Int) {
            (month.index - months.lowerBound.index + 1, months.upperBound.index - months.lowerBound.index + 1)
        }
    }

    /// Intervals a looping replay's closing frame stays before the story starts again.
    public static let closingIntervals = 3

    public init(playlist: [Route], interval: Int, replay: ClosedRange<YearMonth>? = nil, loop: Bool = false) {
        self.playlist = playlist.isEmpty ? [.overview] : playlist
        self.interval = max(1, interval)
        self.replay = replay.map { Replay(months: $0, loop: loop) }
    }

    /// The day a replayed month is judged as of: the first day of the month after it, so the
    /// month's own figures count.
    public static func asOf(replaying month: YearMonth) -> Day {
        month.adding(months: 1).firstDay
    }

    /// The tour meeting mode gives when no playlist is named: the overview, the overdue and
    /// at-risk tasks, each district in turn (those with a missed target or an overdue task
    /// first, in the programme's order within each group), the stations now, and the
    /// programme's missed targets.
    public static func tour(_ snapshot: DashboardSnapshot, programme: Programme) -> [Route] {
        let districts = programme.districts.map(\.id)
        let flagged = districts.filter { snapshot.needsAttention(district: $0) }
        let rest = districts.filter { !flagged.contains($0) }
        return [.overview, .overdue] + (flagged + rest).map(Route.district) + [.stations(district: nil), .missedTargets]
    }
}

/// Meeting mode's clock: one second on. Rotates the views; a replay steps a month each
/// interval and ends on a closing frame that holds (or, looping, starts again).
func kioskSecond(_ state: inout AppState) {
    guard var kiosk = state.kiosk, !kiosk.paused else { return }
    kiosk.elapsed += 1
    if var replay = kiosk.replay {
        if replay.closing {
            if replay.loop, kiosk.elapsed >= kiosk.interval * KioskState.closingIntervals {
                kiosk.elapsed = 0
                replay.closing = false
                replay.month = replay.months.lowerBound
                kiosk.index = 0
                state.move(asOf: KioskState.asOf(replaying: replay.month))
            }
        } else if kiosk.elapsed >= kiosk.interval {
            kiosk.elapsed = 0
            if replay.month >= replay.months.upperBound {
                replay.closing = true
                replay.first = KioskState.Replay.Standing(DashboardSnapshot(programme: state.programme, evaluator: state.evaluator,
                                                                 asOf: KioskState.asOf(replaying: replay.months.lowerBound)))
            } else {
                replay.month = replay.month.adding(months: 1)
                kiosk.index = (kiosk.index + 1) % kiosk.playlist.count
                state.move(asOf: KioskState.asOf(replaying: replay.month))
            }
        }
        kiosk.replay = replay
    } else if kiosk.elapsed >= kiosk.interval {
        kiosk.elapsed = 0
        kiosk.index = (kiosk.index + 1) % kiosk.playlist.count
    }
    state.stack = [kiosk.playlist[kiosk.index]]
    state.kiosk = kiosk
}

/// A key on a replay's closing frame starts the story again from its first month.
func restartReplay(_ state: inout AppState) {
    guard var kiosk = state.kiosk, var replay = kiosk.replay else { return }
    replay.closing = false
    replay.month = replay.months.lowerBound
    kiosk.replay = replay
    kiosk.index = 0
    kiosk.elapsed = 0
    kiosk.paused = false
    state.kiosk = kiosk
    state.stack = [kiosk.playlist[0]]
    state.move(asOf: KioskState.asOf(replaying: replay.month))
}
