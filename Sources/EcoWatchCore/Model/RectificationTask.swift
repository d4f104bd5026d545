/// When a task is due: the end of 2021, the end of 2022, or pursued long-term.
public enum Horizon: String, CaseIterable, Sendable, Codable {
    case y2021 = "2021"
    case y2022 = "2022"
    case longTerm = "long-term"
}

/// A yearly milestone of a long-term task, due on 31 December of its year.
public struct Milestone: Hashable, Sendable {
    public let year: Int
    public let description: LocalizedText

    public init(year: Int, description: LocalizedText) {
        self.year = year
        self.description = description
    }

    public var due: Day { .endOfYear(year) }
}

/// One of the 19 rectification tasks, with its "four lists":
/// target, measures, deadline and responsible units.
public struct RectificationTask: Hashable, Sendable, Identifiable {
    /// `R01` … `R19`.
    public let id: String
    public let title: LocalizedText
    public let domain: Domain
    public let horizon: Horizon
    /// When work began; the start of the straight progress line.
    public let start: Day
    /// The final deadline; nil for long-term tasks, which have `milestones` instead.
    public let deadline: Day?
    public let target: LocalizedText
    public let measures: [LocalizedText]
    public let leadUnit: LocalizedText
    public let coUnits: [LocalizedText]
    /// District IDs; empty means city-wide.
    public let districtIDs: [String]
    public let indicatorIDs: [String]
    public let milestones: [Milestone]

    public init(id: String, title: LocalizedText, domain: Domain, horizon: Horizon, start: Day,
                deadline: Day?, target: LocalizedText, measures: [LocalizedText],
                leadUnit: LocalizedText, coUnits: [LocalizedText], districtIDs: [String],
                indicatorIDs: [String], milestones: [Milestone]) {
        self.id = id
        self.title = title
        self.domain = domain
        self.horizon = horizon
        self.start = start
        self.deadline = deadline
        self.target = target
        self.measures = measures
        self.leadUnit = leadUnit
        self.coUnits = coUnits
        self.districtIDs = districtIDs
        self.indicatorIDs = indicatorIDs
        self.milestones = milestones
    }
}

/// What happened to a task on a day.
public enum TaskEventKind: String, CaseIterable, Sendable, Codable {
    /// A progress report; carries `progress` (0–100).
    case progress
    /// A long-term task's yearly milestone met; carries `milestoneYear`.
    case milestone
    /// A supervision visit (督导检查); may flag the task at risk.
    case supervision
    /// An interview of those behind (约谈).
    case interview
    /// Acceptance (验收).
    case acceptance
    /// The Party leader's sign-off (党委签字).
    case signoffParty = "signoff-party"
    /// The government leader's sign-off (政府签字).
    case signoffGovernment = "signoff-government"
}

/// A dated entry in a task's event log.
public struct TaskEvent: Hashable, Sendable {
    public let taskID: String
    public let date: Day
    public let kind: TaskEventKind
    /// Reported progress in percent, for `.progress` (and optionally other kinds).
    public let progress: Int?
    /// The milestone year met, for `.milestone`.
    public let milestoneYear: Int?
    /// A supervision visit that found the task at risk.
    public let flagsRisk: Bool
    public let note: LocalizedText
    /// Who reported, visited or signed.
    public let actor: String

    public init(taskID: String, date: Day, kind: TaskEventKind, progress: Int? = nil,
                milestoneYear: Int? = nil, flagsRisk: Bool = false,
                note: LocalizedText = LocalizedText(zh: "", en: ""), actor: String = "") {
        self.taskID = taskID
        self.date = date
        self.kind = kind
        self.progress = progress
        self.milestoneYear = milestoneYear
        self.flagsRisk = flagsRisk
        self.note = note
        self.actor = actor
    }
}
