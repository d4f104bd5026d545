import Testing
import EcoWatchCore
@testable import EcoWatchUI

/// The app layer driven as the run loop drives it: keys through `action(for:in:)`, actions
/// through `reduce`, and the state (and what `render` draws of it) checked after.
@Suite struct ReducerTests {
    func status(_ s: AppState, _ id: String) -> TaskStatus? {
        s.snapshot.tasks.first { $0.task.id == id }?.status
    }

    /// The task IDs the current list screen holds, top to bottom (what the table shows).
    func rowIDs(_ s: AppState) -> [String] {
        (Screens.list(s)?.rows ?? []).compactMap { row in
            if case .task(let id)? = row.target { return id }
            return nil
        }
    }

    // MARK: focus

    @Test func tabAndShiftTabCycleTheSixPanes() {
        var s = state()
        var seen: [Pane] = [s.focus]
        for _ in 0..<6 {
            send(.tab, to: &s)
            seen.append(s.focus)
        }
        #expect(seen == [.air, .water, .waste, .marine, .tasks, .districts, .air])
        send(.backTab, to: &s)
        #expect(s.focus == .districts)
        send(.backTab, .backTab, to: &s)
        #expect(s.focus == .marine)
    }

    @Test func digitsFocusPanesAndReturnFromSubScreens() {
        var s = state()
        for (key, pane) in zip("123456", Pane.allCases) {
            send(keys(String(key)), to: &s)
            #expect(s.focus == pane)
        }
        send(keys("o"), to: &s)
        #expect(s.route == .overdue)
        send(keys("3"), to: &s)
        #expect(s.stack == [.overview])
        #expect(s.focus == .waste)
        // Tab on a sub-screen does not move the overview's focus behind it.
        send(keys("T"), to: &s)
        send(.tab, to: &s)
        #expect(s.route == .tasks)
        #expect(s.focus == .waste)
    }

    @Test func arrowsAndHJKLMoveWithinAPaneClamped() {
        var s = state()
        let count = s.paneIndicators(.air).count
        #expect(count >= 2)
        send(keys("j"), to: &s)
        #expect(s.cursor[.pane(.air)] == 1)
        send(.up, to: &s)
        #expect(s.cursor[.pane(.air)] == 0)
        send(keys("kkk"), to: &s)
        #expect(s.cursor[.pane(.air)] == 0)
        send(keys(String(repeating: "j", count: count + 5)), to: &s)
        #expect(s.cursor[.pane(.air)] == count - 1)
        send(.down, .down, to: &s)
        #expect(s.cursor[.pane(.air)] == count - 1)
        // Left and right mean nothing in a list pane.
        send(keys("hl"), to: &s)
        #expect(s.cursor[.pane(.air)] == count - 1)
        // The map follows the selected indicator.
        #expect(s.mapIndicatorID == s.paneIndicators(.air)[count - 1].id)
        // Other panes keep their own selection.
        send(keys("2"), to: &s)
        #expect(s.cursor[.pane(.water), default: 0] == 0)
    }

    @Test func tasksPaneSelectionOpensThatTask() {
        var s = state()
        send(keys("5jj"), to: &s)
        let third = OverviewScreen.urgentTasks(s)[2].task.id
        send(.enter, to: &s)
        #expect(s.stack == [.overview, .task(third)])
    }

    // MARK: drilling down and the breadcrumb

    @Test func enterOnTheDistrictsPaneDrillsDownAndEscBacksUp() {
        var s = state(language: .zh)
        send(keys("6"), to: &s)
        #expect(DistrictMap.districts(sampleProgramme)[s.cursor[.pane(.districts)] ?? 0].district.id == "cixi")
        send(.down, .down, to: &s)   // cixi → jiangbei → haishu
        send(.enter, to: &s)
        #expect(s.stack == [.overview, .district("haishu")])
        #expect(lines(render(s))[1].contains("总览 › 海曙区"))
        // Enter on the district's first indicator row opens it.
        let first = Screens.list(s)!.rows[0].target
        send(.enter, to: &s)
        #expect(first != nil)
        #expect(s.stack == [.overview, .district("haishu"), first!])
        // And from the indicator, a district in its ranking.
        send(.enter, to: &s)
        #expect(s.stack.count == 4)
        send(.escape, to: &s)
        #expect(s.stack == [.overview, .district("haishu"), first!])
        send(.backspace, .escape, to: &s)
        #expect(s.stack == [.overview])
        send(.escape, to: &s)
        #expect(s.stack == [.overview])
        #expect(s.focus == .districts)
    }

    /// The districts pane as a list (`m`): the row drawn selected is the row Enter opens.
    @Test func theDistrictListHighlightsTheRowEnterOpens() throws {
        var s = state(language: .en)
        send(keys("6m"), to: &s)
        send(keys("jjj"), to: &s)
        let canvas = render(s)
        let pane = try #require(OverviewLayout(width: s.width, height: s.height).panes[.districts])
        let highlighted = try #require((pane.y + 2..<pane.maxY).first { y in
            (pane.x..<pane.maxX).contains { x in canvas[x, y].style.reverse && !canvas[x, y].text.trimmingCharacters(in: .whitespaces).isEmpty }
        })
        let line = String(lines(canvas)[highlighted])
        send(.enter, to: &s)
        guard case .district(let id) = s.route else { Issue.record("Enter opened \(s.route)"); return }
        let name = try #require(sampleProgramme.district(id)?.name[.en])
        #expect(line.contains(name), "highlighted: \(line), opened: \(name)")
    }

    @Test func mapArrowsMoveBetweenGeographicNeighbours() {
        var s = state()
        send(keys("6"), to: &s)
        func selected() -> String { DistrictMap.districts(sampleProgramme)[s.cursor[.pane(.districts)] ?? 0].district.id }
        send(keys("jj"), to: &s)
        #expect(selected() == "haishu")
        send(.right, to: &s)
        #expect(selected() == "yinzhou")
        send(keys("l"), to: &s)
        #expect(selected() == "beilun")
        send(.right, to: &s)
        #expect(selected() == "beilun")   // the sea: nowhere further east
        send(.up, to: &s)
        #expect(selected() == "zhenhai")
        send(.left, to: &s)
        #expect(selected() == "jiangbei")
        send(keys("h"), to: &s)
        #expect(selected() == "yuyao")
        send(.up, to: &s)
        #expect(selected() == "cixi")
        send(.up, to: &s)
        #expect(selected() == "cixi")      // Hangzhou Bay
        send(keys("jjjj"), to: &s)
        #expect(selected() == "ninghai")
    }

    // MARK: the time machine

    @Test func bracketsMoveTheAsOfDayAndStatusesFollow() {
        var s = state(asOf: "2023-01-15")
        #expect(status(s, "R13") == .overdue)
        send(keys("]"), to: &s)
        #expect(s.asOf == day("2023-02-15"))
        #expect(status(s, "R13") == .doneLate)
        send(keys("["), to: &s)
        #expect(s.asOf == day("2023-01-15"))
        #expect(status(s, "R13") == .overdue)
        send(keys("}"), to: &s)
        #expect(s.asOf == day("2024-01-15"))
        send(keys("{{"), to: &s)
        #expect(s.asOf == day("2022-01-15"))
        // Before its deadline R13 was not yet overdue.
        #expect(status(s, "R13") != .overdue)
        #expect(lines(render(s))[0].contains("2022-01-15"))
    }

    @Test func theTimeMachineStopsAtBothEnds() throws {
        let months = try #require(sampleProgramme.dataMonths)
        // Forward: never past today, and "data to" never past the last month with data.
        var s = state(asOf: "2026-06-15")
        send(keys("}}]]"), to: &s)
        #expect(s.asOf == fixedToday)
        #expect(s.snapshot.dataMonth == min(months.upperBound, lastCompleteMonth(asOf: fixedToday)))
        #expect(lines(render(s))[0].contains(months.upperBound.description))
        // Back: never before the first day whose figures include the first month of data.
        let first = months.lowerBound.adding(months: 1).firstDay
        send(keys("{{{{{{{{{{{{["), to: &s)
        #expect(s.asOf == first)
        #expect(s.snapshot.dataMonth == months.lowerBound)
        send(keys("[{"), to: &s)
        #expect(s.asOf == first)
    }

    @Test func zeroReturnsToTodayAndTheFooterOffersItOnlyInThePast() {
        for language in Language.allCases {
            var s = state(asOf: "2023-01-15", language: language, size: (160, 40))
            let hint = "0 " + s.text(LocalizedText(zh: "回到今天", en: "today"))
            #expect(lines(render(s)).last?.contains(hint) == true, "\(language)")
            send(keys("0"), to: &s)
            #expect(s.asOf == fixedToday)
            #expect(lines(render(s)).last?.contains(hint) == false, "\(language)")
            send(keys("?"), to: &s)
            #expect(lines(render(s)).contains { $0.contains("0 ") && $0.contains(language == .zh ? "回到今天" : "back to today") })
        }
    }

    // MARK: filter, sort, export

    @Test(arguments: ["beilun", "北仑", "Beilun"])
    func filterKeepsOnlyMatchingTasksAndEscClearsIt(text: String) {
        var s = state(asOf: "2023-01-15", language: .zh)
        send(keys("o"), to: &s)
        let all = rowIDs(s)
        #expect(Set(all) == ["R05", "R10", "R12", "R13", "R15"])
        send(keys("/" + text), to: &s)
        #expect(s.editingFilter)
        let beilun = all.filter { sampleProgramme.task($0)!.districtIDs.contains("beilun") }
        #expect(!beilun.isEmpty)
        #expect(rowIDs(s) == beilun)
        #expect(listedTaskIDs(render(s)) == beilun)
        #expect(lines(render(s)).last!.contains("筛选：" + text))
        // Enter keeps the filter; Esc then clears it.
        send(.enter, to: &s)
        #expect(!s.editingFilter)
        #expect(rowIDs(s) == beilun)
        send(.escape, to: &s)
        #expect(s.filters[.overdue] == nil)
        #expect(rowIDs(s) == all)
        #expect(s.route == .overdue)   // the first Esc clears, it does not back up
        // Esc while typing clears too.
        send(keys("/" + text), to: &s)
        send(.escape, to: &s)
        #expect(rowIDs(s) == all)
        #expect(!s.editingFilter)
    }

    @Test func sortColumnAndInversionReorderTheRows() {
        var s = state(asOf: "2023-01-15", language: .en)
        send(keys("T"), to: &s)
        let ids = s.snapshot.tasks.map(\.task.id)
        #expect(rowIDs(s) == ids.sorted())
        send(keys("I"), to: &s)
        #expect(rowIDs(s) == ids.sorted().reversed())
        send(keys("I>>"), to: &s)   // ascending again, by title (after the status)
        let byTitle = s.snapshot.tasks.sorted { $0.task.title.en < $1.task.title.en }.map(\.task.id)
        #expect(s.sorts[.tasks] == SortOrder(column: 2, ascending: true))
        #expect(rowIDs(s) == byTitle)
        #expect(listedTaskIDs(render(s)).prefix(5) == byTitle.prefix(5))
        send(keys("<<<"), to: &s)   // wraps to the last column
        #expect(s.sorts[.tasks]?.column == Screens.list(s)!.columns.count - 1)

        // The overdue browser: longest overdue first; I puts it last.
        send(keys("o"), to: &s)
        #expect(rowIDs(s).first == "R05")
        send(keys("I"), to: &s)
        #expect(rowIDs(s).last == "R05")
        let days = rowIDs(s).map { id in s.snapshot.tasks.first { $0.task.id == id }!.daysOverdue }
        #expect(days == days.sorted())
    }

    @Test func exportReturnsExactlyTheRowsShown() {
        var s = state(asOf: "2023-01-15", language: .zh)
        send(keys("o/beilun\n"), to: &s)
        let effects = send(keys("e"), to: &s)
        guard case .export(let name, let table)? = effects.first, effects.count == 1 else {
            Issue.record("expected one export, got \(effects)")
            return
        }
        #expect(name == "overdue-2023-01-15")
        #expect(table == Screens.list(s)!.textTable)
        #expect(table.rows.map { taskIDs(in: $0[0]).first! } == listedTaskIDs(render(s)))
        #expect(table.rows.count == 2)
        #expect(table.columns.map(\.title).contains("期限"))
        // The overview has no table to export: it says so instead.
        send(.escape, .escape, to: &s)
        #expect(s.route == .overview)
        #expect(send(keys("e"), to: &s).isEmpty)
        #expect(s.message == Strings.nothingToExport[.zh])
    }

    // MARK: help, quit, themes, language

    /// The footer keeps `?` (and `q`) at 80 columns on every screen, in both languages.
    @Test func theFooterAlwaysOffersHelpAt80Columns() {
        for language in [Language.zh, .en] {
            for route in [Route.overview, .tasks, .overdue, .stations(district: nil), .alarms, .task("R01"), .district("beilun")] {
                let s = state(language: language, size: (80, 24), route: route)
                let footer = lines(render(s))[23]
                let help = KeyMap.bindings.first { $0.label == "?" }!.hint![language]
                #expect(footer.contains("? " + help), "\(route) \(language): \(footer)")
                #expect(footer.contains("q "), "\(route) \(language): \(footer)")
            }
        }
    }

    /// Help lists every binding of the key map, key column whole, at 80×24, and says how it closes.
    @Test func helpShowsEveryKeyAt80x24() {
        for language in [Language.zh, .en] {
            var s = state(language: language, size: (80, 24))
            send(keys("?"), to: &s)
            let screen = lines(render(s))
            for binding in KeyMap.help {
                #expect(screen.contains { $0.contains(binding.label + " ") }, "\(binding.label) missing")
            }
            #expect(screen.joined().contains(Strings.helpCloses[language]))
            for words in ["Home End", "/", "Esc"] { #expect(screen.joined().contains(words)) }
            send(keys("q"), to: &s)   // q quits from help, as the overlay says
        }
        var s = state(language: .en, size: (80, 24))
        send(keys("?"), to: &s)
        #expect(send(keys("q"), to: &s) == [.quit])
    }

    /// A console left running past midnight (China time) follows the calendar.
    @Test func theDayRollsOverWithTheClock() {
        var s = state(asOf: "2026-11-29", language: .en)
        // 2026-11-29 23:59:59 +08:00, then one second later.
        let lastSecond: Int64 = 1_795_967_999
        apply(.tick(now: lastSecond), to: &s)
        #expect(s.today == day("2026-11-29") && s.asOf == day("2026-11-29"))
        apply(.tick(now: lastSecond + 1), to: &s)
        #expect(s.today == day("2026-11-30") && s.asOf == day("2026-11-30"))
        // A console in the past stays there; only today moves.
        var past = state(asOf: "2023-01-15", language: .en)
        apply(.tick(now: lastSecond + 1), to: &past)
        #expect(past.today == day("2026-11-30") && past.asOf == day("2023-01-15"))
    }

    @Test func questionMarkTogglesHelpAndAnyKeyClosesIt() {
        var s = state(language: .en)
        send(keys("?"), to: &s)
        #expect(s.showHelp)
        #expect(lines(render(s)).joined().contains(Strings.helpCloses[.en]))
        send(keys("j"), to: &s)
        #expect(!s.showHelp)
        #expect(s.cursor[.pane(.air), default: 0] == 0)   // the key only closed help
        send(keys("?"), to: &s)
        send(.escape, to: &s)
        #expect(!s.showHelp)
        #expect(s.stack == [.overview])
        send(keys("?"), to: &s)
        send([.click(x: 3, y: 3)], to: &s)
        #expect(!s.showHelp)
    }

    @Test func qQuitsButIsTextWhileFiltering() {
        var s = state()
        #expect(send(keys("q"), to: &s) == [.quit])
        send(keys("o/"), to: &s)
        #expect(send(keys("q"), to: &s).isEmpty)
        #expect(s.filters[.overdue] == "q")
        #expect(send([.key(.control("c"))], to: &s) == [.quit])
        send(.enter, to: &s)
        #expect(send(keys("q"), to: &s) == [.quit])
    }

    @Test func tCyclesThemes() {
        var s = state(themes: ["default", "dark", "light"])
        #expect(send(keys("t"), to: &s) == [.applyTheme("dark")])
        #expect(send(keys("t"), to: &s) == [.applyTheme("light")])
        #expect(send(keys("t"), to: &s) == [.applyTheme("default")])
        #expect(s.themeName == "default")
        #expect(s.message?.contains("default") == true)
    }

    @Test func capitalLTogglesTheLanguage() {
        var s = state(language: .zh)
        send(keys("L"), to: &s)
        #expect(s.language == .en)
        #expect(lines(render(s)).joined().contains("1 Air"))
        send(keys("L"), to: &s)
        #expect(s.language == .zh)
        #expect(lines(render(s)).joined().contains("1 大气"))
    }

    // MARK: mouse, resize, paste

    @Test func clickOnAPaneFocusesIt() {
        var s = state(size: (120, 40))
        let layout = OverviewLayout(width: 120, height: 40)
        for pane in Pane.allCases.reversed() {
            let r = layout.panes[pane]!
            send([.click(x: r.x + r.width / 2, y: r.y + r.height - 2)], to: &s)
            #expect(s.focus == pane)
        }
        // A click on an indicator's line selects it.
        let water = Panel.inner(layout.panes[.water]!)
        send([.click(x: water.x + 2, y: water.y + 2)], to: &s)
        #expect(s.focus == .water)
        #expect(s.cursor[.pane(.water)] == 1)
        // A click on a list row selects it.
        send(keys("T"), to: &s)
        let area = Screens.listArea(s)
        send([.click(x: area.x + 3, y: area.y + 1 + 4)], to: &s)
        #expect(s.cursor[.screen(.tasks)] == 4)
    }

    @Test func aTinyWindowAsksToBeEnlargedAndQStillQuits() {
        var s = state(language: .en)
        send([.resize(width: 1, height: 1)], to: &s)
        let tiny = render(s)
        #expect(tiny.width == 1 && tiny.height == 1)
        #expect(lines(tiny) == ["W"])   // the message's first letter: all there is room for
        #expect(send(keys("q"), to: &s) == [.quit])
        send([.resize(width: 40, height: 10)], to: &s)
        let small = lines(render(s)).joined().filter { $0 != " " }
        #expect(small.contains("Windowtoosmall(40×10)"))
        #expect(small.contains("atleast60×16"))
        send([.resize(width: 120, height: 40)], to: &s)
        #expect(lines(render(s)).joined().contains("1 Air"))
    }

    @Test func pasting500KeysNeverCrashesAndLeavesAConsistentState() {
        // A deterministic "paste": every key of the key map, Chinese characters and controls.
        let alphabet: [Key] = "jkhl[]{}/<>IeLtm?soT123456北仑q x".map { Key.character($0) }
            + [.enter, .escape, .backspace, .tab, .backTab, .up, .down, .left, .right, .pageUp, .pageDown, .home, .end]
        var generator = SplitMix(seed: 2023)
        for language in Language.allCases {
            var s = state(asOf: "2023-01-15", language: language, size: (100, 30), themes: ["default", "dark"])
            var quits = 0
            for i in 0..<500 {
                let key = alphabet[Int(generator.next() % UInt64(alphabet.count))]
                quits += send([.key(key)], to: &s).filter { $0 == .quit }.count
                #expect(!s.stack.isEmpty && s.stack[0] == .overview)
                #expect(Screens.rowCount(s) == 0 || Screens.selection(s) < Screens.rowCount(s),
                        "\(language) key \(i) \(key): selection \(Screens.selection(s)) of \(Screens.rowCount(s)) on \(s.route)")
                if i % 50 == 0 {
                    let canvas = render(s)
                    #expect(lines(canvas).allSatisfy { displayWidth($0) == 100 })
                }
            }
            #expect(quits > 0)
            let canvas = render(s)
            #expect(lines(canvas).count == 30)
            #expect(lines(canvas).allSatisfy { displayWidth($0) == 100 })
            #expect(s.asOf.year >= 2000 && s.asOf.year <= 2100)
        }
    }

    @Test func selectionStaysOnAVisibleRowWhenTheTimeMachineShrinksTheList() {
        var s = state(asOf: "2023-01-15", language: .en)
        send(keys("o"), to: &s)
        send(.end, to: &s)
        #expect(Screens.selection(s) == 4)
        send(keys("]"), to: &s)   // R13 is done late a month on
        let rows = Screens.rowCount(s)
        #expect(rows < 5)
        #expect(Screens.selection(s) == rows - 1)
        // Up moves to the row above the last one shown.
        send(.up, to: &s)
        #expect(Screens.selection(s) == rows - 2)
    }

    // MARK: kiosk

    @Test func kioskTicksRotateThePlaylist() {
        var s = state(asOf: "2023-01-15", language: .en)
        s.kiosk = KioskState(playlist: [.overview, .overdue, .stations(district: nil)], interval: 3)
        var routes: [Route] = []
        apply(.tick(now: 1_700_000_000), to: &s)
        for second in 1...9 {
            apply(.tick(now: 1_700_000_000 + Int64(second)), to: &s)
            routes.append(s.route)
        }
        #expect(routes == [.overview, .overview, .overdue, .overdue, .overdue, .stations(district: nil),
                           .stations(district: nil), .stations(district: nil), .overview])
        #expect(s.asOf == day("2023-01-15"))   // a plain rotation keeps the day
        #expect(lines(render(s)).joined().contains("2023-01-15"))
        // Any key pauses (a tick then moves nothing), the next resumes, Esc leaves.
        send(keys("x"), to: &s)
        #expect(s.kiosk?.paused == true)
        apply(.tick(now: 1_700_000_013), to: &s)
        #expect(s.route == .overview)
        #expect(s.kiosk?.index == 0)
        send(keys("x"), to: &s)
        #expect(s.kiosk?.paused == false)
        apply(.tick(now: 1_700_000_016), to: &s)
        #expect(s.route == .overdue)
        send(.escape, to: &s)
        #expect(s.kiosk == nil)
        #expect(s.route == .overdue)
    }
}

/// A tiny deterministic random number generator, so the paste is the same on every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct SortDefaultTests {
    /// `I` inverts the order the list shows, its own default included: alarms start newest
    /// first, so the first `I` shows them oldest first.
    @Test func theFirstInvertActsOnTheListsOwnDefaultOrder() {
        var app = state(asOf: "2026-11-29", route: .alarms)
        let mn = sampleProgramme.stations[0].mn
        let alarms = [200, 100].enumerated().map { i, started in
            Alarm(id: Int64(i + 1), mn: mn, rule: .aqi, started: Int64(started), amount: Double(130 + i), cleared: nil,
                  acknowledgedBy: nil, acknowledgedAt: nil)
        }
        _ = reduce(&app, .liveUpdated(LiveSnapshot(taken: 300, stations: [], alarms: alarms, feed: FeedCounts())))
        #expect(Screens.list(app)?.rows.map(\.alarmID) == [1, 2])
        _ = reduce(&app, .invertSort)
        #expect(Screens.list(app)?.rows.map(\.alarmID) == [2, 1])
    }
}
