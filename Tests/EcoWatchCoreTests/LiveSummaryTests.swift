import Testing
@testable import EcoWatchCore

/// The city now: its AQI from the air stations' latest valid values, punctuality by each
/// station's own interval, the worst and below-target stations, alarm counts.
@Suite struct LiveSummaryTests {
    func station(_ mn: String, _ kind: StationKind, district: String = "haishu", interval: Int = 60, target: String? = nil,
                 scale: Double = 1) -> Station {
        Station(mn: mn, pw: "123456", name: LocalizedText(zh: mn, en: mn), districtID: district, kind: kind, targetClass: target,
                codes: [], intervalSeconds: interval, particleScale: scale)
    }

    func value(_ code: String, _ v: Double, _ flag: DataFlag = .normal) -> LatestValue {
        LatestValue(code: code, value: v, flag: flag, time: 1000, dataType: .realTime)
    }

    let now: Int64 = 10_000

    @Test func theCitysAQIIsHJ633OnTheMeanOfTheStationsLatestValidValues() {
        let a = StationStatus(station: station("A", .air), latest: [value("a34004", 40), value("a21004", 20)], lastSeen: now - 30, now: now)
        // B sends ng/m³ (scale 0.001) and a faulty PM2.5 that must not count; C is offline and does not count.
        let b = StationStatus(station: station("B", .air, district: "beilun", scale: 0.001),
                              latest: [value("a34004", 80_000), value("a21004", 999, .fault)], lastSeen: now - 30, now: now)
        let c = StationStatus(station: station("C", .air), latest: [value("a34004", 300)], lastSeen: now - 600, now: now)
        let summary = LiveSummary(LiveSnapshot(taken: now, stations: [a, b, c], alarms: [], feed: FeedCounts()))
        // PM2.5 mean (40 + 80) / 2 = 60 → IAQI (100−50)/(75−35)·(60−35)+50 = 81.25 → 82; NO2 20 (only A's) → 10.
        #expect(summary.city?.aqi == .value(82))
        #expect(summary.city?.category == .good)
        #expect(summary.city?.primaryPollutants == [.pm25])
        #expect(summary.airStations == 2)
        #expect(summary.districts["beilun"]?.aqi == .value(107))   // 80 → (150−100)/(115−75)·5+100 = 106.25
        #expect(summary.worstAir.map(\.station.mn) == ["B", "A"])
        #expect(summary.late.map(\.status.station.mn) == ["C"])
        #expect(summary.late.first?.punctuality == .offline)
    }

    @Test func lateAndOfflineAreJudgedAgainstEachStationsOwnInterval() {
        let fast = station("F", .air, interval: 60), slow = station("S", .water, interval: 3600, target: "III")
        func p(_ s: Station, silent: Int64?) -> Punctuality {
            Punctuality(StationStatus(station: s, latest: [], lastSeen: silent.map { now - $0 }, now: now), now: now)
        }
        #expect(p(fast, silent: 100) == .onTime)
        #expect(p(fast, silent: 150) == .late)
        #expect(p(fast, silent: 200) == .offline)
        #expect(p(slow, silent: 150) == .onTime)       // a minute late is nothing for an hourly station
        #expect(p(slow, silent: 3 * 3600 + 1) == .offline)
        #expect(p(fast, silent: nil) == .offline)
    }

    @Test func waterBelowTargetAndAlarmCounts() {
        let water = StationStatus(station: station("W", .water, interval: 3600, target: "III"),
                                  latest: [value("w21003", 1.8), value("w01009", 6)], lastSeen: now - 60, now: now)
        let alarms = [
            Alarm(id: 1, mn: "W", rule: .waterClass, started: 1, amount: 5, cleared: nil, acknowledgedBy: nil, acknowledgedAt: nil),
            Alarm(id: 2, mn: "W", rule: .stale, started: 1, amount: 3, cleared: nil, acknowledgedBy: "x", acknowledgedAt: 5),
            Alarm(id: 3, mn: "W", rule: .aqi, started: 1, amount: 150, cleared: 9, acknowledgedBy: nil, acknowledgedAt: nil),
        ]
        let summary = LiveSummary(LiveSnapshot(taken: now, stations: [water], alarms: alarms, feed: FeedCounts()))
        #expect(summary.belowTarget.map(\.station.mn) == ["W"])
        #expect(summary.city == nil)
        #expect(summary.openAlarms == 2)
        #expect(summary.unacknowledgedAlarms == 2)
    }
}
