import Testing
import EcoWatchCore
@testable import EcoWatchUI

/// The alarms screen as a shift log, and the header's alarm cues.
@Suite struct AlarmsShiftLogTests {
    static let now: Int64 = 1_795_900_000
    static let air = sampleProgramme.stations.first { $0.kind == .air }!
    static let water = sampleProgramme.stations.first { $0.kind == .water }!

    static let alarms = [
        Alarm(id: 1, mn: air.mn, rule: .aqi, started: now - 600, amount: 132, cleared: nil, acknowledgedBy: nil, acknowledgedAt: nil),
        Alarm(id: 2, mn: air.mn, rule: .aqi, started: now - 3000, amount: 99, cleared: now - 2000, acknowledgedBy: "wang", acknowledgedAt: now - 2500),
        Alarm(id: 3, mn: water.mn, rule: .stale, started: now - 1200, amount: 12, cleared: nil, acknowledgedBy: "li", acknowledgedAt: now - 900),
    ]

    func logState(_ language: Language, size: (Int, Int) = (200, 60)) -> AppState {
        var s = state(asOf: "2026-11-29", language: language, size: size, route: .alarms)
        s.shiftStart = Self.now - 8 * 3600
        s.live = LiveSnapshot(taken: Self.now, stations: [], alarms: Self.alarms, feed: FeedCounts())
        return s
    }

    @Test func theLogShowsOpenAndClosedWithDistrictStationAndWhoAcknowledged() {
        let text = lines(render(logState(.en))).joined(separator: "\n")
        let district = DistrictMap.shortName(sampleProgramme.district(Self.air.districtID)!, .en)
        #expect(text.contains("shift since " + formatMoment(Self.now - 8 * 3600)))
        #expect(text.contains(district))
        #expect(text.contains(Self.air.name.en))
        #expect(text.contains("cleared " + formatClock(Self.now - 2000)))
        #expect(text.contains("wang " + formatClock(Self.now - 2500)))
        #expect(text.contains("silent 12 min"))
        #expect(lines(render(logState(.zh))).joined().contains("12 分钟无上报"))
    }

    @Test func valuesSortAsNumbers() {
        var s = logState(.en)
        s.sorts[.alarms] = SortOrder(column: 4, ascending: true)
        #expect(Screens.list(s)!.rows.map(\.alarmID) == [3, 2, 1])   // 12 min, AQI 99, AQI 132
    }

    @Test func filteringMatchesWhatIsShownInBothLanguages() {
        for (language, word, ids) in [(Language.zh, "超时", [Int64(3)]), (.zh, "无上报", [3]), (.en, "silent", [3]), (.en, "cleared", [2]),
                                      (.zh, "已解除", [2]), (.en, "wang", [2])] {
            var s = logState(language)
            send(keys("/" + word + "\n"), to: &s)
            #expect(Screens.list(s)!.rows.map(\.alarmID) == ids, "\(language) \(word)")
        }
    }

    @Test func cHidesTheClosedAndTheHeaderCountsTheUnacknowledged() {
        var s = logState(.en)
        send(keys("c"), to: &s)
        #expect(Screens.list(s)!.rows.map(\.alarmID) == [1, 3])
        #expect(lines(render(s))[0].contains("! 1 unacknowledged"))
        send(keys("c"), to: &s)
        #expect(Screens.list(s)!.rows.count == 3)
    }

    @Test func aNewAlarmFlashesTheHeaderAndRingsAndTheFlashEnds() {
        var s = logState(.en)
        apply(.tick(now: Self.now), to: &s)
        let raised = Alarm(id: 9, mn: Self.water.mn, rule: .waterClass, started: Self.now, amount: 5, cleared: nil, acknowledgedBy: nil, acknowledgedAt: nil)
        let effects = apply(.liveUpdated(LiveSnapshot(taken: Self.now + 1, stations: [], alarms: Self.alarms + [raised], feed: FeedCounts())), to: &s)
        #expect(effects.contains(.bell))
        #expect(lines(render(s))[0].contains("new alarm 1"))
        apply(.tick(now: Self.now + 20), to: &s)
        #expect(!lines(render(s))[0].contains("new alarm"))
    }

    @Test func aSilentFeedSaysSoInTheHeader() {
        var s = logState(.en)
        let status = StationStatus(station: Self.air, latest: [], lastSeen: Self.now - 400, now: Self.now)
        s.live = LiveSnapshot(taken: Self.now, stations: [status], alarms: [], feed: FeedCounts())
        #expect(lines(render(s))[0].contains("⚠ silent 6m"))
    }
}

/// The stations list names codes, marks invalid values and keeps every pollutant at 160 columns.
@Suite struct StationsListValuesTests {
    @Test func namesNotCodesInvalidMarkedAndNoClippingAt160Columns() {
        let now: Int64 = 1_795_900_000
        let air = sampleProgramme.stations.first { $0.kind == .air && $0.particleScale == 1 }!
        let sea = sampleProgramme.stations.first { $0.kind == .sea }!
        func v(_ code: String, _ value: Double, _ flag: DataFlag = .normal) -> LatestValue {
            LatestValue(code: code, value: value, flag: flag, time: now, dataType: .realTime)
        }
        let statuses = [
            StationStatus(station: air, latest: [v("a34004", 52.6), v("a34002", 78.3), v("a21026", 7.49, .fault), v("a21004", 28.1),
                                                 v("a21005", 1.04), v("a05024", 113.9)], lastSeen: now, now: now),
            StationStatus(station: sea, latest: [v("w21017", 0.35), v("w21018", 0.02)], lastSeen: now, now: now),
        ]
        for language in [Language.zh, .en] {
            var s = state(asOf: "2026-11-29", language: language, size: (160, 40), route: .stations(district: nil))
            s.live = LiveSnapshot(taken: now, stations: statuses, alarms: [], feed: FeedCounts())
            let text = lines(render(s))
            let airLine = text.first { $0.contains(air.name[language].prefix(4)) }!
            #expect(airLine.contains("PM2.5 52.6 PM10 78.3 SO2 ✕7.49 NO2 28.1 CO 1.04 O3 113.9"), "\(airLine)")
            let seaLine = text.first { $0.contains(sea.name[language].prefix(4)) }!
            #expect(seaLine.contains("DIN 0.35 PO4-P 0.02"), "\(seaLine)")
            #expect(!text.joined().contains("w21017"))
            #expect(text.joined().contains("µg/m³"))
        }
    }
}
