import Testing
import EcoWatchCore
@testable import EcoWatchUI

/// Text that does not fit still says what it must: cut cells end in `…`, the selected row is
/// shown whole under the table, a filter's match is never hidden, and task notes wrap.
@Suite struct TextThatFitsTests {
    func overdue(_ language: Language, filter: String? = nil, down: Int = 0) -> [String] {
        var s = state(asOf: "2023-01-15", language: language, size: (80, 24), route: .overdue)
        if let filter { s.filters[.overdue] = filter }
        for _ in 0..<down { send(.down, to: &s) }
        return lines(render(s))
    }

    @Test func theOverdueBrowserAt80x24ShowsTheSelectedRowWholeInChinese() {
        let rows = overdue(.zh, down: 1)
        #expect(Array(rows[3...5]) == [
            "┃编号 状态       任务             区县    牵头单… 期限        逾期… ▼     进度 ┃",
            "┃R05  ✕ 已逾期   启动实施碳达峰…  全市    市发改… 2021-12-31      380      70% ┃",
            "┃R10  ✕ 已逾期   重点工业园区“…   慈溪、… 市生态… 2022-12-31       15      72% ┃",
        ])
        #expect(Array(rows[18...22]) == [
            "┃──────────────────────────────────────────────────────────────────────────────┃",
            "┃R10 重点工业园区“污水零直排区”建设 · 已逾期 · 逾期天数 15 · 区县：慈溪市、余姚┃",
            "┃市、前湾新区、镇海区、北仑区 · 牵头单位：市生态环境局 · 期限 2022-12-31 · 进度┃",
            "┃72% · 最近事件：2022-12-28 进度 调度报告:整改完成72%                          ┃",
            "┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛",
        ])
    }

    @Test func theOverdueBrowserAt80x24ShowsTheSelectedRowWholeInEnglish() {
        let rows = overdue(.en, down: 1)
        #expect(Array(rows[3...5]) == [
            "┃ID   Status      Task              Distri… Lead u… Deadline   Day… ▼ Progress ┃",
            "┃R05  ✕ overdue   Launching the c…  city-w… Munici… 2021-12-31    380      70% ┃",
            "┃R10  ✕ overdue   “Zero direct di…  Cixi, … Munici… 2022-12-31     15      72% ┃",
        ])
        #expect(Array(rows[18...22]) == [
            "┃──────────────────────────────────────────────────────────────────────────────┃",
            "┃R10 “Zero direct discharge” key industrial parks · overdue · Days overdue 15 ·┃",
            "┃Districts: Cixi City, Yuyao City, Qianwan New Area, Zhenhai District, Beilun  ┃",
            "┃District · Lead unit: Municipal Ecology and Environment Bureau · Deadline 202…┃",
            "┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛",
        ])
    }

    @Test func aFilterOnAHiddenDistrictShowsThatDistrictFirst() {
        // R10 names Cixi, Yuyao, Qianwan, Zhenhai and Beilun: unfiltered, Beilun is cut off.
        #expect(overdue(.zh)[5].contains("慈溪、…"))
        let zh = overdue(.zh, filter: "北仑")
        #expect(zh[4] == "┃R10  ✕ 已逾期   重点工业园区“…   北仑、… 市生态… 2022-12-31       15      72% ┃")
        #expect(zh[19] == "┃R10 重点工业园区“污水零直排区”建设 · 已逾期 · 逾期天数 15 · 区县：北仑区、慈溪┃")
        let en = overdue(.en, filter: "beilun")
        #expect(en[4] == "┃R10  ✕ overdue   “Zero direct di…  Beilun… Munici… 2022-12-31     15      72% ┃")
    }

    @Test func aCellShowsTheMatchingPartWhenTheMatchIsPastTheCut() {
        #expect(truncated("Networked remote OBD on heavy diesel trucks", toWidth: 12, showing: ["diesel"]) == "… diesel tr…")
        #expect(truncated("Networked remote OBD", toWidth: 12, showing: ["net"]) == "Networked r…")
        #expect(truncated("重点工业园区污水零直排区", toWidth: 9, showing: ["直排"]) == "…零直排区")
        #expect(truncated("short", toWidth: 12, showing: ["x"]) == "short")
    }

    @Test func everyCutCellEndsInAnEllipsisAndZonesKeepTheirWholeNames() {
        let names = sampleProgramme.districts.map { DistrictMap.shortName($0, .zh) }
        #expect(names.contains("前湾新区") && names.contains("宁波高新区") && names.contains("北仑"))
        #expect(!names.contains("前湾新") && !names.contains("宁波高新"))
        #expect(sampleProgramme.districts.map { DistrictMap.shortName($0, .en) }.contains("Ningbo High-tech Zone"))
        for (i, row) in overdue(.en).enumerated() where (4...8).contains(i) {
            // Each cell either fits or ends in …: no cell is cut bare.
            let cells = row.dropFirst().dropLast().split(separator: " ", omittingEmptySubsequences: true)
            #expect(cells.allSatisfy { !$0.isEmpty }, "\(row)")
        }
    }

    @Test func taskEventNotesWrapOnTheTaskScreen() {
        let s = state(asOf: "2023-01-15", language: .zh, size: (80, 24), route: .task("R05"))
        let rows = lines(render(s))
        #expect(rows[19].hasSuffix("┃│2022-11-22 督导检查 ▲                 │"))
        #expect(rows[20].hasSuffix("┃│           方案已报省发改委衔接,重点领│"))
        #expect(rows[21].hasSuffix("┃│           域专项方案未完成 — 市督察组│"))
    }

    @Test func wrappingKeepsNumbersAndLatinWordsWhole() {
        #expect(wrapped("调度报告:整改完成70%", toWidth: 18) == ["调度报告:整改完成", "70%"])
        #expect(wrapped("1. 坚持减污降碳协同增效", toWidth: 12) == ["1. 坚持减污", "降碳协同增效"])
        #expect(wrapped("Spot-checked OBD links at Beilun", toWidth: 16) == ["Spot-checked OBD", "links at Beilun"])
        #expect(wrapped("DO 7.35  w01001 6.82", toWidth: 7) == ["DO 7.35", "w01001", "6.82"])
        #expect(wrapped("配合：市住建局、余姚市政府", toWidth: 14) == ["配合：市住建", "局、余姚市政府"])
    }
}
