/// The columns of a task list, in order: the console's task lists (`T`, `o`) and `report tasks` /
/// `report overdue` show these, with the same words in each cell.
public enum TaskColumn: CaseIterable, Sendable {
    case id, status, title, domain, districts, leadUnit, deadline, daysOverdue, progress, lastEvent

    public var heading: LocalizedText {
        switch self {
        case .id: Strings.columnID
        case .status: Strings.columnStatus
        case .title: Strings.task
        case .domain: Strings.columnDomain
        case .districts: Strings.paneDistricts
        case .leadUnit: Strings.columnLeadUnit
        case .deadline: Strings.columnDeadline
        case .daysOverdue: Strings.columnDaysOverdue
        case .progress: Strings.columnProgress
        case .lastEvent: Strings.columnLastEvent
        }
    }

    /// Figures are right-aligned.
    public var isNumeric: Bool { self == .daysOverdue || self == .progress }
}

/// The tasks a supervisor's overdue list shows as of the day, the console's browser and
/// `report overdue` alike: every overdue task, most overdue first, then every task at risk (by
/// deadline, then ID), so that both list the same tasks in the same order.
public func overdueList(_ results: [TaskResult]) -> [TaskResult] {
    let overdue = results.filter { $0.status == .overdue }.sorted {
        $0.daysOverdue != $1.daysOverdue ? $0.daysOverdue > $1.daysOverdue : $0.task.id < $1.task.id
    }
    let atRisk = results.filter { $0.status == .atRisk }.sorted {
        let a = $0.effectiveDeadline ?? .endOfYear(9999), b = $1.effectiveDeadline ?? .endOfYear(9999)
        return a != b ? a < b : $0.task.id < $1.task.id
    }
    return overdue + atRisk
}

extension TaskResult {
    /// The deadline it is judged against, as every list writes it: the final deadline; for a
    /// long-term task the milestone that is due (the missed one, else this year's); "long-term"
    /// when none is left.
    public func deadlineText(_ language: Language) -> String {
        effectiveDeadline?.description ?? Strings.longTerm[language]
    }

    /// The status as every list writes it: glyph and name (`▲ at risk`).
    public func statusText(_ language: Language) -> String { status.glyph + " " + status.name[language] }

    /// The text of `column` for this task; `districtName` names a district (lists may shorten
    /// it), and `districtOrder` may put the task's districts in another order (matches first).
    public func cell(_ column: TaskColumn, language l: Language, districtOrder: [String]? = nil,
                     districtName: (String) -> String) -> String {
        switch column {
        case .id: task.id
        case .status: statusText(l)
        case .title: task.title[l]
        case .domain: task.domain.name[l]
        case .districts:
            task.districtIDs.isEmpty ? Strings.cityWide[l]
                : (districtOrder ?? task.districtIDs).map(districtName).joined(separator: Strings.listSeparator[l])
        case .leadUnit: task.leadUnit[l]
        case .deadline: deadlineText(l)
        case .daysOverdue: daysOverdue > 0 ? String(daysOverdue) : ""
        case .progress: progressText
        case .lastEvent: lastEvent.map { $0.date.description + " " + Strings.eventKind($0.kind)[l] } ?? ""
        }
    }

    /// Progress as lists write it: `60%`; for a long-term task the milestones met of those due so
    /// far as well (`2/3·67%`).
    public var progressText: String {
        guard let milestones = milestonesDue, milestones.due > 0 else { return "\(progress)%" }
        return "\(milestones.met)/\(milestones.due)·\(progress)%"
    }
}
