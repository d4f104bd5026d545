import EcoWatchCore

/// Everything that can happen to the console: keys and clicks become actions, and so do
/// the run loop's results (a live update, a finished export).
public enum Action: Sendable {
    case focusNext, focusPrevious
    case focusPane(Pane)
    /// Move the selection by rows (dy) or across (dx: the map, the task screen).
    case move(dx: Int, dy: Int)
    case page(Int)
    case home, end
    case open
    case back
    case go(Route)
    case startFilter, filterInput(Character), filterBackspace, commitFilter, cancelFilter
    /// Moves the as-of date, within the programme's data and today.
    case shiftMonths(Int)
    /// Brings the as-of date back to today.
    case backToToday
    case sortColumn(Int), invertSort
    case export
    case cycleTheme, toggleLanguage, toggleHelp, toggleMap
    case acknowledge
    /// The alarms screen: hide or show the closed alarms of the shift.
    case toggleClosedAlarms
    case repaint
    case quit
    case resize(width: Int, height: Int)
    case click(x: Int, y: Int)
    /// The live feed changed.
    case liveUpdated(LiveSnapshot)
    /// A station's history was read for its screen.
    case stationLoaded(StationHistory)
    /// A store call failed at `at` (seconds since 1970): why, and the store's own sentence.
    case storeFailed(StoreFault, detail: String, at: Int64)
    /// A read of the live state succeeded again after the store failed.
    case storeAnswered
    /// Show a message in the footer (an export's result, an error that is not fatal).
    case say(String)
    /// The clock reads `now` (seconds since 1970): the kiosk rotates, staleness moves, and
    /// "today" follows the calendar. The run loop sends it about once a second.
    case tick(now: Int64)
    /// Meeting mode: pause or resume the rotation.
    case toggleKioskPause
    /// Meeting mode: leave it for the normal console.
    case leaveKiosk
    /// Meeting mode, on a replay's closing frame: tell the story again from its first month.
    case restartReplay
}

extension Action {
    /// Tab or Shift-Tab.
    var isFocusStep: Bool { isFocusNext || isFocusPrevious }
    var isFocusNext: Bool { if case .focusNext = self { true } else { false } }
    var isFocusPrevious: Bool { if case .focusPrevious = self { true } else { false } }
}

/// What the run loop must do after a reduction: the only side effects there are.
public enum Effect: Hashable, Sendable {
    case quit
    case bell
    case fullRepaint
    /// Load and apply the named theme.
    case applyTheme(String)
    /// Write the table to CSV and Markdown files named after `name`, and say where.
    case export(name: String, table: TextTable)
    /// Record the operator's acknowledgement of an alarm.
    case acknowledge(alarmID: Int64)
    /// Read a station's history over a span (from the roll-ups) for its screen.
    case loadStation(mn: String, span: HistorySpan)
}
