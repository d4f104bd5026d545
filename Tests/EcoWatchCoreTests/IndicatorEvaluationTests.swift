import Testing
@testable import EcoWatchCore

@Suite struct IndicatorEvaluationTests {
    static let districts = [
        District(id: "haishu", name: LocalizedText(zh: "海曙区", en: "Haishu"), kind: .district, parentID: nil, coastal: false, population: 1, areaKm2: 1),
        District(id: "beilun", name: LocalizedText(zh: "北仑区", en: "Beilun"), kind: .district, parentID: nil, coastal: true, population: 1, areaKm2: 1),
    ]
    static let pm25 = Indicator(id: "pm25", domain: .air, name: LocalizedText(zh: "PM2.5", en: "PM2.5"), unit: "µg/m³",
                                better: .lower, comparator: .lessThan, target: 26, deadline: Day(iso: "2022-12-31"),
                                scope: .district, aggregation: .yearMean, headline: true, precision: 0)
    static let goodDays = Indicator(id: "good", domain: .air, name: LocalizedText(zh: "优良", en: "Good days"), unit: "%",
                                    better: .higher, comparator: .atLeast, target: 90, deadline: nil,
                                    scope: .district, aggregation: .yearMean, headline: true, precision: 1)
    static let seaGood = Indicator(id: "sea", domain: .marine, name: LocalizedText(zh: "海", en: "Sea"), unit: "%",
                                   better: .higher, comparator: .improves, target: 0, deadline: nil,
                                   scope: .coastal, aggregation: .latest, headline: true)
    static let firms = Indicator(id: "firms", domain: .industry, name: LocalizedText(zh: "企业", en: "Firms"), unit: "firms",
                                 better: .higher, comparator: .atLeast, target: 1500, deadline: Day(iso: "2021-12-31"),
                                 scope: .cityTotal, aggregation: .cumulative, headline: false, precision: 0)
    static let coverage = Indicator(id: "cover", domain: .waste, name: LocalizedText(zh: "覆盖", en: "Coverage"), unit: "%",
                                    better: .higher, comparator: .atLeast, target: 100, deadline: Day(iso: "2022-06-30"),
                                    scope: .district, aggregation: .latest, headline: false, precision: 1)
    static let shoreline = Indicator(id: "shore", domain: .marine, name: LocalizedText(zh: "岸线", en: "Shoreline"), unit: "km",
                                     better: .higher, comparator: .atLeast, target: 248, deadline: nil,
                                     scope: .city, aggregation: .latest, headline: false)
    static let nitrogen = Indicator(id: "tn", domain: .water, name: LocalizedText(zh: "总氮", en: "TN"), unit: "mg/L",
                                    better: .lower, comparator: .atMost, target: .nan, deadline: nil,
                                    scope: .city, aggregation: .yearMean, headline: false, precision: 2, baselineYear: 2020)

    func programme(_ observations: [Observation]) -> Programme {
        Programme(districts: Self.districts,
                  indicators: [Self.pm25, Self.goodDays, Self.seaGood, Self.firms, Self.coverage, Self.shoreline, Self.nitrogen],
                  observations: observations, tasks: [], events: [], stations: [])
    }

    func monthly(_ id: String, _ area: String, from: String, _ values: [Double]) -> [Observation] {
        let start = YearMonth(iso: from)!
        return values.enumerated().map { Observation(indicatorID: id, areaID: area, month: start.adding(months: $0.offset), value: $0.element) }
    }

    func evaluate(_ indicator: Indicator, _ observations: [Observation], area: String = cityAreaID, asOf: String) -> IndicatorResult {
        IndicatorEvaluator(programme: programme(observations)).evaluate(indicator, areaID: area, asOf: Day(iso: asOf)!)
    }

    // MARK: Period

    @Test func anAnnualIndicatorIsJudgedOnTheClosedYear() {
        // 2022 at 22 all year; January and February 2023 at 30 and 34.
        let obs = monthly("pm25", cityAreaID, from: "2022-01", Array(repeating: 22, count: 12) + [30, 34])
        let r = evaluate(Self.pm25, obs, asOf: "2023-03-10")
        #expect(r.period == .year(2022))
        #expect(r.value == 22)
        #expect(r.status == .met)
        // The year so far is shown, provisional, and over the target it is at risk, not missed.
        #expect(r.yearToDate?.through == YearMonth(iso: "2023-02"))
        #expect(r.yearToDate?.value == 32)
        #expect(r.yearToDate?.status == .atRisk)
        #expect(r.yearToDate?.period.isProvisional == true)
        #expect(r.yearToDate?.period.label(.zh) == "1–2月累计，暂定")
        #expect(r.yearToDate?.period.label(.en) == "Jan–Feb, provisional")
    }

    @Test func aYearToDateOverTheTargetInMarchIsProvisionalNotMissed() {
        // Only this year's months, far over the target: nothing closed to judge yet.
        let r = evaluate(Self.goodDays, monthly("good", cityAreaID, from: "2023-01", [70, 75]), asOf: "2023-03-15")
        #expect(r.period == .yearToDate(YearMonth(iso: "2023-02")!))
        #expect(r.status == .atRisk)
        #expect(r.status != .missed)
    }

    @Test func theYearIsMissedOnceItCloses() {
        let r = evaluate(Self.goodDays, monthly("good", cityAreaID, from: "2023-01", Array(repeating: 80, count: 12)), asOf: "2024-01-05")
        #expect(r.period == .year(2023))
        #expect(r.status == .missed)
        #expect(r.yearToDate == nil)
    }

    @Test func yearMeanIsDayWeighted() {
        // January 31 days at 30, February 28 days at 20: (30·31 + 20·28) / 59 = 25.25… → 25.
        let r = evaluate(Self.pm25, monthly("pm25", cityAreaID, from: "2022-01", [30, 20]), asOf: "2022-03-05")
        #expect(r.value == 25)
        #expect(r.month == YearMonth(iso: "2022-02"))
    }

    // MARK: Precision

    @Test func valuesAreRoundedHalfToEvenOnTheirDecimalForm() {
        #expect(roundHalfEven(89.95, places: 1) == 90.0)
        #expect(roundHalfEven(89.85, places: 1) == 89.8)
        #expect(roundHalfEven(89.9987, places: 1) == 90.0)
        #expect(roundHalfEven(25.5, places: 0) == 26)
        #expect(roundHalfEven(24.5, places: 0) == 24)
        #expect(roundHalfEven(3.101, places: 2) == 3.10)
        #expect(Self.goodDays.format(89.95) == "90.0")
        #expect(Self.goodDays.format(89.85) == "89.8")
    }

    @Test func theRoundedValueIsTheOneJudged() {
        // A year at 89.95 % is shown as 90.0 and meets ≥ 90; at 89.85 it is 89.8 and misses.
        let met = evaluate(Self.goodDays, monthly("good", cityAreaID, from: "2022-01", Array(repeating: 89.95, count: 12)), asOf: "2023-02-01")
        #expect(met.value == 90.0)
        #expect(met.status == .met)
        let missed = evaluate(Self.goodDays, monthly("good", cityAreaID, from: "2022-01", Array(repeating: 89.85, count: 12)), asOf: "2023-02-01")
        #expect(missed.value == 89.8)
        #expect(missed.status == .missed)
    }

    // MARK: Deadline

    @Test func reachedOneMonthAfterTheDeadlineIsMetLate() {
        // Deadline 2022-06-30: 99 % in June, 100 % in July.
        let obs = monthly("cover", cityAreaID, from: "2022-05", [98, 99, 100])
        #expect(evaluate(Self.coverage, obs, asOf: "2022-07-10").status == .missed)
        #expect(evaluate(Self.coverage, obs, asOf: "2022-08-10").status == .metLate)
        // Reached in June itself is met.
        #expect(evaluate(Self.coverage, monthly("cover", cityAreaID, from: "2022-05", [98, 100, 100]), asOf: "2022-08-10").status == .met)
    }

    @Test func beforeTheDeadlineATargetNotReachedIsOnTrackOrAtRisk() {
        // From 0 in 2020-01 to 100 by 2022-06-30.
        let onLine = evaluate(Self.coverage, monthly("cover", cityAreaID, from: "2020-01", [0, 50]), asOf: "2020-03-05")
        #expect(onLine.status == .onTrack)
        let behind = evaluate(Self.coverage, monthly("cover", cityAreaID, from: "2020-01", Array(repeating: 1, count: 24)), asOf: "2022-01-05")
        #expect(behind.status == .atRisk)
    }

    @Test func anAnnualDatedTargetIsJudgedOnTheDeadlineYear() {
        // 2022 (the deadline year) at 27, 2023 at 24: missed at the deadline, met late after it.
        let obs = monthly("pm25", cityAreaID, from: "2022-01", Array(repeating: 27, count: 12) + Array(repeating: 24, count: 12))
        #expect(evaluate(Self.pm25, obs, asOf: "2023-06-01").status == .missed)
        #expect(evaluate(Self.pm25, obs, asOf: "2024-02-01").status == .metLate)
        // Before the deadline year closes, a closed year over the target is at risk, under it on track.
        #expect(evaluate(Self.pm25, monthly("pm25", cityAreaID, from: "2021-01", Array(repeating: 27, count: 12)), asOf: "2022-05-01").status == .atRisk)
        #expect(evaluate(Self.pm25, monthly("pm25", cityAreaID, from: "2021-01", Array(repeating: 20, count: 12)), asOf: "2022-05-01").status == .onTrack)
    }

    @Test func aBaselineTargetTakesItsNumberFromTheBaselineYear() {
        // 2020 at 3.104 (→ 3.10); 2021 at 3.101 (→ 3.10): not above, so met.
        let obs = monthly("tn", cityAreaID, from: "2020-01", Array(repeating: 3.104, count: 12) + Array(repeating: 3.101, count: 12))
        let p = programme(obs)
        #expect(p.indicator("tn")?.target == 3.10)
        let r = IndicatorEvaluator(programme: p).evaluate(p.indicator("tn")!, asOf: Day(iso: "2022-02-01")!)
        #expect(r.value == 3.10)
        #expect(r.status == .met)
    }

    // MARK: Scope

    @Test func aDistrictRowOfACityTotalShowsItsShareAndIsNotJudged() {
        let obs = monthly("firms", cityAreaID, from: "2021-01", Array(repeating: 100, count: 12))
            + monthly("firms", "beilun", from: "2021-01", Array(repeating: 25, count: 12))
        let district = evaluate(Self.firms, obs, area: "beilun", asOf: "2022-02-01")
        #expect(district.status == .notByDistrict)
        #expect(district.value == 300)
        #expect(district.share == 0.25)
        #expect(district.gap == nil)
        // The city is judged: 1,200 < 1,500 at the deadline.
        #expect(evaluate(Self.firms, obs, asOf: "2022-02-01").status == .missed)
    }

    @Test func notByDistrictIsNotNotApplicable() {
        let obs = monthly("shore", cityAreaID, from: "2022-01", [250])
        // Beilun is coastal: the shoreline is a city figure, not broken down.
        #expect(evaluate(Self.shoreline, obs, area: "beilun", asOf: "2022-03-01").status == .notByDistrict)
        // Haishu is inland: a marine indicator does not apply.
        #expect(evaluate(Self.shoreline, obs, area: "haishu", asOf: "2022-03-01").status == .notApplicable)
        #expect(evaluate(Self.seaGood, monthly("sea", "beilun", from: "2021-01", [50]), area: "haishu", asOf: "2022-06-01").status == .notApplicable)
    }

    // MARK: Others

    @Test func aMonthCountsOnlyOnceItHasEnded() {
        let obs = monthly("cover", cityAreaID, from: "2022-05", [98, 100])
        #expect(evaluate(Self.coverage, obs, asOf: "2022-06-15").month == YearMonth(iso: "2022-05"))
        #expect(evaluate(Self.coverage, obs, asOf: "2022-07-01").status == .met)
    }

    @Test func improvesComparesWithAYearBefore() {
        let values = (0..<24).map { $0 < 12 ? 50.0 : 55.0 }
        let r = evaluate(Self.seaGood, monthly("sea", "beilun", from: "2021-01", values), area: "beilun", asOf: "2023-01-10")
        #expect(r.previousYear == 50)
        #expect(r.value == 55)
        #expect(r.status == .met)
    }

    @Test func rankingPutsTheFurthestFromTargetFirst() {
        let obs = monthly("pm25", "haishu", from: "2021-01", Array(repeating: 24, count: 12))
            + monthly("pm25", "beilun", from: "2021-01", Array(repeating: 31, count: 12))
        let ranked = IndicatorEvaluator(programme: programme(obs)).ranking(Self.pm25, asOf: Day(iso: "2022-03-01")!)
        #expect(ranked.map(\.0.id) == ["beilun", "haishu"])
    }

    @Test func noDataBeforeTheFirstObservation() {
        #expect(evaluate(Self.pm25, monthly("pm25", cityAreaID, from: "2022-01", [24]), asOf: "2021-06-01").status == .noData)
    }

    @Test func everyStatusHasItsOwnGlyphAndExportWord() {
        #expect(Set(StatusMark.allCases.map(\.glyph)).count == StatusMark.allCases.count)
        #expect(TaskStatus.done.glyph != TaskStatus.doneLate.glyph)
        #expect(TargetStatus.met.glyph != TargetStatus.metLate.glyph)
        #expect(TargetStatus.allCases.map(\.rawValue) == ["met", "met-late", "on-track", "at-risk", "missed", "not-applicable", "not-by-district", "no-data"])
        #expect(TargetStatus.allCases.allSatisfy { $0.mark.exportWord == $0.rawValue })
        #expect(TaskStatus.allCases.allSatisfy { $0.mark.exportWord == $0.rawValue })
    }
}
