#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcursesw
import EcoWatchUI

/// The terminal, driven through ncursesw: draws canvases by their difference from the last
/// one and reads keys, clicks and resizes as `InputEvent`s.
///
/// Only one screen can be up at a time. `stop()` (also called on deinit, at `exit`, and by
/// the signal handlers) always gives the terminal back as it was.
public final class TerminalScreen {
    /// Where and how to start.
    public struct Options: Sendable {
        /// The descriptor keys are read from.
        public var input: Int32
        /// The descriptor the screen is written to (a pseudo-terminal in benchmarks).
        public var output: Int32
        /// The terminfo entry to use; nil: `TERM`.
        public var terminalType: String?
        /// Refuse to start unless input and output are terminals (off only for benchmarks
        /// that write to a file).
        public var requireTerminal: Bool
        /// Milliseconds to wait after Esc for the rest of an escape sequence.
        public var escapeDelayMilliseconds: Int32
        /// Report button-1 clicks as `.click`.
        public var mouse: Bool
        /// The most colour to use, whatever the terminal can do (`.monochrome` to test
        /// without colour); `NO_COLOR` and the terminal's own limits still apply.
        public var maximumColourDepth: ColourDepth

        public init(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO, terminalType: String? = nil,
                    requireTerminal: Bool = true, escapeDelayMilliseconds: Int32 = 25, mouse: Bool = true,
                    maximumColourDepth: ColourDepth = .trueColour) {
            self.input = input
            self.output = output
            self.terminalType = terminalType
            self.requireTerminal = requireTerminal
            self.escapeDelayMilliseconds = escapeDelayMilliseconds
            self.mouse = mouse
            self.maximumColourDepth = maximumColourDepth
        }
    }

    /// Columns of the terminal now.
    public private(set) var width: Int
    /// Rows of the terminal now.
    public private(set) var height: Int
    /// The colours this terminal shows the palette with.
    public let depth: ColourDepth
    /// The palette cells are drawn with.
    public private(set) var palette: Palette = .terminalDefault

    private var screen: OpaquePointer?
    private let inputDescriptor: Int32
    private var outputFile: UnsafeMutablePointer<FILE>?
    private var inputFile: UnsafeMutablePointer<FILE>?
    private var last: Canvas?
    private var clearNext = true
    private var timeout: Int32 = .min
    private let pairs: ColourPairs
    private var styles: [Style: (attributes: attr_t, pair: Int32)] = [:]
    private var text: [wchar_t] = Array(repeating: 0, count: 8)
    private let clickMask: mmask_t

    /// Starts curses mode: the locale from the environment, cbreak, no echo, keypad, mouse
    /// clicks, a short Esc delay, the cursor hidden, colours detected.
    ///
    /// - Throws: `TerminalError` when input or output is not a terminal, `TERM` is unset or
    ///   `dumb`, or ncurses does not know the terminal. The message points at
    ///   `ecowatch snapshot` and `ecowatch report`.
    public init(options: Options = Options()) throws {
        setlocale(LC_ALL, "")
        if String(cString: nl_langinfo(nl_item(CODESET))).uppercased() != "UTF-8" {
            setlocale(LC_CTYPE, "C.UTF-8")   // what DisplayWidth measures with, too
        }
        if options.requireTerminal, isatty(options.input) == 0 || isatty(options.output) == 0 {
            throw TerminalError.notATerminal
        }
        let type = options.terminalType ?? getenv("TERM").map { String(cString: $0) }
        guard let type, !type.isEmpty, type != "dumb" else {
            throw TerminalError.unsupportedTerminal(type)
        }
        guard SignalMonitor.screenActive == false else {
            preconditionFailure("TerminalScreen: only one screen can be up at a time")
        }

        // Our handlers go in first, so ncurses leaves SIGINT/SIGTERM to us (it still handles
        // SIGWINCH, giving KEY_RESIZE, and SIGTSTP, restoring the terminal on Ctrl-Z).
        SignalMonitor.install()
        inputDescriptor = options.input
        outputFile = ew_fdopen(options.output, "w")
        inputFile = ew_fdopen(options.input, "r")
        guard let outputFile, let inputFile, let screen = newterm(type, outputFile, inputFile) else {
            if let outputFile { fclose(outputFile) }
            if let inputFile { fclose(inputFile) }
            SignalMonitor.uninstall()
            throw TerminalError.cannotStart(terminalType: type)
        }
        self.screen = screen
        set_term(screen)
        SignalMonitor.screenActive = true

        cbreak()
        noecho()
        nonl()
        intrflush(ew_stdscr(), false)
        keypad(ew_stdscr(), true)
        meta(ew_stdscr(), true)
        leaveok(ew_stdscr(), true)
        scrollok(ew_stdscr(), false)
        set_escdelay(options.escapeDelayMilliseconds)
        curs_set(0)

        var defaultColours = false
        var colours = 0
        if has_colors() {
            start_color()
            defaultColours = use_default_colors() == OK
            colours = Int(ew_colors())
        }
        let hasRGB = ew_tigetflag("RGB") == 1 || ew_tigetnum("RGB") > 0 || ew_has_tigetstr("RGB") != 0
        var environment: [String: String] = [:]
        for name in ["NO_COLOR", "COLORTERM"] {
            if let value = getenv(name) { environment[name] = String(cString: value) }
        }
        depth = ColourDepth.detect(colours: colours, hasRGBCapability: hasRGB, environment: environment)
            .limited(to: options.maximumColourDepth)
        pairs = ColourPairs(limit: Int32(clamping: ew_color_pairs()), defaultColours: defaultColours)

        if options.mouse {
            clickMask = ew_button1_pressed() | ew_button1_clicked()
            mousemask(clickMask, nil)
            mouseinterval(0)   // report the press at once: no waiting to tell clicks apart
        } else {
            clickMask = 0
        }
        width = Int(ew_columns())
        height = Int(ew_lines())
    }

    deinit { stop() }

    /// Leaves curses mode and gives the terminal back as it was (idempotent).
    public func stop() {
        guard let screen else { return }
        if !isendwin() { endwin() }
        SignalMonitor.screenActive = false
        SignalMonitor.uninstall()
        delscreen(screen)
        self.screen = nil
        if let outputFile { fclose(outputFile) }
        if let inputFile { fclose(inputFile) }
        outputFile = nil
        inputFile = nil
    }

    /// The signal (SIGINT, SIGTERM, SIGHUP) that asked the program to stop, if any.
    public var pendingSignal: Int32? {
        SignalMonitor.pending == 0 ? nil : SignalMonitor.pending
    }

    // MARK: Drawing

    /// Draws cells with `palette` from now on. A different palette re-initialises the colour
    /// pairs and repaints everything on the next `draw`.
    public func setPalette(_ palette: Palette) {
        guard palette != self.palette else { return }
        self.palette = palette
        styles.removeAll(keepingCapacity: true)
        pairs.reset()
        forceFullRepaint()
    }

    /// Makes the next `draw` clear the terminal and send every cell (Ctrl-L).
    public func forceFullRepaint() {
        clearNext = true
        last = nil
    }

    /// Shows `canvas`: only the cells that differ from the last canvas drawn are sent.
    /// Cells beyond the terminal's size are left out.
    public func draw(_ canvas: Canvas) {
        guard screen != nil else { return }
        let stdscr = ew_stdscr()
        let runs: [CellRun]
        if clearNext || last == nil || last?.width != canvas.width || last?.height != canvas.height {
            werase(stdscr)
            if clearNext { clearok(ew_curscr(), true) }
            clearNext = false
            runs = CanvasDiff.fullRuns(of: canvas)
        } else {
            runs = CanvasDiff.runs(from: last, to: canvas)
        }
        for run in runs where run.y < height {
            var x = run.x
            for cell in run.cells {
                defer { x += 1 }
                if cell.isContinuation || x >= width { continue }
                put(cell, x: x, y: run.y)
            }
        }
        last = canvas
        wnoutrefresh(stdscr)
        doupdate()
    }

    /// Sends one cell. A wide character with no room for its second column becomes a space.
    private func put(_ cell: Cell, x: Int, y: Int) {
        let look = resolve(cell.style)
        var count: Int32 = 0
        if cell.width == 2, x + 1 >= width {
            text[0] = wchar_t(UInt8(ascii: " "))
            count = 1
        } else {
            for scalar in cell.text.unicodeScalars {
                if count == Int32(text.count) - 1 { break }
                text[Int(count)] = wchar_t(truncatingIfNeeded: scalar.value)
                count += 1
            }
        }
        // ERR at the bottom-right corner (the cursor cannot move past it) is harmless: the
        // character was written. Nothing else can fail inside the window.
        _ = text.withUnsafeBufferPointer { buffer in
            ew_put_cell(Int32(y), Int32(x), buffer.baseAddress, count, look.attributes, look.pair)
        }
    }

    /// The attributes and colour pair for a style, cached until the palette changes.
    private func resolve(_ style: Style) -> (attributes: attr_t, pair: Int32) {
        if let known = styles[style] { return known }
        let look = TerminalStyle(style, palette: palette, depth: depth)
        var attributes = ew_a_normal()
        if look.bold { attributes |= ew_a_bold() }
        if look.reverse { attributes |= ew_a_reverse() }
        if look.dim { attributes |= ew_a_dim() }
        if look.underline { attributes |= ew_a_underline() }
        let pair = depth == .monochrome ? 0 : pairs.pair(foreground: look.foreground, background: look.background)
        styles[style] = (attributes, pair)
        return (attributes, pair)
    }

    /// Rings the terminal's bell (or flashes it).
    public func bell() {
        beep()
    }

    // MARK: Input

    /// The next key, click or resize, waiting at most `timeoutMilliseconds` (negative: as
    /// long as it takes). Nil when the time ran out, a stop signal arrived, or `wakeup` (a
    /// descriptor) became readable. The wait sleeps in the kernel (ncurses, or with `wakeup`
    /// `poll`, waits on the input with a timeout): no busy-waiting.
    public func nextEvent(timeoutMilliseconds: Int, wakingOn wakeup: Int32? = nil) -> InputEvent? {
        guard screen != nil else { return nil }
        if let wakeup, timeoutMilliseconds != 0 { return nextEvent(timeoutMilliseconds: timeoutMilliseconds, wakeup: wakeup) }
        let clock = ContinuousClock()
        let deadline = timeoutMilliseconds > 0 ? clock.now.advanced(by: .milliseconds(timeoutMilliseconds)) : nil
        var wait = Int32(clamping: timeoutMilliseconds)
        while SignalMonitor.pending == 0 {
            if let event = readEvent(timeout: wait) { return event }
            if lastReadTimedOut {
                if wait == 0 { return nil }         // a poll found nothing
                if deadline == nil { continue }     // a blocking read was interrupted
            }
            // Something ignored (a mouse release, an Alt- sequence) or an interrupted wait:
            // go on waiting for what is left of the time.
            guard let deadline else { continue }
            let left = clock.now.duration(to: deadline)
            if left <= .zero { return nil }
            let (seconds, attoseconds) = left.components
            wait = Int32(clamping: max(1, seconds * 1000 + attoseconds / 1_000_000_000_000_000))
        }
        return nil
    }

    /// `nextEvent` sleeping in `poll` on the input and `wakeup` together; ncurses itself only
    /// ever reads what is there (with the Esc delay for the rest of a sequence).
    private func nextEvent(timeoutMilliseconds: Int, wakeup: Int32) -> InputEvent? {
        let clock = ContinuousClock()
        let deadline = timeoutMilliseconds > 0 ? clock.now.advanced(by: .milliseconds(timeoutMilliseconds)) : nil
        while SignalMonitor.pending == 0 {
            // What ncurses holds already (the rest of a burst) or the terminal has sent.
            if let event = readEvent(timeout: 0) { return event }
            if !lastReadTimedOut { continue }   // something ignored: look again
            var wait: Int32 = -1
            if let deadline {
                let (seconds, attoseconds) = clock.now.duration(to: deadline).components
                let left = seconds * 1000 + attoseconds / 1_000_000_000_000_000
                if left <= 0 { return nil }
                wait = Int32(clamping: left)
            }
            var descriptors = [pollfd(fd: inputDescriptor, events: Int16(POLLIN), revents: 0),
                               pollfd(fd: wakeup, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&descriptors, 2, wait)
            if ready == 0 || (ready > 0 && descriptors[1].revents != 0) { return nil }
            // Input, or a signal (a resize is read next as KEY_RESIZE; a stop ends the loop).
        }
        return nil
    }

    private var lastReadTimedOut = false

    private func setTimeout(_ milliseconds: Int32) {
        guard milliseconds != timeout else { return }
        timeout = milliseconds
        wtimeout(ew_stdscr(), milliseconds)
    }

    /// One read: an event, or nil for a timeout (`lastReadTimedOut`) or ignored input.
    private func readEvent(timeout: Int32) -> InputEvent? {
        setTimeout(timeout)
        var code: wint_t = 0
        let status = ew_get_wch(&code)
        lastReadTimedOut = status == ERR
        switch status {
        case OK:
            if code == 27 {
                // Esc with a character already behind it: an Alt- chord, or (far more often for
                // this console, which binds no Alt keys) Esc and the next key queued while the
                // console was busy, as after a paste. Either way: Esc, then that key.
                setTimeout(0)
                var next: wint_t = 0
                let nextStatus = ew_get_wch(&next)
                if nextStatus == OK { unget_wch(wchar_t(bitPattern: UInt32(next))) }
                return .key(.escape)
            }
            return KeyDecoder.key(character: UInt32(code)).map(InputEvent.key)
        case KEY_CODE_YES:
            let key = Int32(bitPattern: UInt32(code))
            switch key {
            case KEY_RESIZE:
                width = Int(ew_columns())
                height = Int(ew_lines())
                clearNext = true
                return .resize(width: width, height: height)
            case KEY_MOUSE:
                var x: Int32 = 0, y: Int32 = 0
                var state: mmask_t = 0
                guard ew_get_mouse(&x, &y, &state) != 0, state & clickMask != 0 else { return nil }
                return .click(x: Int(x), y: Int(y))
            default:
                return KeyDecoder.key(code: key).map(InputEvent.key)
            }
        default:
            return nil
        }
    }
}
