import Testing
@testable import EcoWatchCore

@Suite struct IndicatorEvaluationTests {
    static let districts = [
        District(id: "haishu", name: LocalizedText(zh: "海曙区", en: "Haishu"), kind: .district, parentID: nil, coastal: false, population: 1, areaKm2: 1),
        District(id: "beilun", name: LocalizedText(zh: "北仑区", en: "Beilun"), kind: .district, parentID: nil, coastal: true, population: 1, areaKm2: 1),
    ]
    static let pm25 = Indicator(id: "pm25", domain: .air, name: LocalizedText(zh: "PM2.5", en: "PM2.5"), unit: "µg/m³",
                                better: .lower, comparator: .lessThan, target: 26, deadline: Day(iso: "2022-12-31"),
                                scope: .district, aggregation: .yearMean, headline: true)
    static let shoreline = Indicator(id: "sea", domain: .marine, name: LocalizedText(zh: "海", en: "Sea"), unit: "%",
                                     better: .higher, comparator: .improves, target: 0, deadline: nil,
                                     scope: .coastal, aggregation: .latest, headline: true)
    static let firms = Indicator(id: "firms", domain: .industry, name: LocalizedText(zh: "企业", en: "Firms"), unit: "firms",
                                 better: .higher, comparator: .atLeast, target: 1500, deadline: Day(iso: "2021-12-31"),
                                 scope: .city, aggregation: .cumulative, headline: false)

    func programme(_ observations: [Observation]) -> Programme {
        Programme(districts: Self.districts, indicators: [Self.pm25, Self.shoreline, Self.firms], observations: observations,
                  tasks: [], events: [], stations: [])
    }

    func monthly(_ id: String, _ area: String, from: String, _ values: [Double]) -> [Observation] {
        let start = YearMonth(iso: from)!
        return values.enumerated().map { Observation(indicatorID: id, areaID: area, month: start.adding(months: $0.offset), value: $0.element) }
    }

    @Test func yearMeanIsDayWeightedOverTheYearSoFar() {
        // January 31 days at 30, February 28 days at 20: (30·31 + 20·28) / 59 = 25.25…
        let p = programme(monthly("pm25", cityAreaID, from: "2022-01", [30, 20]))
        let result = IndicatorEvaluator(programme: p).evaluate(Self.pm25, asOf: Day(iso: "2022-03-05")!)
        #expect(abs(result.value! - (30.0 * 31 + 20 * 28) / 59) < 1e-9)
        #expect(result.status == .met)
        #expect(result.month == YearMonth(iso: "2022-02"))
    }

    @Test func aMonthCountsOnlyOnceItHasEnded() {
        let p = programme(monthly("pm25", cityAreaID, from: "2022-11", [20, 40]))
        // On 2023-01-15 the last complete month is 2022-12: the 2022 mean is judged, after the deadline.
        let result = IndicatorEvaluator(programme: p).evaluate(Self.pm25, asOf: Day(iso: "2023-01-15")!)
        #expect(result.month == YearMonth(iso: "2022-12"))
        #expect(result.status == .missed)
        // Mid-December, only November counts.
        #expect(IndicatorEvaluator(programme: p).evaluate(Self.pm25, asOf: Day(iso: "2022-12-15")!).status == .met)
    }

    @Test func notMetBeforeTheDeadlineIsAtRisk() {
        let p = programme(monthly("pm25", cityAreaID, from: "2021-01", [40, 40]))
        #expect(IndicatorEvaluator(programme: p).evaluate(Self.pm25, asOf: Day(iso: "2021-03-10")!).status == .atRisk)
    }

    @Test func marineIndicatorsDoNotApplyInland() {
        let p = programme(monthly("sea", "beilun", from: "2021-01", [50, 60]))
        let evaluator = IndicatorEvaluator(programme: p)
        #expect(evaluator.evaluate(Self.shoreline, areaID: "haishu", asOf: Day(iso: "2022-06-01")!).status == .notApplicable)
        #expect(evaluator.evaluate(Self.shoreline, areaID: "haishu", asOf: Day(iso: "2022-06-01")!).value == nil)
    }

    @Test func improvesComparesWithAYearBefore() {
        let values = (0..<24).map { $0 < 12 ? 50.0 : 55.0 }
        let p = programme(monthly("sea", "beilun", from: "2021-01", values))
        let result = IndicatorEvaluator(programme: p).evaluate(Self.shoreline, areaID: "beilun", asOf: Day(iso: "2023-01-10")!)
        #expect(result.previousYear == 50)
        #expect(result.value == 55)
        #expect(result.status == .met)
    }

    @Test func cumulativeSumsEveryMonthSinceTheStart() {
        let p = programme(monthly("firms", cityAreaID, from: "2020-01", Array(repeating: 100, count: 24)))
        let result = IndicatorEvaluator(programme: p).evaluate(Self.firms, asOf: Day(iso: "2022-01-01")!)
        #expect(result.value == 2400)
        #expect(result.previousYear == 1200)
        #expect(result.status == .met)
        #expect(result.recent.count == 24)
    }

    @Test func rankingPutsTheFurthestFromTargetFirst() {
        let obs = monthly("pm25", "haishu", from: "2022-01", [24]) + monthly("pm25", "beilun", from: "2022-01", [31])
        let ranked = IndicatorEvaluator(programme: programme(obs)).ranking(Self.pm25, asOf: Day(iso: "2022-03-01")!)
        #expect(ranked.map(\.0.id) == ["beilun", "haishu"])
    }

    @Test func noDataBeforeTheFirstObservation() {
        let p = programme(monthly("pm25", cityAreaID, from: "2022-01", [24]))
        #expect(IndicatorEvaluator(programme: p).evaluate(Self.pm25, asOf: Day(iso: "2021-06-01")!).status == .noData)
    }
}
