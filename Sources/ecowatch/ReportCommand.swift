import ArgumentParser
import Foundation
import EcoWatchCore

/// `ecowatch report`: the console's numbers as a table, JSON, CSV or Markdown.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print the console's numbers for scripts, spreadsheets and paper.")

    enum Kind: String, CaseIterable, ExpressibleByArgument {
        case tasks, overdue, indicators, districts, stations, feed, series
    }

    @Argument(help: ArgumentHelp("What to report: \(Kind.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "what"))
    var kind: Kind

    @Option(name: .long, help: ArgumentHelp("Only this district (an ID such as beilun).", valueName: "id"))
    var district: String?

    @Option(name: .long, help: ArgumentHelp("table, json, csv or md.", valueName: "format"))
    var format: ReportFormat = .table

    @Option(name: .long, help: ArgumentHelp("series: the station's MN.", valueName: "MN"))
    var station: String?

    @Option(name: .long, help: ArgumentHelp("series: the code, e.g. a34004 (or its symbol, PM2.5).", valueName: "code"))
    var code: String?

    @Option(name: .long, help: ArgumentHelp("series: hour, day or month.", valueName: "grain"))
    var grain: String?

    @Option(name: .long, help: ArgumentHelp("series: the first day, YYYY-MM-DD (China time).", valueName: "day"))
    var from: String?

    @Option(name: .long, help: ArgumentHelp("series: the last day, YYYY-MM-DD (included).", valueName: "day"))
    var to: String?

    @OptionGroup var view: ViewOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if kind != .series, station != nil || code != nil || grain != nil || from != nil || to != nil {
            throw ValidationError("--station, --code, --grain, --from and --to belong to `report series`")
        }
    }

    func run() throws {
        let database = try store.openForReading()
        let programme = try database.loadProgramme()
        if kind == .series {
            let report = try seriesReport(database, programme)
            switch format {
            case .json: print(report.json.rendered, terminator: "")
            default: emit(report.table)
            }
            return
        }
        if let district, programme.district(district) == nil {
            throw CommandFailure("--district \"\(district)\" is not a district; choose one of \(programme.districts.map(\.id).joined(separator: ", "))")
        }
        let reports = ProgrammeReports(programme: programme, asOf: view.day, language: view.language)
        switch kind {
        case .tasks, .overdue:
            let results = kind == .tasks ? reports.tasks(districtID: district) : reports.overdue(districtID: district)
            switch format {
            case .json: print(JSONValue.array(results.map(ProgrammeReports.json)).rendered, terminator: "")
            case .md where kind == .overdue: print(reports.overdueMarkdown(results, districtID: district), terminator: "")
            default: emit(reports.taskTable(results))
            }
        case .indicators:
            let results = reports.indicators(districtID: district)
            if format == .json { print(JSONValue.array(results.map(ProgrammeReports.json)).rendered, terminator: "") }
            else { emit(reports.indicatorTable(results)) }
        case .stations:
            let now = Int64(Date().timeIntervalSince1970)
            let live = try LiveSnapshot.read(from: database, programme: programme, now: now)
            let statuses = live.stations.filter { district == nil || $0.station.districtID == district }
            if format == .json { print(JSONValue.array(statuses.map { LiveReports.stationJSON($0, language: view.language) }).rendered, terminator: "") }
            else { emit(LiveReports.stationTable(statuses, language: view.language)) }
        case .feed:
            let report = try FeedReport.read(from: database, now: Int64(Date().timeIntervalSince1970))
            if format == .json { print(report.json.rendered, terminator: "") }
            else if format == .table { print(report.aligned(language: view.language), terminator: "") }
            else {
                for (index, table) in report.tables(language: view.language).enumerated() {
                    if index > 0 { print() }
                    emit(table)
                }
            }
        case .districts:
            let districts = programme.districts.filter { district == nil || $0.id == district }
            if format == .json { print(JSONValue.array(districts.map(reports.districtJSON)).rendered, terminator: "") }
            else { emit(reports.districtTable(districts)) }
        case .series:
            break   // answered above
        }
    }

    /// The series the options ask for, or one line saying which option is wrong and why.
    private func seriesReport(_ database: any EcoWatchStore, _ programme: Programme) throws -> SeriesReport {
        guard let mn = station else { throw CommandFailure("report series needs --station MN (list them with `ecowatch report stations`)") }
        guard let station = programme.station(mn: mn) else { throw CommandFailure("--station \"\(mn)\": " + Strings.unknownStation(mn)) }
        let known = station.codes.map { $0 + " (" + MonitoringCode($0).symbol + ")" }.joined(separator: ", ")
        guard let asked = code else { throw CommandFailure("report series needs --code; \(mn) reports \(known)") }
        guard let code = station.codes.first(where: { $0 == asked || MonitoringCode($0).symbol.lowercased() == asked.lowercased() }) else {
            throw CommandFailure("--code \"\(asked)\": station \(mn) does not report it; it reports \(known)")
        }
        guard let grainText = grain else { throw CommandFailure("report series needs --grain hour, day or month") }
        guard let grain = RollupGrain(rawValue: grainText) else {
            throw CommandFailure("--grain \"\(grainText)\" is not a grain; choose hour, day or month")
        }
        func day(_ text: String?, _ option: String) throws -> Day {
            guard let text else { throw CommandFailure("report series needs --\(option) YYYY-MM-DD") }
            guard let day = Day(iso: text) else { throw CommandFailure("--\(option) \"\(text)\" is not a date; expected YYYY-MM-DD such as 2026-11-01") }
            return day
        }
        let first = try day(from, "from"), last = try day(to, "to")
        guard first <= last else {
            throw CommandFailure("--from \(first) is after --to \(last): the range runs backwards")
        }
        return try SeriesReport.read(from: database, station: station, code: code, grain: grain, from: first, to: last)
    }

    private func emit(_ table: TextTable) {
        switch format {
        case .table: print(table.aligned, terminator: "")
        case .csv: print(table.csv, terminator: "")
        case .md, .json: print(table.markdown, terminator: "")
        }
    }
}

extension ReportFormat: ExpressibleByArgument {}
