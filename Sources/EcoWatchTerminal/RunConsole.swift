import EcoWatchUI

/// Runs `program` on the terminal until it quits or a signal stops it, and restores the
/// terminal on the way out (also when `program` throws nothing but the process is signalled).
///
/// The loop sleeps waiting for input until the next tick, so an idle console costs nothing;
/// work the program does off the loop wakes it (`ConsoleProgram.wakeup`), so its result is
/// taken and drawn as soon as it ends, not on the next tick.
/// Bursts of input (a paste, a stream of resizes while a window is dragged) are drained and
/// handled before one redraw; consecutive resizes collapse into the last. A changed
/// `program.palette` re-initialises the colour pairs and repaints everything.
///
/// - Throws: `TerminalError` when the console cannot start (not a terminal, `TERM` unset).
@discardableResult
public func runConsole(_ program: some ConsoleProgram, options: ConsoleOptions = ConsoleOptions()) throws -> ConsoleExit {
    let screen = try TerminalScreen(options: options.screen)
    defer { screen.stop() }
    return runConsole(program, on: screen, options: options)
}

/// Runs `program` on a screen already started (for benchmarks that start it themselves).
/// The screen is left running; stop it when done.
public func runConsole(_ program: some ConsoleProgram, on screen: TerminalScreen,
                       options: ConsoleOptions = ConsoleOptions()) -> ConsoleExit {
    let clock = ContinuousClock()
    let tick = Duration.milliseconds(options.tickMilliseconds)
    var nextTick = clock.now.advanced(by: tick)
    var needsDraw = true
    var batch: [InputEvent] = []
    batch.reserveCapacity(options.maximumEventsPerFrame)

    /// Carries out what the program asked for; returns it so the loop can see `.quit`.
    func apply(_ command: LoopCommand) -> LoopCommand {
        switch command {
        case .redraw: needsDraw = true
        case .none, .quit: break
        case .bell:
            screen.bell()
            needsDraw = true
        case .fullRepaint:
            screen.forceFullRepaint()
            needsDraw = true
        }
        return command
    }

    // The first size arrives as an event like every later one: nothing is reduced while drawing.
    _ = apply(program.handle(.resize(width: screen.width, height: screen.height)))
    while true {
        if let signal = screen.pendingSignal { return .signal(signal) }
        if needsDraw {
            screen.setPalette(program.palette)
            screen.draw(program.render())
            needsDraw = false
        }

        let now = clock.now
        if now >= nextTick {
            nextTick = now.advanced(by: tick)
            if case .quit = apply(program.tick()) { return .quit }
            continue
        }
        let (seconds, attoseconds) = now.duration(to: nextTick).components
        let wait = max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
        guard let first = screen.nextEvent(timeoutMilliseconds: wait, wakingOn: program.wakeup?.descriptor) else {
            // Woken, or the tick is due: take what work off the loop brought back.
            if case .quit = apply(program.wake()) { return .quit }
            continue
        }

        // Drain what is already there, then handle it all before one redraw.
        batch.removeAll(keepingCapacity: true)
        batch.append(first)
        while batch.count < options.maximumEventsPerFrame, let more = screen.nextEvent(timeoutMilliseconds: 0) {
            if case .resize = more, case .resize = batch.last { batch.removeLast() }
            batch.append(more)
        }
        for event in batch {
            if case .resize = event { needsDraw = true }
            if case .quit = apply(program.handle(event)) { return .quit }
        }
    }
}
