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
