#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcursesw

/// Keeps the terminal usable whatever ends the process.
///
/// - SIGINT, SIGTERM, SIGHUP only set `pending`; the run loop sees it within one tick (a
///   blocked read returns early, as the handlers are installed without SA_RESTART), restores
///   the terminal and returns. The same signal twice restores and ends the process at once.
/// - Crashes (SIGSEGV, SIGBUS, SIGILL — Swift's traps —, SIGFPE, SIGABRT, SIGTRAP) restore the
///   terminal, put back the previous handler (the default, or Swift's backtracer) and re-raise.
///   `endwin` is not async-signal-safe, but a process that is crashing anyway is better off
///   with a working terminal; this is what every curses program that cares does.
/// - `exit` (an `atexit` hook) restores it too.
enum SignalMonitor {
    static let terminationSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    static let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

    /// The signal that asked the console to stop; 0 for none. Written by the handler only.
    nonisolated(unsafe) static var pending: Int32 = 0
    /// Whether an ncurses screen is up and must be restored on the way out.
    nonisolated(unsafe) static var screenActive = false
    /// Previous dispositions, one slot of `ew_sigaction_size()` bytes per signal number.
    nonisolated(unsafe) private static var saved: UnsafeMutableRawPointer?
    nonisolated(unsafe) private static var installed = false
    nonisolated(unsafe) private static var atexitRegistered = false
    private static let slots = 65

    /// Installs the handlers (idempotent) and clears `pending`.
    static func install() {
        pending = 0
        if !atexitRegistered {
            atexitRegistered = true
            atexit { SignalMonitor.restoreTerminal() }
        }
        guard !installed else { return }
        installed = true
        let size = ew_sigaction_size()
        let buffer = saved ?? UnsafeMutableRawPointer.allocate(byteCount: size * slots, alignment: 16)
        saved = buffer
        for signal in terminationSignals {
            _ = ew_set_signal_handler(signal, { SignalMonitor.terminate($0) }, buffer + Int(signal) * size)
        }
        for signal in crashSignals {
            _ = ew_set_signal_handler(signal, { SignalMonitor.crash($0) }, buffer + Int(signal) * size)
        }
    }

    /// Puts back the dispositions `install` replaced.
    static func uninstall() {
        guard installed, let saved else { return }
        installed = false
        let size = ew_sigaction_size()
        for signal in terminationSignals + crashSignals {
            _ = ew_restore_signal_handler(signal, saved + Int(signal) * size)
        }
    }

    /// Leaves curses mode if it is on: the terminal as the user had it.
    static func restoreTerminal() {
        if screenActive, !isendwin() { endwin() }
    }

    private static func terminate(_ signal: Int32) {
        if pending != 0 {
            // Asked twice: the loop is not answering. Restore and die by the signal now.
            restoreTerminal()
            _ = ew_default_signal_handler(signal)
            raise(signal)
            return
        }
        pending = signal
    }

    private static func crash(_ signal: Int32) {
        restoreTerminal()
        if let saved {
            _ = ew_restore_signal_handler(signal, saved + Int(signal) * ew_sigaction_size())
        } else {
            _ = ew_default_signal_handler(signal)
        }
        // Delivered to the previous handler once this one returns.
        raise(signal)
    }
}
