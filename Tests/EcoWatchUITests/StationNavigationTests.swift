import Testing
import EcoWatchCore
@testable import EcoWatchUI

/// Reaching a station's screen, and what it asks the run loop to read.
@Suite struct StationNavigationTests {
    let station = sampleProgramme.stations[0]

    func history(_ span: HistorySpan, taken: Int64) -> StationHistory {
        StationHistory(station: station, span: span, starts: [0, 3600], series: [:], alarms: [], refusals: 0, taken: taken)
    }

    @Test func enterOnAStationOpensItsScreenWhichAsksForItsHistory() {
        var s = state(route: .stations(district: nil))
        let effects = send(.enter, to: &s)
        guard case .station(let mn) = s.route else { Issue.record("Enter opened \(s.route)"); return }
        #expect(mn == Screens.list(state(route: .stations(district: nil)))!.rows[0].target.flatMap { if case .station(let m) = $0 { m } else { nil } })
        #expect(effects == [.loadStation(mn: mn, span: .day)])
        #expect(Route(view: "station:" + mn, programme: sampleProgramme) == .station(mn))
        #expect(Route(view: "station:NOPE", programme: sampleProgramme) == nil)
    }

    @Test func enterOnAnAlarmOpensItsStation() {
        var s = state(route: .alarms)
        let alarm = Alarm(id: 7, mn: station.mn, rule: .aqi, started: 100, amount: 150, cleared: nil, acknowledgedBy: nil, acknowledgedAt: nil)
        apply(.liveUpdated(LiveSnapshot(taken: 200, stations: [], alarms: [alarm], feed: FeedCounts())), to: &s)
        #expect(send(.enter, to: &s) == [.loadStation(mn: station.mn, span: .day)])
        #expect(s.route == .station(station.mn))
    }

    @Test func leftAndRightSwitchTheSpanAndTheFeedRereadsItAtMostEveryTenSeconds() {
        var s = state(route: .station(station.mn))
        apply(.stationLoaded(history(.day, taken: 1000)), to: &s)
        #expect(send(.right, to: &s) == [.loadStation(mn: station.mn, span: .week)])
        #expect(send(keys("l"), to: &s) == [.loadStation(mn: station.mn, span: .month)])
        #expect(send(.right, to: &s) == [.loadStation(mn: station.mn, span: .day)])
        #expect(send(.left, to: &s) == [.loadStation(mn: station.mn, span: .month)])
        apply(.stationLoaded(history(.month, taken: 1000)), to: &s)
        let live = LiveSnapshot(taken: 1005, stations: [], alarms: [], feed: FeedCounts())
        #expect(apply(.liveUpdated(live), to: &s).isEmpty)
        let later = LiveSnapshot(taken: 1010, stations: [], alarms: [], feed: FeedCounts())
        #expect(apply(.liveUpdated(later), to: &s) == [.loadStation(mn: station.mn, span: .month)])
        // Back on the list and in again: the history held is the station's, nothing to read.
        send(.escape, to: &s)
        #expect(s.route == .overview)
        #expect(apply(.go(.station(station.mn)), to: &s).isEmpty)
    }

    @Test func aStationsHistoryThatArrivesAfterTheUserMovedOnIsNotShownForAnother() {
        let other = sampleProgramme.stations[1]
        var s = state(route: .station(other.mn))
        apply(.stationLoaded(history(.day, taken: 1000)), to: &s)
        #expect(s.stationHistory == nil)
        send(.escape, to: &s)
        apply(.stationLoaded(history(.day, taken: 1000)), to: &s)
        #expect(s.stationHistory == nil)
    }

    @Test func upAndDownChooseTheCodeTheChartShows() {
        var s = state(size: (120, 40), route: .station(station.mn))
        apply(.stationLoaded(history(.day, taken: 1000)), to: &s)
        #expect(lines(render(s)).joined().contains("PM2.5 Fine particulate matter (µg/m³)"))
        send(.down, to: &s)
        #expect(lines(render(s)).joined().contains("PM10 Inhalable particulate matter (µg/m³)"))
    }
}
