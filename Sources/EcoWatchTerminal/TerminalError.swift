/// Why the interactive console could not start. Each description is one line that says what
/// to do instead.
public enum TerminalError: Error, CustomStringConvertible, Sendable {
    /// Standard input or output is not a terminal (a pipe, a file, CI).
    case notATerminal
    /// `TERM` is unset, empty or `dumb`: there is no way to drive the screen.
    case unsupportedTerminal(String?)
    /// ncurses could not start on this terminal type (no terminfo entry for it).
    case cannotStart(terminalType: String)

    private static let alternatives =
        "use `ecowatch snapshot --view overview` for one frame as text, or `ecowatch report tasks` (--format table|json|csv|md) for the numbers"

    public var description: String {
        switch self {
        case .notATerminal:
            return "the interactive console needs a terminal, but standard input or output is not one; \(Self.alternatives)"
        case .unsupportedTerminal(let type):
            let what = type.map { $0.isEmpty ? "TERM is empty" : "TERM is '\($0)'" } ?? "TERM is not set"
            return "the interactive console needs a capable terminal, but \(what); set TERM (e.g. TERM=xterm-256color), or \(Self.alternatives)"
        case .cannotStart(let type):
            return "ecowatch: cannot start the console on terminal type '\(type)' (no terminfo entry?); try TERM=xterm-256color, or \(Self.alternatives)"
        }
    }
}
