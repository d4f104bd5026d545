import ArgumentParser
import Foundation
import EcoWatchCore
import EcoWatchTerminal
import EcoWatchUI

/// `ecowatch snapshot`: one frame of the console as plain text, drawn by the console's own code.
struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Print one rendered frame of the console as plain text.",
        discussion: "VIEW is one of: \(Route.viewSyntax).")

    @Option(name: .long, help: ArgumentHelp("The view to draw.", valueName: "view"))
    var view: String = "overview"

    @Option(name: .long, help: ArgumentHelp("Columns x rows, e.g. 120x40.", valueName: "WxH"), transform: parseSize)
    var size: TerminalSize = TerminalSize(width: 120, height: 40)

    @Option(name: .long, help: ArgumentHelp("Colour theme (only checked here: plain text has no colour).", valueName: "name"))
    var theme: String?

    @OptionGroup var options: ViewOptions
    @OptionGroup var store: StoreOptions

    func run() throws {
        guard size.width >= AppState.minimumWidth, size.height >= AppState.minimumHeight else {
            throw CommandFailure("--size \(size.width)x\(size.height) is below the smallest frame the console draws, "
                                 + "\(AppState.minimumWidth)x\(AppState.minimumHeight)")
        }
        let database = try store.openForReading()
        let programme = try database.loadProgramme()
        if view.hasPrefix("station:"), programme.station(mn: String(view.dropFirst(8))) == nil {
            throw CommandFailure("--view \"\(view)\": " + Strings.unknownStation(String(view.dropFirst(8))))
        }
        guard let route = Route(view: view, programme: programme) else {
            throw CommandFailure("--view \"\(view)\" is not a view; choose one of \(Route.viewSyntax) (IDs as in `ecowatch report districts` and `report tasks`)")
        }
        if let theme { _ = try ThemeSetup.load(name: theme) }
        let state = AppState(programme: programme, asOf: options.day, today: .today(), language: options.language,
                             width: size.width, height: size.height)
        // The console's own runtime reads what the view needs (the live state, a station's
        // history), so the frame is the one the console would draw.
        let console = ConsoleRuntime(state: state, theme: Theme(name: "snapshot", colors: [:]),
                                     environment: ConsoleEnvironment(store: database, loadTheme: { try ThemeSetup.loaded(name: $0) },
                                                                     operatorName: ""))
        _ = console.handle(.resize(width: size.width, height: size.height))
        if route != .overview { console.dispatch(.go(route)) }
        console.settle()
        print(console.render().plainText)
    }
}

/// A terminal size given on the command line.
struct TerminalSize: Hashable {
    let width: Int
    let height: Int
}

func parseSize(_ text: String) throws -> TerminalSize {
    let parts = text.lowercased().split(separator: "x")
    guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), (1...1000).contains(w), (1...1000).contains(h) else {
        throw ValidationError("--size \"\(text)\" is not a size; expected COLUMNSxROWS such as 120x40 (each 1–1000)")
    }
    return TerminalSize(width: w, height: h)
}
