import EcoWatchUI

/// What `runConsole` runs: the app's model, its view and its update, seen from the loop.
///
/// All calls come from the loop's thread, one at a time.
public protocol ConsoleProgram: AnyObject {
    /// Draws the current state (at the size the last resize event gave). Never changes it.
    func render() -> Canvas
    /// Handles one event; returns what the loop should do next.
    func handle(_ event: InputEvent) -> LoopCommand
    /// Called once per tick interval (also while keys keep coming); returns `.redraw` when
    /// something changed (`.bell` to ring as well). Must be cheap and must not block.
    func tick() -> LoopCommand
    /// Signalled when work done off the loop has finished; the loop then calls `wake()` at
    /// once, between ticks. Nil: such work is taken on the ticks only.
    var wakeup: LoopWakeup? { get }
    /// Takes in what work done off the loop brought back (and nothing a tick does besides:
    /// no clock step, no new store call). Must be cheap and must not block.
    func wake() -> LoopCommand
    /// The palette to draw with (may change at run time when the theme cycles).
    var palette: Palette { get }
}
