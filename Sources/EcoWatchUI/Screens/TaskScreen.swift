import EcoWatchCore

/// A task for supervisors: its four lists (target, measures, deadline, responsible units),
/// both sign-offs with their dates and which is missing, progress against the straight line
/// from start to deadline (drawn), and the event timeline with visits and interviews.
enum TaskScreen {
    /// The timeline's rows: the task's events as of the day, newest first. ↑↓ scroll them.
    static func lineCount(_ state: AppState, taskID: String) -> Int {
        state.snapshot.tasks.first { $0.task.id == taskID }?.events.count ?? 0
    }

    static func render(_ state: AppState, taskID: String, into canvas: inout Canvas, area: Rect) {
        guard let result = state.snapshot.tasks.first(where: { $0.task.id == taskID }) else { return }
        let task = result.task
        let l = state.language
        let t = state.text
        let mark = StatusMark(result.status)
        let left = Rect(x: area.x, y: area.y, width: area.width / 2, height: area.height)
        let right = Rect(x: left.maxX, y: area.y, width: area.width - left.width, height: area.height)

        var status = mark.glyph + " " + result.status.name[l]
        if result.daysOverdue > 0 { status += " · \(result.daysOverdue)" + t(Strings.daysShort) }
        let panel = Panel(title: task.id + " " + task.title[l], focused: true, trailing: status)
        let inner = panel.render(into: &canvas, area: left)
        var lines: [TextLine] = []
        func heading(_ text: LocalizedText) { lines.append(TextLine(text[l], style: Style(.accent, bold: true))) }
        func paragraph(_ text: String, indent: String = "  ", style: Style = .plain) {
            for line in wrapped(text, toWidth: max(4, inner.width - displayWidth(indent))) { lines.append(TextLine(indent + line, style: style)) }
        }
        // The border keeps the status whole; a title it cuts is shown whole first.
        if !panel.titleFits(width: left.width) { paragraph(task.title[l], indent: "", style: Style(.text, bold: true)) }
        heading(Strings.fourListTarget)
        paragraph(task.target[l])
        heading(Strings.fourListMeasures)
        for (i, measure) in task.measures.enumerated() { paragraph("\(i + 1). " + measure[l]) }
        heading(Strings.fourListDeadline)
        if let deadline = task.deadline {
            paragraph(deadline.description + "  (" + task.horizon.rawValue + ")")
        } else {
            let met = Set(result.events.compactMap { $0.kind == .milestone ? $0.milestoneYear : nil })
            for milestone in task.milestones {
                let done = met.contains(milestone.year)
                let missed = !done && milestone.due < state.asOf
                // A milestone is a dated target: met, missed once its 31 December has passed, else open.
                let mark: StatusMark = done ? .met : missed ? .missed : .onTrack
                paragraph("\(mark.glyph) \(milestone.year): " + milestone.description[l],
                        style: Style(done ? .good : missed ? .bad : .text, bold: missed))
            }
        }
        heading(Strings.fourListUnits)
        paragraph(t(Strings.leadUnit) + task.leadUnit[l])
        if !task.coUnits.isEmpty { paragraph(t(Strings.coUnits) + task.coUnits.map { $0[l] }.joined(separator: Strings.listSeparator[l])) }
        if !task.districtIDs.isEmpty {
            paragraph(t(Strings.paneDistricts) + Strings.colon[l] + task.districtIDs.map { state.programme.district($0)?.name[l] ?? $0 }.joined(separator: Strings.listSeparator[l]))
        }
        heading(Strings.signoffs)
        // A step not yet recorded is missing (✕) once the deadline has passed, not before (○).
        let due = task.deadline.map { state.asOf > $0 } ?? false
        for (label, day) in [(Strings.acceptance, result.accepted), (Strings.partySignoff, result.partySignoff),
                             (Strings.governmentSignoff, result.governmentSignoff)] {
            let text = day.map { "✓ " + label[l] + "  " + $0.description }
                ?? (due ? StatusMark.overdue : .onTrack).glyph + " " + label[l] + "  " + t(due ? Strings.missing : Strings.notYet)
            lines.append(TextLine("  " + text, style: Style(day != nil ? .good : due ? .bad : .muted, bold: day == nil && due)))
        }
        // More than fits: the last row says so with `…` (the whole task is in `report tasks`).
        if lines.count > inner.height, inner.height > 0 {
            lines = Array(lines.prefix(inner.height - 1)) + [TextLine("  …", style: Style(.muted))]
        }
        for (i, line) in lines.enumerated() {
            line.render(into: &canvas, area: Rect(x: inner.x, y: inner.y + i, width: inner.width, height: 1))
        }

        // Progress against the straight line, then the timeline.
        let chartHeight = min(max(6, right.height / 2), right.height)
        let chartArea = Rect(x: right.x, y: right.y, width: right.width, height: chartHeight)
        let expected = result.expectedProgress.map { " · " + t(Strings.expectedProgress) + " \($0)%" } ?? ""
        let milestones = result.milestonesDue.map { Strings.milestonesDue(met: $0.met, due: $0.due, total: $0.total)[l] }
        let progress = milestones.map { " " + $0 } ?? " \(result.progress)%"
        let chartInner = Panel(title: t(Strings.columnProgress) + progress + expected).render(into: &canvas, area: chartArea)
        let points = result.events.compactMap { e in e.progress.map { ProgressChart.Point(day: e.date, percent: Double($0)) } }
        ProgressChart(points: points, start: task.start, deadline: task.deadline, asOf: state.asOf).render(into: &canvas, area: chartInner)

        let timelineArea = Rect(x: right.x, y: chartArea.maxY, width: right.width, height: right.height - chartHeight)
        let events = Array(result.events.reversed())
        let timelineInner = Panel(title: t(Strings.timeline), trailing: "\(events.count)").render(into: &canvas, area: timelineArea)
        let first = min(state.selection, max(0, events.count - 1))
        // Each event: its date, kind and progress, then its note and who reported it, wrapped
        // under them (indented past the date) so no note is cut off mid-sentence.
        var rows: [TextLine] = []
        let indent = String(repeating: " ", count: 11)
        for event in events.dropFirst(first) where rows.count < timelineInner.height {
            let kind = Strings.eventKind(event.kind)[l]
            let flagged = event.kind == .supervision && event.flagsRisk
            let style: Style = switch event.kind {
            case .interview: Style(.bad, bold: true)
            case .supervision: Style(flagged ? .warn : .text, bold: flagged)
            case .acceptance, .signoffParty, .signoffGovernment, .milestone: Style(.good, bold: true)
            case .progress: Style(.text)
            }
            let figures = (event.progress.map { " \($0)%" } ?? "") + (flagged ? " ▲" : "")
            let note = event.note[l] + (event.actor.isEmpty ? "" : " — " + event.actor)
            let head = [Span(event.date.description + " ", style: Style(.muted)), Span(kind, style: style), Span(figures)]
            let headWidth = head.reduce(0) { $0 + $1.width }
            // The note starts on the first line when it fits there whole, else below it.
            if !note.isEmpty, headWidth + 2 + displayWidth(note) <= timelineInner.width {
                rows.append(TextLine(head + [Span("  " + note)]))
            } else {
                rows.append(TextLine(head))
                for line in wrapped(note, toWidth: max(4, timelineInner.width - indent.count)) {
                    rows.append(TextLine(indent + line))
                }
            }
        }
        for (row, line) in rows.prefix(timelineInner.height).enumerated() {
            line.render(into: &canvas, area: Rect(x: timelineInner.x, y: timelineInner.y + row, width: timelineInner.width, height: 1))
        }
    }
}
