import Testing
@testable import EcoWatchCore

@Suite struct ReportTests {
    func reports(_ day: String = "2023-01-15", _ language: Language = .en) throws -> ProgrammeReports {
        ProgrammeReports(programme: try MiniDataSet().load(), asOf: Day(iso: day)!, language: language)
    }

    @Test func taskJSONHasTheContractedShape() throws {
        let r = try reports()
        let tasks = r.tasks().map(ProgrammeReports.json)
        guard case .object(let first) = tasks[0], case .object(let longTerm) = tasks[1] else {
            Issue.record("tasks are not objects")
            return
        }
        for key in ["id", "title", "domain", "horizon", "deadline", "status", "daysOverdue", "progress", "leadUnit", "districts"] {
            #expect(first[key] != nil, "missing \(key)")
        }
        #expect(first["title"] == .object(["zh": .string("任务一"), "en": .string("Task one")]))
        #expect(first["horizon"] == .string("2022"))
        #expect(first["deadline"] == .string("2022-12-31"))
        #expect(first["status"] == .string("overdue"))
        #expect(first["daysOverdue"] == .number(15))
        #expect(first["districts"] == .array([.string("beilun")]))
        #expect(longTerm["horizon"] == .string("long-term"))
        #expect(longTerm["deadline"] == .null)
        #expect(longTerm["daysOverdue"] == .number(0))
    }

    @Test func jsonIsStableAndEscaped() {
        let value = JSONValue.object(["b": .string("引号\"和\\n"), "a": .array([.number(1.5), .null, .bool(true)])])
        #expect(value.rendered == """
            {
              "a": [
                1.5,
                null,
                true
              ],
              "b": "引号\\"和\\\\n"
            }

            """)
    }

    @Test func overdueListsMostOverdueFirst() throws {
        let r = try reports("2023-03-01")
        #expect(r.overdue().map(\.task.id) == ["R01"])
        #expect(try reports("2022-06-01").overdue().isEmpty)
    }

    @Test func tableAlignsColumnsHoldingChinese() {
        let table = TextTable(columns: [.init("名称"), .init("Value", .right), .init("Note")],
                              rows: [["海曙区", "1", "a"], ["Beilun District", "22.5", "北仑"]])
        let lines = table.aligned.split(separator: "\n").map(String.init)
        // "Note" column starts at the same display column in the header and both rows.
        let starts = zip([lines[0], lines[2], lines[3]], ["Note", "a", "北仑"]).map { line, cell -> Int in
            displayWidth(line[..<line.range(of: cell, options: .backwards)!.lowerBound])
        }
        #expect(Set(starts).count == 1)
        #expect(lines.allSatisfy { !$0.hasSuffix(" ") })
    }

    @Test func csvOpensInASpreadsheet() {
        let csv = TextTable(columns: [.init("名称"), .init("Note")], rows: [["海曙, 区", "say \"hi\""]]).csv
        #expect(csv.hasPrefix("\u{FEFF}名称,Note\r\n"))
        #expect(csv.hasSuffix("\"海曙, 区\",\"say \"\"hi\"\"\"\r\n"))
    }

    @Test func overdueMarkdownHasTitleDayTableAndTotals() throws {
        let r = try reports("2023-03-01")
        let md = r.overdueMarkdown(r.overdue(), districtID: nil)
        #expect(md.hasPrefix("# Overdue and at-risk rectification tasks\n\nAs of **2023-03-01**"))
        #expect(md.contains("| R01 |"))
        #expect(md.contains("## Totals by district"))
        #expect(md.contains("| Beilun District | 1 |"))
        #expect(md.contains("## Totals by lead unit"))
    }

    @Test(arguments: Language.allCases)
    func reportHeadingsAreTheConsolesWords(_ language: Language) throws {
        let r = try reports("2023-03-01", language)
        let l = language
        #expect(r.taskTable(r.tasks()).columns.map(\.title) == [
            Strings.columnID, Strings.columnStatus, Strings.task, Strings.columnDomain, Strings.paneDistricts,
            Strings.columnLeadUnit, Strings.columnDeadline, Strings.columnDaysOverdue, Strings.columnProgress, Strings.columnLastEvent,
        ].map { $0[l] })
        #expect(r.indicatorTable([]).columns.map(\.title) == [
            Strings.columnArea, Strings.columnID, Strings.indicator, Strings.columnPeriod, Strings.columnValue, Strings.columnTarget,
            Strings.columnUnit, Strings.columnChange, Strings.columnStatus, Strings.columnYearToDate,
        ].map { $0[l] })
        #expect(r.areaName(cityAreaID) == Strings.city[l])
        #expect(r.districtNames([]) == Strings.cityWide[l])
    }
}
