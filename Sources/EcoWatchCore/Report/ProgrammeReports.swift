/// The reports on the programme (`ecowatch report tasks|overdue|indicators|districts`):
/// the same numbers the console shows, for scripts, spreadsheets and paper.
public struct ProgrammeReports: Sendable {
    public let programme: Programme
    public let asOf: Day
    public let language: Language
    private let evaluator: IndicatorEvaluator

    public init(programme: Programme, asOf: Day, language: Language) {
        self.programme = programme
        self.asOf = asOf
        self.language = language
        self.evaluator = IndicatorEvaluator(programme: programme)
    }

    // MARK: Tasks

    /// Tasks as of the day, optionally only those naming `districtID`.
    public func tasks(districtID: String? = nil) -> [TaskResult] {
        programme.taskResults(asOf: asOf).filter { districtID == nil || $0.task.districtIDs.contains(districtID!) }
    }

    /// Overdue tasks, most overdue first (then by ID).
    public func overdue(districtID: String? = nil) -> [TaskResult] {
        tasks(districtID: districtID).filter { $0.status == .overdue }.sorted {
            $0.daysOverdue != $1.daysOverdue ? $0.daysOverdue > $1.daysOverdue : $0.task.id < $1.task.id
        }
    }

    public static func json(_ result: TaskResult) -> JSONValue {
        let t = result.task
        return .object([
            "id": .string(t.id),
            "title": .text(t.title),
            "domain": .string(t.domain.rawValue),
            "horizon": .string(t.horizon.rawValue),
            "start": .string(t.start.description),
            "deadline": .optional(t.deadline?.description),
            "status": .string(result.status.rawValue),
            "daysOverdue": .integer(result.daysOverdue),
            "progress": .integer(result.progress),
            "expectedProgress": result.expectedProgress.map(JSONValue.integer) ?? .null,
            "leadUnit": .text(t.leadUnit),
            "coUnits": .array(t.coUnits.map(JSONValue.text)),
            "districts": .array(t.districtIDs.map(JSONValue.string)),
            "indicators": .array(t.indicatorIDs.map(JSONValue.string)),
            "accepted": .optional(result.accepted?.description),
            "signoffs": .object(["party": .optional(result.partySignoff?.description),
                                 "government": .optional(result.governmentSignoff?.description)]),
            "missedMilestone": result.missedMilestone.map { JSONValue.integer($0.year) } ?? .null,
            "lastEvent": result.lastEvent.map { e in
                JSONValue.object(["date": .string(e.date.description), "kind": .string(e.kind.rawValue), "note": .text(e.note)])
            } ?? .null,
        ])
    }

    public func taskTable(_ results: [TaskResult]) -> TextTable {
        let l = language
        let columns: [TextTable.Column] = [
            .init("ID"), .init(l == .zh ? "任务" : "Task"), .init(l == .zh ? "领域" : "Domain"),
            .init(l == .zh ? "期限" : "Deadline"), .init(l == .zh ? "状态" : "Status"),
            .init(l == .zh ? "逾期天数" : "Days overdue", .right), .init(l == .zh ? "进度" : "Progress", .right),
            .init(l == .zh ? "牵头单位" : "Lead unit"), .init(l == .zh ? "区县" : "Districts"),
        ]
        let rows = results.map { r -> [String] in
            [r.task.id, r.task.title[l], r.task.domain.name[l],
             r.task.deadline?.description ?? (l == .zh ? "长期" : "long-term"),
             r.status.glyph + " " + r.status.name[l], r.daysOverdue > 0 ? String(r.daysOverdue) : "",
             "\(r.progress)%", r.task.leadUnit[l], districtNames(r.task.districtIDs)]
        }
        return TextTable(columns: columns, rows: rows)
    }

    func districtNames(_ ids: [String]) -> String {
        if ids.isEmpty { return language == .zh ? "全市" : "city-wide" }
        return ids.map { programme.district($0)?.name[language] ?? $0 }.joined(separator: language == .zh ? "、" : ", ")
    }

    /// The overdue list for paper: a title, the as-of day, the table, and totals by district and by lead unit.
    public func overdueMarkdown(_ results: [TaskResult], districtID: String?) -> String {
        let zh = language == .zh
        var out = zh ? "# 逾期整改任务清单\n\n" : "# Overdue rectification tasks\n\n"
        out += zh ? "截至 **\(asOf)**" : "As of **\(asOf)**"
        if let districtID, let d = programme.district(districtID) { out += zh ? " · \(d.name.zh)" : " · \(d.name.en)" }
        out += zh ? "，共 \(results.count) 项逾期（全部 \(programme.tasks.count) 项任务）。\n\n"
                  : ": \(results.count) overdue of \(programme.tasks.count) tasks.\n\n"
        if results.isEmpty {
            out += zh ? "没有逾期任务。\n" : "No task is overdue.\n"
            return out
        }
        out += taskTable(results).markdown
        var byDistrict: [String: Int] = [:], byUnit: [String: Int] = [:]
        for r in results {
            for id in r.task.districtIDs.isEmpty ? [cityAreaID] : r.task.districtIDs { byDistrict[id, default: 0] += 1 }
            byUnit[r.task.leadUnit[language], default: 0] += 1
        }
        func totals(_ counts: [String: Int], name: (String) -> String, heading: String, column: String) -> String {
            let rows = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .map { [name($0.key), String($0.value)] }
            return "\n## \(heading)\n\n" + TextTable(columns: [.init(column), .init(zh ? "逾期任务" : "Overdue tasks", .right)], rows: rows).markdown
        }
        out += totals(byDistrict, name: { $0 == cityAreaID ? (zh ? "全市" : "City-wide") : (programme.district($0)?.name[language] ?? $0) },
                      heading: zh ? "按区县合计" : "Totals by district", column: zh ? "区县" : "District")
        out += totals(byUnit, name: { $0 }, heading: zh ? "按牵头单位合计" : "Totals by lead unit", column: zh ? "牵头单位" : "Lead unit")
        return out
    }

    // MARK: Indicators

    /// Every indicator city-wide, then in each district where it applies (or only in `districtID`).
    public func indicators(districtID: String? = nil) -> [IndicatorResult] {
        let areas = districtID.map { [$0] } ?? [cityAreaID] + programme.districts.map(\.id)
        return areas.flatMap { area in
            programme.indicators.compactMap { indicator in
                area == cityAreaID || evaluator.applies(indicator, areaID: area) || districtID != nil
                    ? evaluator.evaluate(indicator, areaID: area, asOf: asOf) : nil
            }
        }
    }

    public static func json(_ r: IndicatorResult) -> JSONValue {
        let i = r.indicator
        return .object([
            "id": .string(i.id), "area": .string(r.areaID), "domain": .string(i.domain.rawValue),
            "name": .text(i.name), "unit": .string(i.unit), "comparator": .string(i.comparator.rawValue),
            "target": i.comparator == .improves ? .null : .number(i.target),
            "deadline": .optional(i.deadline?.description),
            "value": .optional(r.value.map { ($0 * 100).rounded() / 100 }),
            "previousYear": .optional(r.previousYear.map { ($0 * 100).rounded() / 100 }),
            "month": .optional(r.month?.description), "status": .string(r.status.rawValue),
        ])
    }

    public func indicatorTable(_ results: [IndicatorResult]) -> TextTable {
        let l = language
        let columns: [TextTable.Column] = [
            .init(l == .zh ? "区域" : "Area"), .init("ID"), .init(l == .zh ? "指标" : "Indicator"),
            .init(l == .zh ? "数值" : "Value", .right), .init(l == .zh ? "目标" : "Target", .right),
            .init(l == .zh ? "单位" : "Unit"), .init(l == .zh ? "较上年" : "vs last year", .right),
            .init(l == .zh ? "状态" : "Status"),
        ]
        let rows = results.map { r -> [String] in
            [areaName(r.areaID), r.indicator.id, r.indicator.name[l], r.value.map { formatNumber($0) } ?? "—",
             targetText(r.indicator), r.indicator.unit, r.change.map { formatChange($0) } ?? "",
             r.status.glyph + " " + r.status.name[l]]
        }
        return TextTable(columns: columns, rows: rows)
    }

    /// The target as written: `< 26`, `≥ 90`, or "improving".
    public func targetText(_ indicator: Indicator) -> String {
        indicator.comparator.symbol.map { $0 + " " + formatNumber(indicator.target) } ?? (language == .zh ? "持续改善" : "improving")
    }

    public func areaName(_ id: String) -> String {
        id == cityAreaID ? (language == .zh ? "宁波市" : "Ningbo") : (programme.district(id)?.name[language] ?? id)
    }

    // MARK: Districts

    public func districtJSON(_ d: District) -> JSONValue {
        let results = programme.indicators.filter { d.applies($0) }.map { evaluator.evaluate($0, areaID: d.id, asOf: asOf) }
        var counts: [String: JSONValue] = [:]
        for status in TargetStatus.allCases { counts[status.rawValue] = .integer(results.filter { $0.status == status }.count) }
        return .object([
            "id": .string(d.id), "name": .text(d.name), "kind": .string(d.kind.rawValue),
            "parent": .optional(d.parentID), "coastal": .bool(d.coastal), "population": .integer(d.population),
            "areaKm2": .number(d.areaKm2), "indicators": .object(counts),
            "tasks": .integer(programme.tasks.filter { $0.districtIDs.contains(d.id) }.count),
        ])
    }

    public func districtTable(_ districts: [District]) -> TextTable {
        let l = language
        let columns: [TextTable.Column] = [
            .init("ID"), .init(l == .zh ? "名称" : "Name"), .init(l == .zh ? "类型" : "Kind"),
            .init(l == .zh ? "沿海" : "Coastal"), .init(l == .zh ? "常住人口" : "Population", .right),
            .init(l == .zh ? "面积(km²)" : "Area (km²)", .right), .init(l == .zh ? "达标" : "Met", .right),
            .init(l == .zh ? "有风险" : "At risk", .right), .init(l == .zh ? "未达标" : "Missed", .right),
        ]
        let rows = districts.map { d -> [String] in
            let results = programme.indicators.filter { d.applies($0) }.map { evaluator.evaluate($0, areaID: d.id, asOf: asOf) }
            func count(_ s: TargetStatus) -> String { String(results.filter { $0.status == s }.count) }
            return [d.id, d.name[l], d.kind.rawValue, d.coastal ? (l == .zh ? "是" : "yes") : (l == .zh ? "否" : "no"),
                    String(d.population), formatNumber(d.areaKm2), count(.met), count(.atRisk), count(.missed)]
        }
        return TextTable(columns: columns, rows: rows)
    }
}

extension District {
    /// Whether `indicator` is measured here.
    public func applies(_ indicator: Indicator) -> Bool { indicator.applies(to: self) }
}
