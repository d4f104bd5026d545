import Testing
import EcoWatchCore
@testable import EcoWatchUI

/// Every screen of the console rendered from the bundled sample data, at three sizes, in
/// both languages, as of two days: real content, exact widths, aligned columns under Chinese.
@Suite struct ScreenRenderTests {
    static let views = ["overview", "district:beilun", "district:haishu", "indicator:pm25", "task:R10", "task:R17",
                        "tasks", "overdue", "stations", "alarms", "station:330203A000000001", "missed"]
    static let sizes = [(80, 24), (120, 40), (200, 60)]
    static let asOfDays = ["2023-01-15", "2026-11-29"]

    func route(_ view: String) -> Route {
        guard let route = Route(view: view, programme: sampleProgramme) else {
            Issue.record("\(view) is not a view")
            return .overview
        }
        return route
    }

    func screen(_ view: String, asOf: String = "2023-01-15", _ language: Language, _ size: (Int, Int) = (120, 40)) -> (AppState, Canvas) {
        let s = state(asOf: asOf, language: language, size: size, route: route(view))
        return (s, render(s))
    }

    // MARK: every screen, every size, both languages, both days

    @Test(arguments: views)
    func everyLineIsExactlyTheCanvasWidthAndTheFrameIsRight(view: String) {
        for size in Self.sizes {
            for language in Language.allCases {
                for asOf in Self.asOfDays {
                    let (s, canvas) = screen(view, asOf: asOf, language, size)
                    let rows = lines(canvas)
                    let where_ = "\(view) \(size.0)x\(size.1) \(language) \(asOf)"
                    #expect(rows.count == size.1, "\(where_)")
                    for (y, row) in rows.enumerated() {
                        #expect(displayWidth(row) == size.0, "\(where_) row \(y): \(row)")
                    }
                    // Header: the as-of day, and the time machine's marker only away from today.
                    #expect(rows[0].contains(asOf), "\(where_): \(rows[0])")
                    #expect(rows[0].contains("⏪") == (asOf != fixedToday.description), "\(where_): \(rows[0])")
                    #expect(rows[0].contains(s.language == .zh ? "截至" : "as of"))
                    // Breadcrumb: overview, then the screen's own title.
                    let crumb = rows[1]
                    #expect(crumb.contains(language == .zh ? "总览" : "Overview"), "\(where_): \(crumb)")
                    if view != "overview" {
                        let title = Screens.title(s.route, state: s)
                        #expect(crumb.contains(title), "\(where_): \(crumb) lacks \(title)")
                    }
                    // Footer: the quit hint fits at every size (it is last, so this checks nothing overflowed silently
                    // only at 200 columns, where everything fits).
                    if size.0 >= 200 {
                        #expect(rows[size.1 - 1].contains(language == .zh ? "q 退出" : "q quit"), "\(where_): \(rows[size.1 - 1])")
                    }
                }
            }
        }
    }

    @Test(arguments: views)
    func everyScreenShowsItsOwnContent(view: String) {
        for size in Self.sizes {
            for language in Language.allCases {
                let (s, canvas) = screen(view, language, size)
                let text = lines(canvas).joined(separator: "\n")
                let where_ = "\(view) \(size.0)x\(size.1) \(language)"
                switch s.route {
                case .overview:
                    for pane in Pane.allCases {
                        #expect(text.contains("\(pane.rawValue) " + pane.title[language]), "\(where_) lacks pane \(pane)")
                    }
                case .district(let id):
                    #expect(text.contains(sampleProgramme.district(id)!.name[language]), "\(where_)")
                    // The indicator names keep room even at 80 columns.
                    #expect(text.contains(String(sampleProgramme.indicator("pm25")!.name[language].prefix(6))), "\(where_)")
                    #expect(text.contains(language == .zh ? "市辖区" : "district · "), "\(where_)")
                case .indicator(let id):
                    #expect(text.contains(sampleProgramme.indicator(id)!.name[language]), "\(where_)")
                    // The ranking lists the worst district first (Cixi as of 2023-01-15).
                    #expect(text.contains(sampleProgramme.district("cixi")!.name[language]), "\(where_)")
                case .task(let id):
                    let task = sampleProgramme.task(id)!
                    #expect(text.contains(id + " "), "\(where_)")
                    #expect(text.contains(language == .zh ? "目标清单" : "Target"), "\(where_)")
                    #expect(text.contains(String(task.title[language].prefix(8))), "\(where_)")
                    if size.1 >= 40 { #expect(text.contains(task.leadUnit[language]), "\(where_)") }
                case .tasks:
                    // 80x24 shows the first rows; the panel says 19.
                    #expect(text.contains(" 19 "), "\(where_)")
                    #expect(listedTaskIDs(canvas).first == "R01", "\(where_)")
                case .overdue:
                    #expect(text.contains(language == .zh ? "逾期任务" : "Overdue tasks"), "\(where_)")
                case .stations:
                    #expect(text.contains(String(sampleProgramme.stations[0].name[language].prefix(6))), "\(where_)")
                    #expect(text.contains(" \(sampleProgramme.stations.count) "), "\(where_)")
                case .alarms:
                    // No live feed: an empty list that says so.
                    #expect(text.contains(Strings.noRows[language]), "\(where_)")
                case .station(let mn):
                    // No feed and no history read: who it is, never reported, every code by name.
                    let station = sampleProgramme.station(mn: mn)!
                    #expect(text.contains(station.name[language]), "\(where_)")
                    #expect(text.contains(Strings.neverReported[language]), "\(where_)")
                    #expect(text.contains("PM2.5 " + AirPollutant.pm25.name[language].prefix(3)), "\(where_)")
                case .missedTargets:
                    #expect(text.contains(Strings.missedTargets[language]), "\(where_)")
                    #expect(text.contains(StatusMark.missed.glyph + " " + TargetStatus.missed.name[language]), "\(where_)")
                }
            }
        }
    }

    // MARK: the overview

    @Test func overviewShowsTheSixPaneTitlesInBothLanguages() {
        let zh = lines(render(state(language: .zh, size: (80, 24)))).joined()
        for title in ["大气", "水", "固废·土壤", "海洋及其他", "整改任务", "区县"] { #expect(zh.contains(title)) }
        let en = lines(render(state(language: .en, size: (80, 24)))).joined()
        for title in ["Air", "Water", "Waste · soil", "Marine & more", "Tasks", "Districts"] { #expect(en.contains(title)) }
    }

    @Test func overviewTasksPaneCountsTasksByStatus() {
        let s = state(language: .en)
        let text = lines(render(s)).joined(separator: "\n")
        let counts = s.snapshot.taskCounts
        #expect(text.contains("✕\(counts[.overdue] ?? 0) "))
        #expect(counts[.overdue] == 5)
        // The most urgent task first: R05, overdue longest.
        #expect(text.contains("✕ R05"))
    }

    // MARK: the overdue browser

    @Test func overdueBrowserListsExactlyTheOverdueAndAtRiskTasks() {
        let s = state(asOf: "2023-01-15", language: .zh, route: .overdue)
        let expected = Set(s.snapshot.tasks.filter { $0.status == .overdue || $0.status == .atRisk }.map(\.task.id))
        let overdue = Set(s.snapshot.tasks.filter { $0.status == .overdue }.map(\.task.id))
        #expect(overdue == ["R05", "R10", "R12", "R13", "R15"])
        for size in Self.sizes {
            for language in Language.allCases {
                var t = s
                t.language = language
                t.width = size.0
                t.height = size.1
                let shown = listedTaskIDs(render(t))
                #expect(Set(shown) == expected, "\(size) \(language): \(shown)")
                #expect(shown.count == expected.count, "\(size) \(language): \(shown)")
                // Sorted by days overdue, longest first: R05 (since 2021) leads.
                #expect(shown.first == "R05")
            }
        }
    }

    @Test func overdueBrowserIsEmptyWhenNothingIsLate() {
        // Before the first deadline nothing can be overdue.
        let s = state(asOf: "2021-06-01", language: .en, route: .overdue)
        let late = s.snapshot.tasks.filter { $0.status == .overdue || $0.status == .atRisk }
        let shown = listedTaskIDs(render(s))
        #expect(shown == late.map(\.task.id).sorted() || Set(shown) == Set(late.map(\.task.id)))
        if late.isEmpty { #expect(lines(render(s)).joined().contains(Strings.noRows[.en])) }
    }

    // MARK: district, task

    @Test func inlandDistrictShowsMarineIndicatorsAsNotApplicable() {
        for (language, na, marine) in [(Language.zh, "不适用", "海洋"), (.en, "n/a", "Marine")] {
            // Tall enough for every indicator above the selected row's detail.
            let rows = lines(render(state(language: language, size: (120, 50), route: .district("haishu"))))
            let marineRows = rows.filter { $0.contains(marine) && $0.contains("—") && !$0.contains("┏") }
            // Every marine indicator, city figures too: inland, none applies.
            let marineIndicators = sampleProgramme.indicators.filter { $0.domain == .marine }
            #expect(!marineIndicators.isEmpty)
            #expect(marineRows.count == marineIndicators.count, "\(language): \(marineRows)")
            for row in marineRows { #expect(row.contains(na), "\(language): \(row)") }
        }
        // A coastal district has marine figures.
        let beilun = lines(render(state(language: .zh, route: .district("beilun"))))
        #expect(!beilun.contains { $0.contains("海洋") && $0.contains("不适用") })
    }

    @Test func taskScreenShowsTheMissingGovernmentSignoff() {
        let s = state(asOf: "2023-01-15", language: .zh, route: .task("R13"))
        let r13 = s.snapshot.tasks.first { $0.task.id == "R13" }!
        #expect(r13.status == .overdue)
        #expect(r13.partySignoff != nil)
        #expect(r13.governmentSignoff == nil)
        let zh = lines(render(s))
        #expect(zh.contains { $0.contains("✕ 政府签字  缺") })
        #expect(zh.contains { $0.contains("✓ 党委签字  " + r13.partySignoff!.description) })
        var en = s
        en.language = .en
        #expect(lines(render(en)).contains { $0.contains("✕ Government sign-off  missing") })
        // A month later both have signed.
        let later = state(asOf: "2023-02-15", language: .en, route: .task("R13"))
        #expect(!lines(render(later)).contains { $0.contains("missing") })
    }

    /// Before the deadline a sign-off not yet recorded is not "missing" (✕ is for overdue).
    @Test func aSignoffNotYetDueIsNotMissing() {
        let s = state(asOf: "2022-11-15", language: .en, route: .task("R10"))
        let r10 = s.snapshot.tasks.first { $0.task.id == "R10" }!
        #expect(r10.status != .overdue && r10.accepted == nil && r10.task.deadline! > s.asOf)
        let en = lines(render(s))
        #expect(en.contains { $0.contains("○ Accepted  not yet") })
        #expect(!en.contains { $0.contains("missing") })
        var zh = s
        zh.language = .zh
        #expect(lines(render(zh)).contains { $0.contains("○ 政府签字  未到期") })
        // After the deadline the same step is missing.
        let after = state(asOf: "2023-01-15", language: .en, route: .task("R10"))
        #expect(lines(render(after)).contains { $0.contains("✕ Accepted  missing") })
    }

    /// At 80x24 the task's status stays in its border (it was dropped for a long title), and
    /// the title the border cuts is shown whole under it.
    @Test func theTaskScreenKeepsItsStatusAndWholeTitleAt80Columns() {
        for language in Language.allCases {
            let s = state(asOf: "2024-03-15", language: language, size: (80, 24), route: .task("R10"))
            let shown = lines(render(s))
            let border = shown.first { $0.contains("┏━ R10") }!
            #expect(border.contains(StatusMark.overdue.glyph + " " + StatusMark.overdue.name[language]), "\(language): \(border)")
            let title = s.programme.task("R10")!.title[language]
            let body = shown.map { $0.split(separator: "┃").first.map(String.init) ?? "" }
            #expect(wrapped(title, toWidth: 38).allSatisfy { part in body.contains { $0.contains(part) } }, "\(language): \(body.prefix(4))")
        }
    }

    // MARK: column alignment under Chinese text

    /// The deadline column of the zh task tables starts at the same display column in every row.
    @Test(arguments: [Route.overdue, .tasks])
    func taskTableDeadlinesAlignUnderChinese(route: Route) {
        for size in Self.sizes {
            let s = state(asOf: "2023-01-15", language: .zh, size: size, route: route)
            let rows = lines(render(s))
            guard let header = rows.firstIndex(where: { $0.contains("期限") }) else {
                Issue.record("\(route) \(size): no header")
                continue
            }
            let headerColumn = displayColumn(of: "期限", in: rows[header])
            var columns: [Int] = []
            // The table's rows: down to the rule above the selected row's detail.
            for row in rows[(header + 1)...].prefix(while: { !$0.hasPrefix("┃─") }) {
                guard let id = taskIDs(in: row).first,
                      let deadline = s.snapshot.tasks.first(where: { $0.task.id == id })?.effectiveDeadline else { continue }
                columns.append(displayColumn(of: deadline.description, in: row) ?? -1)
            }
            #expect(columns.count >= 5, "\(route) \(size)")
            #expect(Set(columns).count == 1, "\(route) \(size): \(columns)")
            #expect(columns.first == headerColumn, "\(route) \(size)")
        }
    }

    /// Each stations column (district, kind, last seen) starts at the header's column in every row.
    @Test func stationsColumnsAlignUnderChinese() {
        for size in Self.sizes {
            let s = state(language: .zh, size: size, route: .stations(district: nil))
            let canvas = render(s)
            let rows = lines(canvas)
            guard let header = rows.firstIndex(where: { $0.contains("站点") && $0.contains("区县") }) else {
                Issue.record("\(size): no header")
                continue
            }
            let list = StationsScreen.list(s)
            let widths = list.table(selected: nil, focused: true, emptyMessage: "").columnWidths(totalWidth: size.0 - 2)
            let visible = Array(rows[(header + 1)..<(rows.count - 2)].prefix(while: { !$0.hasPrefix("┃─") })).prefix(list.rows.count)
            #expect(visible.count >= 10)
            for (columnIndex, title) in [(1, "区县"), (2, "类型")] {
                guard let x = displayColumn(of: title, in: rows[header]) else {
                    Issue.record("\(size): no \(title)")
                    continue
                }
                for (i, row) in visible.enumerated() {
                    let cell = truncated(list.rows[i].cells[columnIndex].text, toWidth: widths[columnIndex])
                    #expect(text(canvas, row: header + 1 + i, from: x, width: displayWidth(cell)) == cell,
                            "\(size) \(title): \(row)")
                }
            }
            // The station name starts every row just inside the border.
            for (i, _) in visible.enumerated() {
                let name = list.rows[i].cells[0].text
                let shown = text(canvas, row: header + 1 + i, from: 1, width: 4)
                #expect(name.hasPrefix(shown), "\(size): \(shown) vs \(name)")
            }
        }
    }

    /// The indicator's district ranking: names start at one column, values end at one column.
    @Test func districtRankingAlignsUnderChinese() {
        for size in Self.sizes {
            let s = state(language: .zh, size: size, route: .indicator("pm25"))
            let canvas = render(s)
            let rows = lines(canvas)
            guard let header = rows.firstIndex(where: { $0.contains("状态") && $0.contains("区县") }),
                  let nameColumn = displayColumn(of: "区县", in: rows[header]) else {
                Issue.record("\(size): no header")
                continue
            }
            let list = IndicatorScreen.list(s)
            let body = rows[(header + 1)...].prefix { !$0.contains("┗") && !$0.contains("└") }.prefix(list.rows.count)
            #expect(body.count >= min(list.rows.count, 5), "\(size)")
            var valueEnds: Set<Int> = []
            for (i, row) in body.enumerated() {
                let name = list.rows[i].cells[2].text
                let value = list.rows[i].cells[3].text
                let shownName = text(canvas, row: header + 1 + i, from: nameColumn, width: 4)
                #expect(name.hasPrefix(shownName), "\(size): \(row)")
                if let start = displayColumn(of: " " + value + " ", in: row) { valueEnds.insert(start + 1 + displayWidth(value)) }
                else { Issue.record("\(size): \(value) not in \(row)") }
            }
            #expect(valueEnds.count == 1, "\(size): \(valueEnds)")
        }
    }

    /// The text of `width` display columns of a canvas row starting at `x` (continuation cells add nothing).
    func text(_ canvas: Canvas, row y: Int, from x: Int, width: Int) -> String {
        guard y < canvas.height else { return "" }
        return (x..<min(canvas.width, x + width)).map { canvas[$0, y].text }.joined()
    }

    // MARK: small windows

    @Test func tinyWindowAsksToBeEnlarged() {
        for language in Language.allCases {
            for size in [(1, 1), (20, 5), (59, 30), (100, 15)] {
                let canvas = render(state(language: language, size: size))
                let rows = lines(canvas)
                #expect(rows.count == size.1)
                for row in rows { #expect(displayWidth(row) == size.0) }
                if size.0 >= 20 {
                    // The whole message, wrapped by display width, and how to quit.
                    let message = Strings.enlargeWindow(width: size.0, height: size.1, minWidth: 60, minHeight: 16)[language]
                    let shown = rows.joined().filter { $0 != " " }
                    #expect(shown.contains(message.filter { $0 != " " }), "\(size): \(rows)")
                    #expect(shown.contains("q:"), "\(size): \(rows)")
                }
            }
        }
    }
}
