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

    /// The overdue list: the console's overdue browser's tasks (overdue, then at risk), in its order.
    public func overdue(districtID: String? = nil) -> [TaskResult] {
        overdueList(tasks(districtID: districtID))
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
            "milestones": result.milestonesDue.map { m in
                JSONValue.object(["met": .integer(m.met), "due": .integer(m.due), "total": .integer(m.total)])
            } ?? .null,
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
        let columns = TaskColumn.allCases.map { TextTable.Column($0.heading[l], $0.isNumeric ? .right : .left) }
        let rows = results.map { r in
            TaskColumn.allCases.map { r.cell($0, language: l) { self.programme.district($0)?.name[l] ?? $0 } }
        }
        return TextTable(columns: columns, rows: rows)
    }

    func districtNames(_ ids: [String]) -> String {
        if ids.isEmpty { return Strings.cityWide[language] }
        return ids.map { programme.district($0)?.name[language] ?? $0 }.joined(separator: Strings.listSeparator[language])
    }

    /// The overdue list for paper: a title, the as-of day, the table, and totals by district and by lead unit.
    public func overdueMarkdown(_ results: [TaskResult], districtID: String?) -> String {
        let l = language
        var out = "# \(Strings.overdueReportTitle[l])\n\n"
        out += "\(capitalised(Strings.asOf[l])) **\(asOf)**"
        if let districtID, let d = programme.district(districtID) { out += " · \(d.name[l])" }
        out += Strings.overdueReportCount(overdue: results.filter { $0.status == .overdue }.count,
                                          atRisk: results.filter { $0.status == .atRisk }.count, of: programme.tasks.count)[l] + "\n\n"
        if results.isEmpty {
            out += Strings.noneOverdue[l] + "\n"
            return out
        }
        out += taskTable(results).markdown
        var byDistrict: [String: Int] = [:], byUnit: [String: Int] = [:]
        for r in results {
            guard r.status == .overdue else { continue }
            for id in r.task.districtIDs.isEmpty ? [cityAreaID] : r.task.districtIDs { byDistrict[id, default: 0] += 1 }
            byUnit[r.task.leadUnit[language], default: 0] += 1
        }
        func totals(_ counts: [String: Int], name: (String) -> String, heading: String, column: String) -> String {
            let rows = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .map { [name($0.key), String($0.value)] }
            return "\n## \(heading)\n\n" + TextTable(columns: [.init(column), .init(Strings.overdueTasks[l], .right)], rows: rows).markdown
        }
        out += totals(byDistrict, name: { $0 == cityAreaID ? capitalised(Strings.cityWide[l]) : (programme.district($0)?.name[l] ?? $0) },
                      heading: Strings.totalsByDistrict[l], column: Strings.district[l])
        out += totals(byUnit, name: { $0 }, heading: Strings.totalsByLeadUnit[l], column: Strings.columnLeadUnit[l])
        return out
    }

    // MARK: Indicators

    /// Every indicator city-wide, then in each district (or only in `districtID`): every row,
    /// "not by district" and "not applicable" ones included, so that none goes missing.
    public func indicators(districtID: String? = nil) -> [IndicatorResult] {
        let areas = districtID.map { [$0] } ?? [cityAreaID] + programme.districts.map(\.id)
        return areas.flatMap { area in programme.indicators.map { evaluator.evaluate($0, areaID: area, asOf: asOf) } }
    }

    public static func json(_ r: IndicatorResult) -> JSONValue {
        let i = r.indicator
        return .object([
            "id": .string(i.id), "area": .string(r.areaID), "domain": .string(i.domain.rawValue),
            "name": .text(i.name), "unit": .string(i.unit), "comparator": .string(i.comparator.rawValue),
            "target": i.comparator == .improves || !i.target.isFinite ? .null : .number(i.target),
            "baselineYear": i.baselineYear.map(JSONValue.integer) ?? .null,
            "deadline": .optional(i.deadline?.description), "scope": .string(i.scope.rawValue),
            "precision": .integer(i.precision),
            "value": .optional(r.value), "previousYear": .optional(r.previousYear),
            "period": r.period.map { periodJSON($0) } ?? .null,
            "month": .optional(r.month?.description), "status": .string(r.status.rawValue),
            "share": r.share.map { JSONValue.number(roundHalfEven($0, places: 4)) } ?? .null,
            "yearToDate": r.yearToDate.map { ytd in
                JSONValue.object(["value": .number(ytd.value), "through": .string(ytd.through.description),
                                  "provisional": .bool(true), "status": .string(ytd.status.rawValue)])
            } ?? .null,
        ])
    }

    static func periodJSON(_ period: IndicatorPeriod) -> JSONValue {
        switch period {
        case .year(let y): .object(["kind": .string("year"), "year": .integer(y), "provisional": .bool(false)])
        case .yearToDate(let m): .object(["kind": .string("year-to-date"), "through": .string(m.description), "provisional": .bool(true)])
        case .month(let m): .object(["kind": .string("month"), "month": .string(m.description), "provisional": .bool(false)])
        }
    }

    public func indicatorTable(_ results: [IndicatorResult]) -> TextTable {
        let l = language
        let columns: [TextTable.Column] = [
            .init(Strings.columnArea[l]), .init(Strings.columnID[l]), .init(Strings.indicator[l]),
            .init(Strings.columnPeriod[l]), .init(Strings.columnValue[l], .right), .init(Strings.columnTarget[l], .right),
            .init(Strings.columnUnit[l]), .init(Strings.columnChange[l], .right),
            .init(Strings.columnStatus[l]), .init(Strings.columnYearToDate[l]),
        ]
        let rows = results.map { r -> [String] in
            [areaName(r.areaID), r.indicator.id, r.indicator.name[l], r.period?.label(l) ?? "", r.shownValue(l),
             targetText(r.indicator), Strings.unit(r.indicator.unit)[l], r.changeText,
             r.status.glyph + " " + r.status.name[l],
             r.yearToDate.map { $0.status.glyph + " " + r.indicator.format($0.value) + " " + $0.period.label(l) } ?? ""]
        }
        return TextTable(columns: columns, rows: rows)
    }

    /// The target as written: `< 26`, `≥ 90`, or "improving".
    public func targetText(_ indicator: Indicator) -> String {
        guard let symbol = indicator.comparator.symbol else { return Strings.improving[language] }
        guard let year = indicator.baselineYear else { return symbol + " " + formatNumber(indicator.target) }
        return symbol + " " + indicator.format(indicator.target) + Strings.parenthesised(String(year))[language]
    }

    public func areaName(_ id: String) -> String {
        id == cityAreaID ? Strings.city[language] : (programme.district(id)?.name[language] ?? id)
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

    /// The statuses a district's row counts: only indicators judged in the district (city totals
    /// and city figures are not the district's to meet or miss).
    static let districtCounted: [TargetStatus] = [.met, .metLate, .onTrack, .atRisk, .missed]

    public func districtTable(_ districts: [District]) -> TextTable {
        let l = language
        let columns: [TextTable.Column] = [
            .init(Strings.columnID[l]), .init(Strings.columnName[l]), .init(Strings.columnKind[l]),
            .init(Strings.columnCoastal[l]), .init(Strings.columnPopulation[l], .right),
            .init(Strings.columnAreaKm2[l], .right),
        ] + Self.districtCounted.map { .init(capitalised($0.name[l]), .right) }
        let rows = districts.map { d -> [String] in
            let results = programme.indicators.filter { d.applies($0) }.map { evaluator.evaluate($0, areaID: d.id, asOf: asOf) }
            func count(_ s: TargetStatus) -> String { String(results.filter { $0.status == s }.count) }
            return [d.id, d.name[l], Strings.districtKind(d.kind)[l], (d.coastal ? Strings.yes : Strings.no)[l],
                    String(d.population), formatNumber(d.areaKm2)] + Self.districtCounted.map(count)
        }
        return TextTable(columns: columns, rows: rows)
    }
}

/// `text` with its first letter in capitals (English headings from lower-case words; Chinese unchanged).
func capitalised(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }

extension District {
    /// Whether `indicator` is measured here.
    public func applies(_ indicator: Indicator) -> Bool { indicator.applies(to: self) }
}
