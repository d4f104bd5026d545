import Testing
import EcoWatchCore
@testable import EcoWatchUI

/// The overview with a live feed: the city now above the programme's monthly panes.
@Suite struct OverviewNowTests {
    static let now: Int64 = 1_795_900_000

    /// Every air station reporting PM2.5 `pm25` (µg/m³), one late water station below target.
    static func live(pm25: Double) -> LiveSnapshot {
        let stations = sampleProgramme.stations.map { station -> StationStatus in
            switch station.kind {
            case .air:
                let raw = pm25 / station.particleScale
                return StationStatus(station: station, latest: [LatestValue(code: "a34004", value: raw, flag: .normal, time: now - 30, dataType: .realTime)],
                                     lastSeen: now - 30, now: now)
            case .water, .sea:
                let below = station.mn == sampleProgramme.stations.first { $0.kind == .water }!.mn
                return StationStatus(station: station, latest: below ? [LatestValue(code: "w21003", value: 2.5, flag: .normal, time: now, dataType: .hourly)] : [],
                                     lastSeen: below ? now - 60 : nil, now: now)
            }
        }
        let alarm = Alarm(id: 1, mn: stations[0].station.mn, rule: .aqi, started: now - 100, amount: 150, cleared: nil,
                          acknowledgedBy: nil, acknowledgedAt: nil)
        return LiveSnapshot(taken: now, stations: stations, alarms: [alarm], feed: FeedCounts())
    }

    @Test func theCityNowIsOnTheFirstLinesAndTheMapShowsAQIByDistrict() {
        var s = state(asOf: "2026-11-29", language: .en, size: (200, 60))
        s.live = Self.live(pm25: 60)
        let text = lines(render(s))
        #expect(text[3].contains("City AQI  82 Good  primary PM2.5"))
        #expect(text[3].contains("alarms: 1 open · 1 unacknowledged"))
        let water = sampleProgramme.stations.first { $0.kind == .water }!
        #expect(text[5].contains("Below target " + water.name.en + " Worse than V/target Class II"))
        #expect(text[6].hasPrefix("│Late/offline "))
        #expect(text.joined().contains("by: AQI now"))
        #expect(text.joined().contains("82 Cixi"))
        // The programme's monthly panes are still there, below.
        #expect(text.joined().contains("1 Air") && text.joined().contains("6 Districts"))
    }

    @Test func at80x24TheBandIsTwoLinesAndThePanesKeepTheirIndicators() {
        var s = state(asOf: "2026-11-29", language: .zh, size: (80, 24))
        s.live = Self.live(pm25: 160)
        let text = lines(render(s))
        #expect(text[3].contains("全市 AQI  210 重度污染  首要污染物 PM2.5"))
        #expect(text[4].contains("最差站点 "))
        #expect(text.joined().contains("1 大气"))
        #expect(text[23].contains("? 帮助"))
    }
}
