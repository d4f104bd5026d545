import Foundation
import EcoWatchCore
import EcoWatchUI

/// What the console needs from the world, injected so the run loop's policy can be tested
/// with a real store and a clock the test moves.
public struct ConsoleEnvironment: Sendable {
    /// Where the programme and the live feed are read, and acknowledgements written.
    public var store: any EcoWatchStore
    /// Seconds since 1970, now.
    public var clock: @Sendable () -> Int64
    /// Loads a theme by name (`t` cycles them), with the slots it left to the default theme.
    public var loadTheme: @Sendable (String) throws -> LoadedTheme
    /// Who acknowledges alarms.
    public var operatorName: String
    /// Ring the bell on a new alarm.
    public var bellOnAlarm: Bool
    /// Where `e` writes its CSV and Markdown files.
    public var exportDirectory: String

    public init(store: any EcoWatchStore, clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) },
                loadTheme: @escaping @Sendable (String) throws -> LoadedTheme, operatorName: String, bellOnAlarm: Bool = false,
                exportDirectory: String = "exports") {
        self.store = store
        self.clock = clock
        self.loadTheme = loadTheme
        self.operatorName = operatorName
        self.bellOnAlarm = bellOnAlarm
        self.exportDirectory = exportDirectory
    }
}

/// The console as the run loop drives it: it turns events into actions, reduces them, and
/// performs the effects (theme files, exports, acknowledgements, live re-reads). Its refresh
/// policy: on each tick, one `Action.tick` per new second of the clock, and a re-read of the
/// live state only when the store's change token moved (which also sees this process's own
/// commits, as `--demo` makes them). Every store call after the first read runs off the loop
/// (`StoreReader`; an acknowledgement on a queue of its own) and comes back as an action as
/// soon as it ends (`wakeup`), so a store that does not answer never freezes the screen: the
/// header says so (`Action.storeFailed`), and the first read that answers again clears it.
public final class ConsoleRuntime: ConsoleProgram {
    public private(set) var state: AppState
    public private(set) var palette: Palette
    private let environment: ConsoleEnvironment
    private let reader: StoreReader
    private var lastSecond: Int64?
    private let inbox: Inbox
    public let wakeup: LoopWakeup?
    /// Themes whose missing slots were already reported (the one started with was, on stderr).
    private var themesReported: Set<String>

    public init(state: AppState, theme: Theme, environment: ConsoleEnvironment) {
        self.state = state
        self.palette = Palette(theme: theme)
        self.environment = environment
        self.themesReported = [state.themeName]
        let wakeup = LoopWakeup()
        self.wakeup = wakeup
        inbox = Inbox(posted: { wakeup?.signal() })
        // The shift the alarms screen logs began when the console started, unless told (`--since`).
        if self.state.shiftStart == 0 { self.state.shiftStart = environment.clock() }
        reader = StoreReader(store: environment.store, programme: state.programme, shiftStart: self.state.shiftStart,
                             clock: environment.clock, finished: { wakeup?.signal() })
        reader.readFirst()
        takeOutcomes()
        _ = dispatch(.tick(now: environment.clock()))
        lastSecond = state.clock
    }

    /// Draws the state as it is: drawing never changes it (resizes arrive as events).
    public func render() -> Canvas { EcoWatchUI.render(state) }

    public func handle(_ event: InputEvent) -> LoopCommand {
        guard let action = action(for: event, in: state) else { return .none }
        return dispatch(action)
    }

    public func tick() -> LoopCommand {
        var command = wake()
        let now = environment.clock()
        if now != lastSecond {
            lastSecond = now
            let before = (state.kiosk, state.today, state.asOf, state.live?.taken, state.alarmFlash?.until)
            command = command.then(perform(reduce(&state, .tick(now: now))) == .quit ? .quit : .none)
            // A flashing header changes every second.
            if before != (state.kiosk, state.today, state.asOf, state.live?.taken, state.alarmFlash?.until) || state.alarmFlash != nil {
                command = command.then(.redraw)
            }
        }
        reader.poll()
        return command
    }

    public func wake() -> LoopCommand {
        wakeup?.clear()
        return inbox.take().reduce(LoopCommand.none) { $0.then(dispatch($1)) }.then(takeOutcomes())
    }

    /// Waits for the store calls under way and reduces in what they bring, and what those ask
    /// for in turn: for a single frame (`snapshot`), never in the interactive loop.
    public func settle() {
        while reader.waitForCalls() { takeOutcomes() }
    }

    /// Reduces `action` and performs the effects it asks for; returns what the loop must do.
    @discardableResult
    public func dispatch(_ action: Action) -> LoopCommand {
        perform(reduce(&state, action))
    }

    /// Reduces in what the store calls made off the loop brought back. A failure the header
    /// already shows (the same fault, met again by every poll while it lasts) changes nothing
    /// there, so it asks for no drawing.
    @discardableResult
    private func takeOutcomes() -> LoopCommand {
        var command = LoopCommand.none
        for outcome in reader.take() {
            switch outcome {
            case .live(let live): command = command.then(dispatch(.liveUpdated(live)))
            case .station(let history): command = command.then(dispatch(.stationLoaded(history)))
            case .answered: command = command.then(dispatch(.storeAnswered))
            case .failed(let error):
                let before = (state.storeHealth, state.message)
                let next = dispatch(.storeFailed(StoreFault(error), detail: String(describing: error), at: environment.clock()))
                if (state.storeHealth, state.message) != before { command = command.then(next) }
            }
        }
        return command
    }

    private func perform(_ effects: [Effect]) -> LoopCommand {
        var command: LoopCommand = .redraw
        for effect in effects {
            switch effect {
            case .quit:
                return .quit
            case .bell:
                if environment.bellOnAlarm { command = .bell }
            case .fullRepaint:
                command = .fullRepaint
            case .applyTheme(let name):
                do {
                    let loaded = try environment.loadTheme(name)
                    palette = Palette(theme: loaded.theme)
                    if !loaded.missingSlots.isEmpty, themesReported.insert(name).inserted {
                        let slots = loaded.missingSlots.map(\.rawValue).joined(separator: ", ")
                        _ = reduce(&state, .say(Strings.themeFallback(name: name, slots: slots)[state.language]))
                    }
                } catch {
                    _ = reduce(&state, .say(String(describing: error)))
                }
            case .export(let name, let table):
                _ = reduce(&state, .say(export(name: name, table: table)))
            case .acknowledge(let id):
                acknowledge(id)
            case .loadStation(let mn, let span):
                guard let station = state.programme.station(mn: mn) else { continue }
                reader.loadStation(station, span: span)
            }
        }
        return command
    }

    /// Records the acknowledgement off the loop (the database may be busy with ingest's
    /// writes); the result comes back through the inbox, and the change token then shows it.
    private func acknowledge(_ id: Int64) {
        let store = environment.store, name = environment.operatorName, now = environment.clock()
        let language = state.language, inbox = self.inbox
        DispatchQueue.global(qos: .userInitiated).async {
            do {
                try store.acknowledgeAlarm(id: id, operator: name, at: now)
                inbox.post(.say(Strings.acknowledged[language] + " — " + name))
            } catch {
                inbox.post(.say(String(describing: error)))
            }
        }
    }

    /// Writes `name.csv` and `name.md` into the export folder; returns what to tell the user.
    private func export(name: String, table: TextTable) -> String {
        let directory = URL(fileURLWithPath: environment.exportDirectory)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let csv = directory.appendingPathComponent(name + ".csv"), md = directory.appendingPathComponent(name + ".md")
            try Data(table.csv.utf8).write(to: csv, options: .atomic)
            try Data(table.markdown.utf8).write(to: md, options: .atomic)
            return state.text(Strings.exported(to: csv.path + " · " + md.lastPathComponent))
        } catch {
            return state.text(Strings.exportFailed) + environment.exportDirectory + ": " + error.localizedDescription
        }
    }
}

/// Actions posted by work done off the loop, taken as the loop wakes.
private final class Inbox: @unchecked Sendable {
    private let lock = NSLock()
    private var actions: [Action] = []
    private let posted: @Sendable () -> Void

    init(posted: @escaping @Sendable () -> Void) { self.posted = posted }

    func post(_ action: Action) {
        lock.lock()
        actions.append(action)
        lock.unlock()
        posted()
    }

    func take() -> [Action] {
        lock.lock()
        defer { lock.unlock() }
        let taken = actions
        actions = []
        return taken
    }
}
