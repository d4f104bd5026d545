import Foundation
import Testing
@testable import EcoWatchCore

/// The bundled data agrees with itself: what the task log records is what the figures say.
@Suite struct SampleDataConsistencyTests {
    static let programme: Programme = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try! DataSetLoader.load(directory: root.appendingPathComponent("sample-data"), displayPath: "sample-data")
    }()

    /// A task signed off has its targets reached in the month of its last signature (that
    /// month's figure is published after it, so the console shows it a month later).
    @Test func aTaskSignedOffHasItsTargetsReached() {
        let p = Self.programme
        let evaluator = IndicatorEvaluator(programme: p)
        var contradictions: [String] = []
        for result in p.taskResults(asOf: Day(iso: "2026-10-31")!) where result.status.isDone {
            guard let party = result.partySignoff, let government = result.governmentSignoff else { continue }
            let signed = max(party, government)
            // Judged as of the first day after the signing month closes.
            let day = signed.yearMonth.adding(months: 1).firstDay
            for id in result.task.indicatorIDs {
                guard let indicator = p.indicator(id), indicator.deadline != nil, indicator.deadline! <= signed.adding(days: 31) else { continue }
                let r = evaluator.evaluate(indicator, asOf: day)
                if !r.status.isReached { contradictions.append("\(result.task.id) signed \(signed): \(id) \(r.valueText) \(r.status.rawValue)") }
            }
        }
        #expect(contradictions.isEmpty, "\(contradictions)")
    }

    /// A milestone recorded met whose description names a share: the whole year's figure reaches it.
    @Test func r17s2025MilestoneIsRecordedOnTheYearsFigure() throws {
        let p = Self.programme
        let event = try #require(p.events.first { $0.taskID == "R17" && $0.kind == .milestone && $0.milestoneYear == 2025 })
        let indicator = try #require(p.indicator("nearshore_good_water"))
        let r = IndicatorEvaluator(programme: p).evaluate(indicator, asOf: event.date)
        #expect(r.period == .year(2025), "recorded before the 2025 figure was in")
        #expect((r.value ?? 0) >= 45)
    }

    /// The city's PM2.5 is measured at the urban stations: never below every central district.
    @Test func cityPM25IsNotBelowEveryCentralDistrict() {
        let p = Self.programme
        let evaluator = IndicatorEvaluator(programme: p)
        let pm25 = p.indicator("pm25")!
        for year in 2020...2025 {
            let day = Day(iso: "\(year + 1)-01-15")!
            let city = evaluator.evaluate(pm25, asOf: day).value!
            let central = ["haishu", "jiangbei", "yinzhou", "zhenhai", "beilun"].map { evaluator.evaluate(pm25, areaID: $0, asOf: day).value! }
            #expect(city >= central.min()!, "\(year): city \(city), central \(central)")
        }
    }
}

extension SampleDataConsistencyTests {
    /// The ≥ 20 ha base is judged in each division (not in zones), and the city's share of
    /// divisions with one is the count of divisions meeting it.
    @Test func theConstructionWasteBaseIsJudgedPerDivision() throws {
        let p = Self.programme
        let evaluator = IndicatorEvaluator(programme: p)
        let base = try #require(p.indicator("construction_waste_base_ha"))
        let share = try #require(p.indicator("construction_waste_bases"))
        let day = Day(iso: "2024-03-15")!
        #expect(evaluator.evaluate(base, areaID: "jiangbei", asOf: day).status == .missed)
        #expect(evaluator.evaluate(base, areaID: "yinzhou", asOf: day).status == .met)
        #expect(evaluator.evaluate(base, areaID: "meishan", asOf: day).status == .notApplicable)
        let divisions = p.districts.filter { $0.kind != .zone }
        let meeting = divisions.filter { evaluator.evaluate(base, areaID: $0.id, asOf: day).status == .met }.count
        #expect(evaluator.evaluate(share, asOf: day).value == Double(meeting * 10))
        #expect(evaluator.evaluate(base, asOf: day).status == .missed)   // the city: not every division has one
    }
}
