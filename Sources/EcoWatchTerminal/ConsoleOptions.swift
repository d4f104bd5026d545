/// How `runConsole` runs.
public struct ConsoleOptions: Sendable {
    /// How often `tick()` is called, in milliseconds.
    public var tickMilliseconds: Int
    /// The most events handled before the screen is redrawn, when input keeps coming (a
    /// large paste): bounds the time between two frames.
    public var maximumEventsPerFrame: Int
    /// How the terminal is started.
    public var screen: TerminalScreen.Options

    public init(tickMilliseconds: Int = 250, maximumEventsPerFrame: Int = 512,
                screen: TerminalScreen.Options = .init()) {
        self.tickMilliseconds = max(1, tickMilliseconds)
        self.maximumEventsPerFrame = max(1, maximumEventsPerFrame)
        self.screen = screen
    }
}
