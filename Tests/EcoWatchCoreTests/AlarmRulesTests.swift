import Testing
@testable import EcoWatchCore

@Suite struct AlarmRulesTests {
    let air = Station(mn: "A1", pw: "123456", name: LocalizedText(zh: "站", en: "Station"), districtID: "haishu",
                      kind: .air, targetClass: nil, codes: ["a34004"], intervalSeconds: 60)
    let water = Station(mn: "W1", pw: "123456", name: LocalizedText(zh: "站", en: "Station"), districtID: "haishu",
                        kind: .water, targetClass: "III", codes: ["w21003"], intervalSeconds: 3600)
    let now: Int64 = 1_700_000_000

    /// An air station's status with PM2.5 at `pm25` µg/m³ (hourly IAQI).
    func airStatus(pm25: Double, seen: Int64? = nil) -> StationStatus {
        StationStatus(station: air, latest: [LatestValue(code: "a34004", value: pm25, flag: .normal, time: now, dataType: 2011)],
                      lastSeen: seen ?? now, now: now)
    }

    func rules(_ decisions: [AlarmDecision]) -> [String] {
        decisions.map {
            switch $0 {
            case .raise(let alarm): "raise \(alarm.rule.rawValue)"
            case .clear(_, let rule): "clear \(rule.rawValue)"
            }
        }
    }

    @Test func aqiRaisesAbove100AndClearsOnlyAt90() throws {
        // PM2.5 hourly: 75 µg/m³ → IAQI 100, 115 → 150; 62 → about 89.
        let high = airStatus(pm25: 100)
        let hover = airStatus(pm25: 70)
        let low = airStatus(pm25: 62)
        #expect(try #require(high.airQuality).aqi > .value(100))
        let raised = AlarmRules.evaluate(high, refusals: nil, open: [], now: now)
        #expect(rules(raised) == ["raise aqi"])
        if case .raise(let alarm) = raised.first { #expect(alarm.amount == Double(String(describing: high.airQuality!.aqi))) }
        // Already open: no second raise; hovering between 90 and 100 keeps it open.
        #expect(AlarmRules.evaluate(high, refusals: nil, open: [.aqi], now: now).isEmpty)
        let hoverAQI = try #require(hover.airQuality).aqi
        #expect(hoverAQI > .value(90) && hoverAQI <= .value(100))
        #expect(AlarmRules.evaluate(hover, refusals: nil, open: [.aqi], now: now).isEmpty)
        #expect(AlarmRules.evaluate(hover, refusals: nil, open: [], now: now).isEmpty)
        #expect(try #require(low.airQuality).aqi <= .value(90))
        #expect(rules(AlarmRules.evaluate(low, refusals: nil, open: [.aqi], now: now)) == ["clear aqi"])
    }

    @Test func waterWorseThanTargetRaisesAndClearsWithinTarget() {
        func status(nh3n: Double) -> StationStatus {
            StationStatus(station: water, latest: [LatestValue(code: "w21003", value: nh3n, flag: .normal, time: now, dataType: 2061)],
                          lastSeen: now, now: now)
        }
        #expect(rules(AlarmRules.evaluate(status(nh3n: 1.8), refusals: nil, open: [], now: now)) == ["raise water-class"])
        #expect(AlarmRules.evaluate(status(nh3n: 1.8), refusals: nil, open: [.waterClass], now: now).isEmpty)
        #expect(rules(AlarmRules.evaluate(status(nh3n: 0.9), refusals: nil, open: [.waterClass], now: now)) == ["clear water-class"])
    }

    @Test func staleRaisesAfterThreeIntervalsAndAFreshReportClears() {
        let silent = airStatus(pm25: 20, seen: now - 181)
        #expect(rules(AlarmRules.evaluate(silent, refusals: nil, open: [], now: now)) == ["raise stale"])
        #expect(AlarmRules.evaluate(silent, refusals: nil, open: [.stale], now: now).isEmpty)
        #expect(rules(AlarmRules.evaluate(airStatus(pm25: 20), refusals: nil, open: [.stale], now: now)) == ["clear stale"])
        // Never reported: not an alarm.
        let never = StationStatus(station: air, latest: [], lastSeen: nil, now: now)
        #expect(AlarmRules.evaluate(never, refusals: nil, open: [], now: now).isEmpty)
    }

    @Test func refusalBurstRaisesAtTenAndClearsBelowThree() {
        let ok = airStatus(pm25: 20)
        #expect(AlarmRules.evaluate(ok, refusals: 9, open: [], now: now).isEmpty)
        #expect(rules(AlarmRules.evaluate(ok, refusals: 10, open: [], now: now)) == ["raise refusals"])
        #expect(AlarmRules.evaluate(ok, refusals: 5, open: [.refusals], now: now).isEmpty)
        #expect(rules(AlarmRules.evaluate(ok, refusals: 2, open: [.refusals], now: now)) == ["clear refusals"])
    }
}
