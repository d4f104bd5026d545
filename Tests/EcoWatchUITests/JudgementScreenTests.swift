import Testing
import EcoWatchCore
@testable import EcoWatchUI

/// The console and the reports say the same thing, and say it without colour too.
@Suite struct JudgementScreenTests {
    /// The columns both lists write alike (the screen shortens district names to fit).
    static let shared = TaskColumn.allCases.enumerated().filter { $0.element != .districts }.map(\.offset)

    @Test(arguments: ["2021-12-15", "2022-06-30", "2022-11-15", "2023-01-15", "2024-03-10"])
    func theOverdueScreenAndTheReportAgree(on asOf: String) {
        for language in Language.allCases {
            var s = state(asOf: asOf, language: language)
            s.stack.append(.overdue)
            let screen = Screens.list(s)!.textTable
            let reports = ProgrammeReports(programme: sampleProgramme, asOf: day(asOf), language: language)
            let report = reports.taskTable(reports.overdue())
            #expect(screen.columns.map(\.title) == report.columns.map(\.title))
            #expect(screen.rows.count == report.rows.count, "\(asOf) \(language)")
            #expect(screen.rows.map { row in Self.shared.map { row[$0] } } == report.rows.map { row in Self.shared.map { row[$0] } },
                    "\(asOf) \(language)")
        }
        // At risk rows are visibly at risk (2022-11-15: one overdue, four at risk).
        var s = state(asOf: "2022-11-15", language: .en)
        s.stack.append(.overdue)
        let statuses = Screens.list(s)!.textTable.rows.map { $0[1] }
        #expect(statuses == ["✕ overdue", "▲ at risk", "▲ at risk", "▲ at risk", "▲ at risk"])
    }

    /// Plain text (what NO_COLOR, a print or an export keeps) tells done from done late.
    @Test(arguments: Language.allCases)
    func plainTextTellsDoneFromDoneLate(_ language: Language) throws {
        let s = state(asOf: "2026-11-29", language: language, size: (140, 40), route: .tasks)
        let rows = lines(render(s))
        let done = try #require(rows.first { $0.contains("R01") }), late = try #require(rows.first { $0.contains("R04") })
        #expect(done.contains(TaskStatus.done.glyph + " " + TaskStatus.done.name[language]))
        #expect(late.contains(TaskStatus.doneLate.glyph + " " + TaskStatus.doneLate.name[language]))
        #expect(!late.contains(TaskStatus.done.glyph))
    }

    @Test func aDistrictShowsItsShareOfACityTotalAndCityFiguresAsNotByDistrict() throws {
        let rows = lines(render(state(asOf: "2024-03-15", language: .en, size: (160, 50), route: .district("zhenhai"))))
        let firms = try #require(rows.first { $0.contains("Scattered, weak") })
        #expect(firms.contains("⋯") && firms.contains("(6.0%)"))
        #expect(!firms.contains("✗"))
        let shoreline = try #require(rows.first { $0.contains("natural shoreline") })
        #expect(shoreline.contains("⋯") && shoreline.contains("city only"))
    }

    /// In March an annual indicator shows its closed year, and the year so far labelled provisional.
    @Test func theYearSoFarIsLabelledProvisionalOnScreen() throws {
        let overview = lines(render(state(asOf: "2024-03-15", language: .en, size: (80, 24))))
        let pm25 = try #require(overview.firstIndex { $0.contains("PM2.5 annual mean") })
        #expect(overview[pm25 + 1].contains("2023") && overview[pm25 + 1].contains("prov."))
        let zh = lines(render(state(asOf: "2024-03-15", language: .zh, size: (120, 40), route: .indicator("pm25"))))
        #expect(zh.contains { $0.contains("(2023)") && $0.contains("(1–2月累计，暂定)") })
    }

    /// A long-term task's progress counts the milestones due so far, and says how many there are.
    @Test func longTermProgressCountsTheMilestonesDue() {
        let rows = lines(render(state(asOf: "2026-01-10", language: .en, size: (120, 40), route: .task("R17"))))
        #expect(rows.contains { $0.contains("Progress 3 of 4 milestones due met (5 in all)") })
        #expect(rows.contains { $0.contains(StatusMark.missed.glyph + " 2025:") })
    }
}
