import Foundation
import Testing
@testable import EcoWatchCore

/// A station's screen data and `report series`, read from the roll-ups of a real store.
@Suite struct StationHistoryTests {
    /// 2026-11-29 00:00 China time.
    let midnight: Int64 = 1_795_881_600

    func store() throws -> (SQLiteStore, TemporaryDatabase, Programme) {
        let db = TemporaryDatabase()
        let programme = try MiniDataSet().load()
        let store = try SQLiteStore(path: db.path)
        try store.replaceProgramme(programme)
        return (store, db, programme)
    }

    func frame(_ mn: String, _ time: Int64, _ readings: [(String, Double, DataFlag)]) -> IngestFrame {
        IngestFrame(mn: mn, qn: "\(time)000", dataType: .hourly,
                    readings: readings.map { Reading(mn: mn, code: $0.0, time: time, dataType: .hourly, value: $0.1, flag: $0.2) })
    }

    @Test func theDaySpanReadsHourlyMeansOfValidValuesOnly() throws {
        let (store, db, programme) = try store()
        defer { db.remove() }
        let air = try #require(programme.stations.first { $0.kind == .air })   // particles in ng/m³ (scale 0.001)
        let now = midnight + 10 * 3600 + 1800   // 10:30
        // 09:00 and 09:30: PM2.5 40 and 60 µg/m³ (sent in ng/m³); 09:45 a faulty 900 that must not count.
        _ = try store.ingest([
            frame(air.mn, midnight + 9 * 3600, [("a34004", 40_000, .normal), ("a34002", 50_000, .normal)]),
            frame(air.mn, midnight + 9 * 3600 + 1800, [("a34004", 60_000, .normal)]),
            frame(air.mn, midnight + 9 * 3600 + 2700, [("a34004", 900_000, .fault)]),
        ])
        let history = try StationHistory.read(from: store, station: air, span: .day, now: now)
        #expect(history.starts.count == 24)
        #expect(history.starts.last == midnight + 10 * 3600)
        let means = history.means("a34004")
        #expect(means[22] == 50)              // the 09:00 hour, in µg/m³, without the faulty value
        #expect(means.compactMap { $0 }.count == 1)
        // AQI of the hour: PM2.5 50 → IAQI (100−50)/(75−35)·(50−35)+50 = 68.75 → 69; PM10 50 → 50.
        #expect(history.quality()[22] == 69)
        #expect(history.limit("a34004") == 75)
        #expect(history.qualityLimit == 100)

        let month = try StationHistory.read(from: store, station: air, span: .month, now: now)
        #expect(month.starts.count == 30 && month.starts.last == midnight)
        #expect(month.means("a34004").last == 50)
    }

    @Test func waterClassesOverTimeAndTheTargetsLimit() throws {
        let (store, db, programme) = try store()
        defer { db.remove() }
        let water = try #require(programme.stations.first { $0.kind == .water })   // target III, river
        _ = try store.ingest([frame(water.mn, midnight + 3600, [("w01009", 6, .normal), ("w21003", 1.2, .normal)])])
        let history = try StationHistory.read(from: store, station: water, span: .day, now: midnight + 2 * 3600)
        // NH3-N 1.2 mg/L is class IV (III's limit is 1.0): rank 4 against the target's 3.
        #expect(history.quality().compactMap { $0 } == [4])
        #expect(history.qualityLimit == 3)
        #expect(history.limit("w21003") == 1.0)
    }

    @Test func theStationsAlarmsComeNewestFirstAndOnlyItsOwn() throws {
        let (store, db, programme) = try store()
        defer { db.remove() }
        let air = programme.stations[0], water = programme.stations[1]
        try store.raiseAlarm(NewAlarm(mn: air.mn, rule: .aqi, started: 100, amount: 150))
        try store.clearAlarm(mn: air.mn, rule: .aqi, at: 200)
        try store.raiseAlarm(NewAlarm(mn: air.mn, rule: .stale, started: 300, amount: 3))
        try store.raiseAlarm(NewAlarm(mn: water.mn, rule: .waterClass, started: 400, amount: 4))
        let alarms = try store.alarms(mn: air.mn, limit: 10)
        #expect(alarms.map(\.rule) == [.stale, .aqi])
        #expect(alarms[1].cleared == 200)
    }

    @Test func aSeriesReportHasOneRowPerPeriodInChinaTime() throws {
        let (store, db, programme) = try store()
        defer { db.remove() }
        let air = programme.stations[0]
        _ = try store.ingest([
            frame(air.mn, midnight - 3600, [("a34004", 10_000, .normal)]),       // 28 Nov 23:00
            frame(air.mn, midnight + 3600, [("a34004", 20_000, .normal)]),       // 29 Nov 01:00
            frame(air.mn, midnight + 5 * 3600, [("a34004", 40_000, .normal)]),
            frame(air.mn, midnight + 6 * 3600, [("a34004", 99_000, .maintenance)]),
        ])
        let report = try SeriesReport.read(from: store, station: air, code: "a34004", grain: .day,
                                           from: Day(iso: "2026-11-29")!, to: Day(iso: "2026-11-29")!)
        #expect(report.table.rows == [["2026-11-29T00:00:00+08:00", "2", "30", "20", "40"]])
        let hours = try SeriesReport.read(from: store, station: air, code: "a34004", grain: .hour,
                                          from: Day(iso: "2026-11-28")!, to: Day(iso: "2026-11-29")!)
        #expect(hours.table.rows.map(\.[0]) == ["2026-11-28T23:00:00+08:00", "2026-11-29T01:00:00+08:00", "2026-11-29T05:00:00+08:00"])
    }

    @Test func everyCodeHasANameAndAUnit() {
        #expect(MonitoringCode("w21017").symbol == "DIN")
        #expect(MonitoringCode("w21018").name.zh == "活性磷酸盐")
        #expect(MonitoringCode("w01001").symbol == "pH" && MonitoringCode("w01001").unit.isEmpty)
        #expect(MonitoringCode("a21005").format(1.04) == "1.04 mg/m³")
        #expect(MonitoringCode("x99").symbol == "x99")
    }
}
