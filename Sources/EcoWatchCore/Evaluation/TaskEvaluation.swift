/// A long-term task's milestones as of a day.
public struct MilestoneCount: Hashable, Sendable {
    /// Met so far.
    public let met: Int
    /// Due so far (31 December passed), or met early.
    public let due: Int
    /// All the task's milestones.
    public let total: Int
}

/// A task's standing as of a day, with what a supervisor needs to see why.
public struct TaskResult: Hashable, Sendable {
    public let task: RectificationTask
    public let asOf: Day
    public let status: TaskStatus
    /// Days past the deadline (or the missed milestone) while overdue; 0 otherwise.
    public let daysOverdue: Int
    /// The latest reported progress (0–100); 100 once done. For a long-term task, the share
    /// of the milestones due so far that are met (0 while none is due).
    public let progress: Int
    /// For a long-term task: milestones met and milestones due so far (a milestone met before it
    /// is due counts as due), of `task.milestones.count`.
    public let milestonesDue: MilestoneCount?
    /// Where a straight line from start to deadline stands on the day (nil for long-term tasks).
    public let expectedProgress: Int?
    public let accepted: Day?
    public let partySignoff: Day?
    public let governmentSignoff: Day?
    /// The earliest milestone of a long-term task that was due and is not yet met.
    public let missedMilestone: Milestone?
    /// The latest supervision visit found the task at risk.
    public let flaggedBySupervision: Bool
    /// The events that count (dated on or before the day), oldest first.
    public let events: [TaskEvent]

    public var lastEvent: TaskEvent? { events.last }

    /// The deadline it is judged against today: the final one, or the milestone that is due
    /// (the missed one, else this year's).
    public var effectiveDeadline: Day? {
        if let deadline = task.deadline { return deadline }
        if let missedMilestone { return missedMilestone.due }
        return task.milestones.first { $0.due >= asOf }?.due
    }
}

/// Judges a task as of `day` from its events (only those dated on or before `day` count).
///
/// - done: accepted and both sign-offs recorded, the later signature on or before the deadline;
///   done late when it falls after.
/// - overdue: not done and the day is after the deadline; long-term tasks: a milestone due
///   (31 December of its year) before the day and not yet met.
/// - at risk: not done, the deadline within 60 days, and progress more than 20 points behind
///   the straight line from start to deadline; or the latest supervision visit flagged it.
/// - on track: every other open task.
public func evaluateTask(_ task: RectificationTask, events allEvents: [TaskEvent], asOf day: Day) -> TaskResult {
    let events = allEvents.filter { $0.taskID == task.id && $0.date <= day }.sorted { $0.date < $1.date }
    let accepted = events.first { $0.kind == .acceptance }?.date
    let party = events.first { $0.kind == .signoffParty }?.date
    let government = events.first { $0.kind == .signoffGovernment }?.date
    var reported = events.last { $0.progress != nil }?.progress ?? 0
    let flagged = events.last { $0.kind == .supervision }?.flagsRisk ?? false

    var status: TaskStatus = .onTrack
    var daysOverdue = 0
    var expected: Int?
    var missed: Milestone?
    var milestonesDue: MilestoneCount?

    if let deadline = task.deadline {
        let span = max(1, deadline.days(since: task.start))
        let elapsed = min(max(0, day.days(since: task.start)), span)
        expected = Int((Double(elapsed) * 100 / Double(span)).rounded())
        if accepted != nil, let party, let government {
            status = max(party, government) <= deadline ? .done : .doneLate
        } else if day > deadline {
            status = .overdue
            daysOverdue = day.days(since: deadline)
        } else if flagged || (deadline.days(since: day) <= 60 && (expected ?? 0) - reported > 20) {
            status = .atRisk
        }
    } else {
        let met = Set(events.compactMap { $0.kind == .milestone ? $0.milestoneYear : nil })
        // A long-term task's progress is the share of the milestones due so far that are met:
        // one that met every milestone so far is at 100 %, not at 20 % of five.
        if !task.milestones.isEmpty {
            let metCount = task.milestones.filter { met.contains($0.year) }.count
            let due = task.milestones.filter { $0.due < day || met.contains($0.year) }.count
            milestonesDue = MilestoneCount(met: metCount, due: due, total: task.milestones.count)
            reported = due == 0 ? 0 : Int((Double(metCount) * 100 / Double(due)).rounded())
        }
        missed = task.milestones.first { $0.due < day && !met.contains($0.year) }
        if let missed {
            status = .overdue
            daysOverdue = day.days(since: missed.due)
        } else if flagged {
            status = .atRisk
        }
    }
    return TaskResult(task: task, asOf: day, status: status, daysOverdue: daysOverdue,
                      progress: status.isDone ? 100 : reported, milestonesDue: milestonesDue, expectedProgress: expected,
                      accepted: accepted, partySignoff: party, governmentSignoff: government,
                      missedMilestone: missed, flaggedBySupervision: flagged, events: events)
}

extension Programme {
    /// Every task judged as of `day`, in ID order.
    public func taskResults(asOf day: Day) -> [TaskResult] {
        let byTask = Dictionary(grouping: events, by: \.taskID)
        return tasks.map { evaluateTask($0, events: byTask[$0.id] ?? [], asOf: day) }
    }
}
