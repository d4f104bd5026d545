import ArgumentParser
import Foundation
import EcoWatchCore
import EcoWatchTerminal
import EcoWatchUI

/// The interactive console: the default command.
struct ConsoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "The interactive console (the default command). Press ? inside for every key.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var view: ViewOptions

    @Option(name: .long, help: ArgumentHelp("Colour theme: default, light, high-contrast, mono, colorblind, or your own.", valueName: "name"))
    var theme: String?

    @Flag(name: .long, help: "Meeting mode: rotate views full-screen under a KPI strip (without --playlist: the overview, overdue tasks, each district, the stations, the missed targets); t and L change theme and language, any other key pauses, Esc leaves.")
    var kiosk = false

    @Option(name: .long, help: ArgumentHelp("Kiosk views, comma-separated (\(Route.viewSyntax)).", valueName: "view,view,…"))
    var playlist: String?

    @Option(name: .long, help: ArgumentHelp("Kiosk: seconds per view (or per replayed month).", valueName: "seconds"))
    var interval: Int = 15

    @Option(name: .long, help: ArgumentHelp("Kiosk: replay the programme month by month, e.g. 2021-01..2022-12.", valueName: "FROM..TO"),
            transform: parseMonthRange)
    var replay: ClosedRange<YearMonth>?

    @Flag(name: .long, help: "Kiosk: after a replay's closing frame, start the replay again by itself.")
    var loop = false

    @Option(name: .customLong("operator"), help: ArgumentHelp("Who acknowledges alarms (default: the login name).", valueName: "name"))
    var operatorName: String?

    @Option(name: .long, help: ArgumentHelp("When the shift began, for the alarms log: HH:MM today or YYYY-MM-DDTHH:MM, China time (default: when the console starts).", valueName: "time"),
            transform: parseShiftStart)
    var since: Int64?

    @Flag(name: .long, help: "Ring the terminal bell on a new alarm.")
    var bell = false

    @Flag(name: .long, help: "Start an ingest service and the simulator in-process on a temporary database, so the console moves with no setup.")
    var demo = false

    @Option(name: .customLong("export-dir"), help: ArgumentHelp("Where `e` writes CSV and Markdown (default: ./exports).", valueName: "dir"))
    var exportDirectory: String = "exports"

    func validate() throws {
        if interval <= 0 { throw ValidationError("--interval must be a whole number of seconds above zero, not \(interval)") }
        if !kiosk, playlist != nil || replay != nil {
            throw ValidationError("--playlist and --replay belong to meeting mode: add --kiosk")
        }
        if loop, replay == nil { throw ValidationError("--loop repeats a replay: add --replay FROM..TO") }
    }

    func run() throws {
        let demoRun = demo ? try Demo(dataOption: store.data) : nil
        let database: any EcoWatchStore = try demoRun?.store ?? store.open()
        // The watch for commits starts now, while the programme and the first frame are read.
        database.watchForChanges()
        let programme = try database.loadProgramme()
        var routes: [Route]? = nil
        if let playlist {
            routes = try playlist.split(separator: ",", omittingEmptySubsequences: false).map { item in
                let name = item.trimmingCharacters(in: .whitespaces)
                guard let route = Route(view: name, programme: programme) else {
                    throw CommandFailure("--playlist: \"\(name)\" is not a view; choose from \(Route.viewSyntax)")
                }
                return route
            }
        }
        let themeName = theme ?? (kiosk ? "high-contrast" : "default")
        let loadedTheme = try ThemeSetup.load(name: themeName)
        var startDay = view.day
        if let replay { startDay = KioskState.asOf(replaying: replay.lowerBound) }
        var state = AppState(programme: programme, asOf: startDay, today: .today(), language: view.language,
                             themeName: themeName, themeNames: ThemeSetup.names())
        if let since { state.shiftStart = since }
        if kiosk {
            // No playlist: a replay tells its story on the overview; a plain kiosk gives the tour.
            let tour = routes ?? (replay != nil ? [.overview] : KioskState.tour(state.snapshot, programme: programme))
            state.kiosk = KioskState(playlist: tour, interval: interval, replay: replay, loop: loop)
            state.stack = [tour[0]]
        }
        let options = ConsoleOptions()
        let environment = ConsoleEnvironment(
            store: database, loadTheme: { try ThemeSetup.loaded(name: $0) },
            operatorName: operatorName ?? ProcessInfo.processInfo.environment["USER"] ?? NSUserName(),
            bellOnAlarm: bell, exportDirectory: exportDirectory)
        let app = ConsoleRuntime(state: state, theme: loadedTheme, environment: environment)
        let exit: ConsoleExit
        do { exit = try runConsole(app, options: options) } catch { demoRun?.stop(); throw error }
        demoRun?.stop()
        exit.endProcessIfSignalled()
    }
}

/// Parses `HH:MM` (today, or yesterday when that is still to come) or `YYYY-MM-DDTHH:MM`, China time.
func parseShiftStart(_ text: String) throws -> Int64 {
    let parts = text.replacingOccurrences(of: " ", with: "T").split(separator: "T").map(String.init)
    let clock = (parts.last ?? "").split(separator: ":").compactMap { Int($0) }
    guard (1...2).contains(parts.count), clock.count == 2, (0..<24).contains(clock[0]), (0..<60).contains(clock[1]) else {
        throw ValidationError("--since \"\(text)\" is not a time; expected HH:MM or YYYY-MM-DDTHH:MM (China time), e.g. 20:00")
    }
    let now = Int64(Date().timeIntervalSince1970)
    let today = Day.today()
    guard let day = parts.count == 2 ? Day(iso: parts[0]) : today else {
        throw ValidationError("--since \"\(text)\": \"\(parts[0])\" is not a date (YYYY-MM-DD)")
    }
    var start = Int64(day.ordinal) * 86_400 - 8 * 3600 + Int64(clock[0] * 3600 + clock[1] * 60)
    if parts.count == 1, start > now { start -= 86_400 }
    guard start <= now else { throw ValidationError("--since \"\(text)\" is in the future") }
    return start
}

/// Parses `YYYY-MM..YYYY-MM` (the first not after the second).
func parseMonthRange(_ text: String) throws -> ClosedRange<YearMonth> {
    let parts = text.components(separatedBy: "..")
    guard parts.count == 2, let from = YearMonth(iso: parts[0]), let to = YearMonth(iso: parts[1]) else {
        throw ValidationError("--replay \"\(text)\" is not a month range; expected FROM..TO such as 2021-01..2022-12")
    }
    guard from <= to else {
        throw ValidationError("--replay \"\(text)\" runs backwards; the first month must not be after the second")
    }
    return from...to
}
