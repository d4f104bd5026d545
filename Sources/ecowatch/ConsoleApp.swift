import Foundation
import EcoWatchCore
import EcoWatchTerminal
import EcoWatchUI

/// The console as the run loop drives it: holds the app state, turns events into actions,
/// reduces them, and performs the effects (theme files, exports, acknowledgements, live
/// re-reads). Everything else is the pure `reduce` and `render`.
final class ConsoleApp: ConsoleProgram {
    private(set) var state: AppState
    private let store: any EcoWatchStore
    private let operatorName: String
    private let bellOnAlarm: Bool
    private let exportDirectory: String
    private(set) var palette: Palette
    private var changeToken: Int?
    private var ticks = 0
    private let ticksPerSecond: Int

    init(state: AppState, store: any EcoWatchStore, theme: Theme, operatorName: String, bellOnAlarm: Bool,
         exportDirectory: String, tickMilliseconds: Int) {
        self.state = state
        self.store = store
        self.operatorName = operatorName
        self.bellOnAlarm = bellOnAlarm
        self.exportDirectory = exportDirectory
        self.palette = Palette(theme: theme)
        self.ticksPerSecond = max(1, 1000 / max(1, tickMilliseconds))
        self.changeToken = try? store.changeToken()
        refreshLive()
    }

    func render(width: Int, height: Int) -> Canvas {
        if state.width != width || state.height != height {
            _ = reduce(&state, .resize(width: width, height: height))
        }
        return EcoWatchUI.render(state)
    }

    func handle(_ event: InputEvent) -> LoopCommand {
        if state.kiosk != nil, case .key(let key) = event {
            return handleKiosk(key)
        }
        guard let action = action(for: event, in: state) else { return .none }
        return perform(reduce(&state, action))
    }

    /// In meeting mode: Esc leaves it, q quits, any other key pauses or resumes.
    private func handleKiosk(_ key: Key) -> LoopCommand {
        switch key {
        case .escape:
            state.kiosk = nil
        case .character("q"), .control("c"):
            return .quit
        default:
            state.kiosk?.paused.toggle()
        }
        return .redraw
    }

    func tick() -> LoopCommand {
        var changed = false
        var bell = false
        ticks += 1
        if state.kiosk != nil, ticks % ticksPerSecond == 0 {
            _ = reduce(&state, .kioskTick)
            changed = true
        }
        // Cheap change detection: only a commit by another connection re-reads the live state.
        if let token = try? store.changeToken(), token != changeToken {
            changeToken = token
            (changed, bell) = refreshLive(changed)
        } else if ticks % (ticksPerSecond * 5) == 0, let live = state.live {
            // Staleness moves with the clock even when nothing arrives: no need to read the store.
            _ = reduce(&state, .liveUpdated(live.at(Int64(Date().timeIntervalSince1970))))
            changed = true
        }
        return bell ? .bell : changed ? .redraw : .none
    }

    /// Re-reads the live state; returns whether to redraw (or `changed` if nothing was read)
    /// and whether a new alarm should ring the bell.
    @discardableResult
    private func refreshLive(_ changed: Bool = false) -> (redraw: Bool, bell: Bool) {
        guard !state.programme.stations.isEmpty,
              let live = try? LiveSnapshot.read(from: store, programme: state.programme, now: Int64(Date().timeIntervalSince1970))
        else { return (changed, false) }
        let effects = reduce(&state, .liveUpdated(live))
        return (true, bellOnAlarm && effects.contains(.bell))
    }

    private func perform(_ effects: [Effect]) -> LoopCommand {
        var command: LoopCommand = .redraw
        for effect in effects {
            switch effect {
            case .quit:
                return .quit
            case .bell:
                if bellOnAlarm { command = .bell }
            case .fullRepaint:
                command = .fullRepaint
            case .applyTheme(let name):
                do {
                    palette = Palette(theme: try ThemeSetup.load(name: name, reportMissing: false))
                } catch {
                    _ = reduce(&state, .say(String(describing: error)))
                }
            case .export(let name, let table):
                _ = reduce(&state, .say(export(name: name, table: table)))
            case .acknowledge(let id):
                do {
                    try store.acknowledgeAlarm(id: id, operator: operatorName, at: Int64(Date().timeIntervalSince1970))
                    refreshLive()
                    _ = reduce(&state, .say(state.text(Strings.acknowledged) + " — " + operatorName))
                } catch {
                    _ = reduce(&state, .say(String(describing: error)))
                }
            }
        }
        return command
    }

    /// Writes `name.csv` and `name.md` into the export folder; returns what to tell the user.
    private func export(name: String, table: TextTable) -> String {
        let directory = URL(fileURLWithPath: exportDirectory)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let csv = directory.appendingPathComponent(name + ".csv"), md = directory.appendingPathComponent(name + ".md")
            try Data(table.csv.utf8).write(to: csv, options: .atomic)
            try Data(table.markdown.utf8).write(to: md, options: .atomic)
            return state.text(Strings.exported(to: csv.path + " · " + md.lastPathComponent))
        } catch {
            return state.text(Strings.exportFailed) + exportDirectory + ": " + error.localizedDescription
        }
    }
}
