import Testing
import EcoWatchCore
@testable import EcoWatchUI

/// Meeting mode as a presenter uses it: the default tour, the replay told as a story with its
/// closing frame, all driven second by second as the run loop's clock drives it.
@Suite struct MeetingModeTests {
    /// A kiosk state as `ecowatch --kiosk` builds it.
    func kiosk(asOf: String = "2026-11-29", language: Language = .en, size: (Int, Int) = (100, 30),
               playlist: [Route]? = nil, interval: Int = 2, replay: ClosedRange<YearMonth>? = nil, loop: Bool = false) -> AppState {
        var s = state(asOf: replay.map { KioskState.asOf(replaying: $0.lowerBound).description } ?? asOf,
                      language: language, size: size, themes: ["high-contrast", "default"])
        let routes = playlist ?? (replay != nil ? [.overview] : KioskState.tour(s.snapshot, programme: s.programme))
        s.kiosk = KioskState(playlist: routes, interval: interval, replay: replay, loop: loop)
        s.stack = [routes[0]]
        return s
    }

    /// Lets `seconds` pass on the test clock, one tick a second as the run loop sends them;
    /// returns the route on screen after each second.
    @discardableResult
    func pass(_ seconds: Int, _ s: inout AppState) -> [Route] {
        // 2026-11-29 05:06 in Ningbo: the same day as the tests' "today".
        if s.clock == nil { apply(.tick(now: 1_795_900_000), to: &s) }
        return (0..<seconds).map { _ in
            apply(.tick(now: s.clock! + 1), to: &s)
            return s.route
        }
    }

    func month(_ iso: String) -> YearMonth { YearMonth(iso: iso)! }

    // MARK: the default tour

    @Test func withNoPlaylistTheTourVisitsEveryViewInTurn() {
        var s = kiosk()
        let tour = s.kiosk!.playlist
        let districts = sampleProgramme.districts.map(\.id)
        #expect(Array(tour.prefix(2)) == [.overview, .overdue])
        #expect(Array(tour.suffix(2)) == [.stations(district: nil), .missedTargets])
        let visited = tour.compactMap { route -> String? in if case .district(let id) = route { id } else { nil } }
        #expect(visited.sorted() == districts.sorted())
        // Districts with a missed target or an overdue task come first.
        let flags = visited.map { s.snapshot.needsAttention(district: $0) }
        #expect(flags == flags.sorted { $0 && !$1 })
        // Within each group, the programme's order.
        for group in [true, false] {
            let ids = zip(visited, flags).filter { $0.1 == group }.map(\.0)
            #expect(ids == districts.filter(ids.contains))
        }
        #expect(s.snapshot.needsAttention(district: "cixi"))   // R10 names Cixi and is overdue

        // Each view stays `interval` seconds, in order, and the tour starts again after the last.
        let seen = pass(2 * tour.count + 1, &s)
        var expected = [tour[0]] + tour.dropFirst().flatMap { [$0, $0] } + [tour[0], tour[0]]
        expected.removeLast(expected.count - seen.count)
        #expect(seen == expected)
        // The strip counts the views.
        #expect(lines(render(s))[2].hasSuffix("1/\(tour.count) "))
        #expect(s.asOf == day("2026-11-29"))
    }

    @Test func theTourEndsOnTheProgrammesMissedTargets() {
        var s = kiosk(language: .zh)
        pass(2 * (s.kiosk!.playlist.count - 1), &s)
        #expect(s.route == .missedTargets)
        let text = lines(render(s)).joined(separator: "\n")
        #expect(text.contains("未达标目标"))
        for id in ["industrial_parks_zero_discharge", "seabound_tp_compliance", "construction_waste_bases"] {
            #expect(text.contains(String(sampleProgramme.indicator(id)!.name.zh.prefix(8))), "\(id)")
        }
    }

    // MARK: the replay

    @Test func replayShowsEachMonthLabelledWithItselfThenHoldsOnAClosingFrame() {
        let months = month("2021-01")...month("2021-06")
        var s = kiosk(language: .en, interval: 3, replay: months)
        var labels: [String] = []
        var periods: [String] = []
        for _ in 0..<6 {
            let strip = lines(render(s)).prefix(7).joined(separator: "\n")
            let shown = s.kiosk!.replay!.month
            labels.append(shown.description)
            // The strip names the month it shows, never the day after it that it is judged on.
            #expect(strip.contains(" \(shown) "), "\(strip)")
            #expect(!strip.contains(s.asOf.description))
            // The KPI strip follows the month: PM2.5's judged figure (2020's, the closed year) in
            // large digits, and the year to date through the month on screen.
            let pm25 = s.snapshot.result("pm25")!
            #expect(strip.contains(BigDigits(pm25.valueText).lines[0]), "\(pm25.valueText)\n\(strip)")
            let ytd = Strings.yearToDateShort[.en] + " " + sampleProgramme.indicator("pm25")!.format(pm25.yearToDate?.value ?? 0)
            #expect(shown.month == 1 || strip.contains(ytd), "\(ytd)\n\(strip)")
            periods.append(lines(render(s))[5])
            #expect(s.kiosk!.replay!.closing == false)
            pass(3, &s)
        }
        #expect(labels == ["2021-01", "2021-02", "2021-03", "2021-04", "2021-05", "2021-06"])
        #expect(Set(periods).count == 6)

        // The closing frame: the last month, and what changed since the first.
        #expect(s.kiosk!.replay!.closing)
        #expect(s.kiosk!.replay!.month == month("2021-06"))
        let first = DashboardSnapshot(programme: s.programme, evaluator: s.evaluator, asOf: day("2021-02-01"))
        let doneFirst = first.tasks.filter { $0.status.isDone }.count
        let doneLast = s.snapshot.tasks.filter { $0.status.isDone }.count
        let closing = lines(render(s))
        let text = closing.joined(separator: "\n")
        #expect(text.contains("end of replay · 2021-01 → 2021-06"))
        #expect(text.contains("Tasks done    \(doneFirst) → \(doneLast) / 19"))
        #expect(text.contains("Targets met"))
        #expect(text.contains("Still open"))
        #expect(text.contains("any key replays again"))

        // It holds: the clock goes on, the frame does not move.
        pass(60, &s)
        #expect(lines(render(s)) == closing)
        #expect(s.asOf == day("2021-07-01"))
    }

    @Test func aLoopingReplayStartsAgainAfterItsClosingFrame() {
        let months = month("2022-11")...month("2022-12")
        var s = kiosk(interval: 2, replay: months, loop: true)
        pass(4, &s)
        #expect(s.kiosk!.replay!.closing)
        pass(2 * KioskState.closingIntervals - 1, &s)
        #expect(s.kiosk!.replay!.closing)
        pass(1, &s)
        #expect(s.kiosk!.replay!.closing == false)
        #expect(s.kiosk!.replay!.month == month("2022-11"))
        #expect(s.asOf == day("2022-12-01"))
    }

    @Test func aPausedReplayStaysOnItsMonth() {
        var s = kiosk(interval: 1, replay: month("2021-01")...month("2021-12"))
        pass(3, &s)
        s.kiosk!.paused = true
        pass(10, &s)
        #expect(s.kiosk!.replay!.month == month("2021-04"))
        #expect(lines(render(s))[2].contains("paused"))
    }
}

/// The overview hides nothing missed: every indicator missed or at risk, in any domain, is on
/// it, and every indicator is reachable from its pane.
@Suite struct NothingMissedIsHiddenTests {
    @Test func everyDomainHasExactlyOnePane() {
        for domain in Domain.allCases {
            #expect(Pane.allCases.filter { $0.domains.contains(domain) }.count == 1, "\(domain)")
        }
    }

    @Test(arguments: ["2023-01-15", "2026-11-29"])
    func theOverviewShowsEveryShortfallAtEverySize(asOf: String) {
        for size in [(80, 24), (100, 30), (160, 48)] {
            for language in Language.allCases {
                for meeting in [false, true] {
                    var s = state(asOf: asOf, language: language, size: size)
                    if meeting { s.kiosk = KioskState(playlist: [.overview], interval: 15) }
                    let text = lines(render(s)).joined(separator: "\n")
                    let shortfalls = s.snapshot.shortfalls
                    #expect(!shortfalls.isEmpty)
                    for result in shortfalls {
                        let glyph = StatusMark(result.status).glyph
                        let name = String(result.indicator.name[language].prefix(4))
                        // On screen, or (a pane too short at this size) counted on its "more" line.
                        let pane = Pane.allCases.first { $0.domains.contains(result.indicator.domain) }!
                        let listed = s.paneIndicators(pane)
                        let window = OverviewScreen.indicatorWindow(s, pane: pane, area: Panel.inner(OverviewLayout(s).panes[pane]!))
                        let index = listed.firstIndex { $0.id == result.indicator.id }!
                        if index < window.count {
                            #expect(text.contains(glyph + " " + name), "\(asOf) \(size) \(language) \(meeting): \(result.indicator.id)")
                        } else {
                            #expect(text.contains(StatusMark.missed.glyph + StatusMark.atRisk.glyph), "\(asOf) \(size) \(language) \(meeting): \(result.indicator.id) neither shown nor counted")
                        }
                    }
                }
            }
        }
        // At the sizes meeting rooms use, every shortfall is on screen itself.
        var s = state(asOf: "2026-11-29", language: .en, size: (100, 30))
        s.kiosk = KioskState(playlist: [.overview], interval: 15)
        let text = lines(render(s)).joined(separator: "\n")
        for id in ["industrial_parks_zero_discharge", "seabound_tp_compliance", "construction_waste_bases"] {
            #expect(text.contains(StatusMark.missed.glyph + " " + String(sampleProgramme.indicator(id)!.name.en.prefix(12))), "\(id)")
        }
    }

    @Test func everyIndicatorIsReachableFromItsPane() {
        var reached: Set<String> = []
        for pane in Pane.allCases where !pane.domains.isEmpty {
            var s = state(asOf: "2026-11-29", language: .en, size: (100, 30))
            send(.character(Character(String(pane.rawValue))), to: &s)
            let count = s.paneIndicators(pane).count
            for row in 0..<count {
                var opened = s
                send(.enter, to: &opened)
                guard case .indicator(let id) = opened.route else {
                    Issue.record("\(pane) row \(row) opens \(opened.route)")
                    continue
                }
                reached.insert(id)
                // The selected row is on screen: the pane scrolled to it.
                let name = String(sampleProgramme.indicator(id)!.name.en.prefix(10))
                #expect(lines(render(s)).joined().contains(name), "\(pane) row \(row): \(id)")
                send(.down, to: &s)
            }
        }
        #expect(reached == Set(sampleProgramme.indicators.map(\.id)))
    }
}
