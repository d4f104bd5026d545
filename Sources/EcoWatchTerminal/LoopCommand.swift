/// What the run loop does after a `ConsoleProgram` handled an event.
public enum LoopCommand: Hashable, Sendable {
    /// The state changed: render and draw (once, after all pending input is handled).
    case redraw
    /// Nothing to show.
    case none
    /// Leave the loop; the terminal is restored.
    case quit
    /// Ring the bell (a key that does nothing here).
    case bell
    /// Clear the terminal and send every cell again (Ctrl-L).
    case fullRepaint
}

extension LoopCommand {
    /// This command and a later one as one: leaving wins, then the bell (which redraws too),
    /// then the later of the others unless it is `.none`.
    func then(_ next: LoopCommand) -> LoopCommand {
        if self == .quit || next == .quit { return .quit }
        if self == .bell || next == .bell { return .bell }
        return next == .none ? self : next
    }
}
