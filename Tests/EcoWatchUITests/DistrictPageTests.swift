import Testing
import EcoWatchCore
@testable import EcoWatchUI

/// Every pane of the district page is reachable: Tab and Shift-Tab cycle indicators, tasks and
/// stations, the focused one drawn with the heavy border as on the overview, and Enter opens
/// the task or station under the cursor.
@Suite struct DistrictPageTests {
    /// The top border rows of the three panes, as drawn.
    func borders(_ s: AppState) -> String {
        lines(render(s)).filter { $0.contains("┏") || $0.contains("┌") }.joined(separator: "\n")
    }

    @Test func tabAndShiftTabCycleThePanesAndTheFocusedOneIsMarked() {
        var s = state(route: .district("beilun"))
        #expect(s.districtPane == .indicators)
        #expect(borders(s).contains("┏━ Beilun District") && borders(s).contains("┌─ Tasks"))
        var seen = [s.districtPane]
        for _ in 0..<3 {
            send(.tab, to: &s)
            seen.append(s.districtPane)
        }
        #expect(seen == [.indicators, .tasks, .stations, .indicators])
        send(.backTab, to: &s)
        #expect(s.districtPane == .stations)
        #expect(borders(s).contains("┏━ Stations") && borders(s).contains("┌─ Beilun District") && borders(s).contains("┌─ Tasks"))
        #expect(s.route == .district("beilun"), "Tab stays on the page")
    }

    @Test func enterOnATaskOpensItAndEscReturnsToTheTasksPane() {
        var s = state(route: .district("beilun"))
        send(.tab, .down, to: &s)
        let tasks = DistrictScreen.taskList(s).rows.compactMap { row -> String? in
            if case .task(let id)? = row.target { id } else { nil }
        }
        #expect(tasks.count >= 2)
        send(.enter, to: &s)
        #expect(s.route == .task(tasks[1]))
        send(.escape, to: &s)
        #expect(s.route == .district("beilun"))
        #expect(s.districtPane == .tasks && Screens.selection(s) == 1)
    }

    @Test func enterOnAStationOpensItsScreen() {
        var s = state(route: .district("beilun"))
        send(.backTab, .down, .down, to: &s)
        let third = sampleProgramme.stations.filter { $0.districtID == "beilun" }[2]
        send(.enter, to: &s)
        #expect(s.route == .station(third.mn))
        send(.escape, to: &s)
        #expect(s.route == .district("beilun") && s.districtPane == .stations && Screens.selection(s) == 2)
    }

    @Test func theFilterAndSortBelongToThePaneInFocus() {
        var s = state(route: .district("beilun"))
        send(.tab, to: &s)
        send(keys("/R15\n"), to: &s)
        #expect(DistrictScreen.taskList(s).rows.count == 1)
        #expect(DistrictScreen.indicatorList(s).rows.count > 1, "the indicator table is not filtered")
        send(.tab, to: &s)
        #expect(s.filters[s.route] == nil)
        #expect(DistrictScreen.taskList(s).rows.count > 1)
    }

    @Test func enteringAnotherDistrictStartsOnItsIndicators() {
        var s = state(route: .district("beilun"))
        send(.tab, to: &s)
        apply(.go(.district("haishu")), to: &s)
        #expect(s.districtPane == .indicators)
    }

    /// The indicator's name keeps its room at every width: the domain and trend columns come
    /// only when the pane has space for them too (at 100 columns the name was cut to "PM…").
    @Test(arguments: [(80, 24), (100, 30), (120, 40), (160, 48), (200, 60), (240, 67)])
    func theIndicatorNameIsNeverSqueezedOutByTheDomain(size: (Int, Int)) {
        for language in [Language.en, .zh] {
            var s = state(asOf: "2026-11-15", language: language, size: size, route: .district("zhenhai"))
            send(.down, to: &s)  // the detail line shows another indicator
            let name = language == .en ? "PM2.5 annual" : "PM2.5年均浓度"
            let shown = lines(render(s)).filter { $0.contains("┃") }
            #expect(shown.contains { $0.contains(name) }, "\(language) \(size): \(shown.prefix(3))")
            // Where the pane is wide the domain is shown beside the name.
            if size.0 >= 160 {
                #expect(shown.contains { $0.contains(Domain.air.name[language]) && $0.contains(name) })
            }
        }
    }
}
