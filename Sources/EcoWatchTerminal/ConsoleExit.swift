#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcursesw

/// Why `runConsole` returned. The terminal is restored in every case.
public enum ConsoleExit: Hashable, Sendable {
    /// The program asked to quit.
    case quit
    /// SIGINT, SIGTERM or SIGHUP asked the console to stop.
    case signal(Int32)

    /// For `.signal`: ends the process by that signal, as if it had not been caught (so a
    /// shell sees 130 for Ctrl-C). Call after your own cleanup. Does nothing for `.quit`.
    public func endProcessIfSignalled() {
        guard case .signal(let number) = self else { return }
        _ = ew_default_signal_handler(number)
        raise(number)
    }
}
