import ArgumentParser
import Foundation
import EcoWatchCore

/// `ecowatch report`: the console's numbers as a table, JSON, CSV or Markdown.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print the console's numbers for scripts, spreadsheets and paper.")

    enum Kind: String, CaseIterable, ExpressibleByArgument {
        case tasks, overdue, indicators, districts, stations, feed
    }

    @Argument(help: ArgumentHelp("What to report: \(Kind.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "what"))
    var kind: Kind

    @Option(name: .long, help: ArgumentHelp("Only this district (an ID such as beilun).", valueName: "id"))
    var district: String?

    @Option(name: .long, help: ArgumentHelp("table, json, csv or md.", valueName: "format"))
    var format: ReportFormat = .table

    @OptionGroup var view: ViewOptions
    @OptionGroup var store: StoreOptions

    func run() throws {
        let database = try store.open()
        let programme = try database.loadProgramme()
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
            let counts = try database.feedCounts()
            if format == .json { print(LiveReports.feedJSON(counts).rendered, terminator: "") }
            else { emit(LiveReports.feedTable(counts, language: view.language)) }
        case .districts:
            let districts = programme.districts.filter { district == nil || $0.id == district }
            if format == .json { print(JSONValue.array(districts.map(reports.districtJSON)).rendered, terminator: "") }
            else { emit(reports.districtTable(districts)) }
        }
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
