import Testing
@testable import EcoWatchCore

@Suite struct TaskEvaluationTests {
    let task = RectificationTask(
        id: "R01", title: LocalizedText(zh: "任务", en: "Task"), domain: .air, horizon: .y2022,
        start: Day(iso: "2022-01-01")!, deadline: Day(iso: "2022-12-31")!,
        target: LocalizedText(zh: "目标", en: "Target"), measures: [LocalizedText(zh: "措施", en: "Measure")],
        leadUnit: LocalizedText(zh: "市生态环境局", en: "Bureau"), coUnits: [], districtIDs: ["beilun"],
        indicatorIDs: [], milestones: [])

    func day(_ s: String) -> Day { Day(iso: s)! }
    func event(_ date: String, _ kind: TaskEventKind, progress: Int? = nil, risk: Bool = false, year: Int? = nil) -> TaskEvent {
        TaskEvent(taskID: "R01", date: day(date), kind: kind, progress: progress, milestoneYear: year, flagsRisk: risk)
    }

    @Test func doneNeedsAcceptanceAndBothSignaturesByTheDeadline() {
        let events = [event("2022-06-01", .progress, progress: 60), event("2022-12-01", .acceptance),
                      event("2022-12-10", .signoffParty), event("2022-12-20", .signoffGovernment)]
        let result = evaluateTask(task, events: events, asOf: day("2023-01-15"))
        #expect(result.status == .done)
        #expect(result.progress == 100)
        #expect(result.daysOverdue == 0)
    }

    @Test func theLaterSignatureAfterTheDeadlineIsDoneLate() {
        let events = [event("2022-12-01", .acceptance), event("2022-12-10", .signoffParty), event("2023-02-03", .signoffGovernment)]
        #expect(evaluateTask(task, events: events, asOf: day("2023-03-01")).status == .doneLate)
        // Before the government signed, it was overdue.
        let before = evaluateTask(task, events: events, asOf: day("2023-01-15"))
        #expect(before.status == .overdue)
        #expect(before.daysOverdue == 15)
        #expect(before.partySignoff == day("2022-12-10"))
        #expect(before.governmentSignoff == nil)
    }

    @Test func eventsAfterTheDayDoNotCount() {
        let events = [event("2022-12-01", .acceptance), event("2022-12-10", .signoffParty), event("2022-12-20", .signoffGovernment)]
        #expect(evaluateTask(task, events: events, asOf: day("2022-12-15")).status != .done)
        #expect(evaluateTask(task, events: events, asOf: day("2022-12-20")).status == .done)
    }

    @Test func atRiskWhenFarBehindTheLineNearTheDeadline() {
        // 2022-11-15: the line stands at 87 %; 60 % reported is 27 points behind, 46 days before the deadline.
        let behind = [event("2022-10-01", .progress, progress: 60)]
        let result = evaluateTask(task, events: behind, asOf: day("2022-11-15"))
        #expect(result.expectedProgress == 87)
        #expect(result.status == .atRisk)
        // The same lag more than 60 days out is not yet "at risk".
        #expect(evaluateTask(task, events: [event("2022-01-10", .progress, progress: 5)], asOf: day("2022-06-01")).status == .onTrack)
        // 20 points behind exactly is not more than 20.
        #expect(evaluateTask(task, events: [event("2022-11-01", .progress, progress: 67)], asOf: day("2022-11-15")).status == .onTrack)
    }

    @Test func aSupervisionVisitCanFlagRiskAndALaterOneCanClearIt() {
        let flagged = [event("2022-03-01", .supervision, risk: true)]
        #expect(evaluateTask(task, events: flagged, asOf: day("2022-03-02")).status == .atRisk)
        let cleared = flagged + [event("2022-05-01", .supervision, risk: false)]
        #expect(evaluateTask(task, events: cleared, asOf: day("2022-05-02")).status == .onTrack)
    }

    @Test func longTermTasksAreOverdueWhileAMilestoneIsMissed() {
        let longTerm = RectificationTask(
            id: "R19", title: task.title, domain: .water, horizon: .longTerm, start: day("2021-11-03"), deadline: nil,
            target: task.target, measures: task.measures, leadUnit: task.leadUnit, coUnits: [], districtIDs: [],
            indicatorIDs: [], milestones: [2022, 2023, 2024].map { Milestone(year: $0, description: task.title) })
        let events = [TaskEvent(taskID: "R19", date: day("2022-12-20"), kind: .milestone, milestoneYear: 2022),
                      TaskEvent(taskID: "R19", date: day("2024-03-10"), kind: .milestone, milestoneYear: 2023)]
        #expect(evaluateTask(longTerm, events: events, asOf: day("2023-06-30")).status == .onTrack)
        let missed = evaluateTask(longTerm, events: events, asOf: day("2024-01-10"))
        #expect(missed.status == .overdue)
        #expect(missed.daysOverdue == 10)
        #expect(missed.missedMilestone?.year == 2023)
        #expect(evaluateTask(longTerm, events: events, asOf: day("2024-03-10")).status == .onTrack)
        // Progress is milestones met of those due so far: 2022 and 2023 met, 2024 not yet due.
        #expect(evaluateTask(longTerm, events: events, asOf: day("2024-03-10")).progress == 100)
        #expect(evaluateTask(longTerm, events: events, asOf: day("2024-03-10")).milestonesDue == MilestoneCount(met: 2, due: 2, total: 3))
        #expect(evaluateTask(longTerm, events: events, asOf: day("2024-03-10")).progressText == "2/2·100%")
        #expect(missed.progress == 50)
        #expect(evaluateTask(longTerm, events: events, asOf: day("2022-06-01")).progress == 0)
        #expect(evaluateTask(longTerm, events: events, asOf: day("2025-01-01")).status == .overdue)
    }
}
