import EcoWatchCore

/// How a table is sorted: by which column, which way.
public struct SortOrder: Hashable, Sendable {
    public var column: Int
    public var ascending: Bool

    public init(column: Int, ascending: Bool) {
        self.column = column
        self.ascending = ascending
    }
}

/// Which list a cursor belongs to.
public enum ListKey: Hashable, Sendable {
    /// An overview pane (the districts pane as the map: its index into the map's districts).
    case pane(Pane)
    /// The overview's districts pane shown as the sortable list (`m`).
    case districtList
    /// Any other screen (a district page's indicator table too).
    case screen(Route)
    /// A district page's task or station pane.
    case districtPane(String, DistrictPane)
}

/// Whether the console's store answers. The header says so while it does not; what the screens
/// show meanwhile is what was last read.
public enum StoreHealth: Hashable, Sendable {
    case answering
    /// Failing since `since` (seconds since 1970, the first failure of this spell), for `fault`;
    /// `detail` is the store's own sentence (where, and what to do), for the footer.
    case failing(since: Int64, fault: StoreFault, detail: String)

    public var isFailing: Bool { if case .failing = self { true } else { false } }
}

/// The whole state of the console, a value. `reduce` changes it; `render` draws it.
public struct AppState: Sendable {
    /// The smallest terminal the console draws its screens in; below it, a notice to enlarge.
    public static let minimumWidth = 60
    public static let minimumHeight = 16

    public let programme: Programme
    public let evaluator: IndicatorEvaluator
    /// The programme evaluated as of `asOf`.
    public private(set) var snapshot: DashboardSnapshot
    /// The day the console judges as of; the time machine moves it.
    public var asOf: Day { snapshot.asOf }
    /// Today, to tell the time machine's day from the present.
    public var today: Day
    public var language: Language
    /// The live feed's state, when a database with stations is watched.
    public var live: LiveSnapshot? { didSet { liveSummary = live.map(LiveSummary.init) } }
    /// What the live snapshot says about the city now (worked out once per snapshot).
    public private(set) var liveSummary: LiveSummary?

    public var themeName: String
    public var themeNames: [String]

    /// The navigation stack; the last is on screen. Never empty.
    public var stack: [Route] = [.overview]
    public var focus: Pane = .air
    /// The selected row (or scroll line) of every list: one cursor per list, read by the
    /// screen that draws it and by what Enter opens (`selection`).
    public var cursor: [ListKey: Int] = [:]
    /// The district page's pane in focus (Tab and Shift-Tab cycle them).
    public var districtPane: DistrictPane = .indicators
    public var filters: [Route: String] = [:]
    /// True while `/` is taking the filter text.
    public var editingFilter = false
    public var sorts: [Route: SortOrder] = [:]
    /// The districts pane as a sortable list instead of the map (`m`).
    public var mapAsList = false
    /// The indicator the district map colours by: the one last selected in an indicator pane.
    public var mapIndicatorID: String
    public var showHelp = false
    /// A one-line message for the footer, cleared by the next key.
    public var message: String?
    public var width: Int
    public var height: Int
    /// Meeting mode, when on.
    public var kiosk: KioskState?
    /// The station screen's history, once read (for `station`'s MN and span).
    public var stationHistory: StationHistory?
    /// How far back the station screen's charts look (← → change it).
    public var stationSpan: HistorySpan = .day
    /// When the shift the alarms screen logs began (seconds since 1970): `--since`, or when the
    /// console started.
    public var shiftStart: Int64 = 0
    /// The alarms screen shows only open alarms (`c`).
    public var hideClosedAlarms = false
    /// Until when (seconds since 1970) the header flashes for newly raised alarms, and how many.
    public var alarmFlash: (until: Int64, count: Int)?
    /// Whether the store answers (the header says when it does not).
    public var storeHealth: StoreHealth = .answering
    /// The time of the last `tick` (seconds since 1970); nil before the first.
    public var clock: Int64?

    public init(programme: Programme, asOf: Day, today: Day, language: Language, themeName: String = "default",
                themeNames: [String] = ["default"], width: Int = 80, height: Int = 24) {
        self.programme = programme
        self.evaluator = IndicatorEvaluator(programme: programme)
        self.snapshot = DashboardSnapshot(programme: programme, evaluator: evaluator, asOf: asOf)
        self.today = today
        self.language = language
        self.themeName = themeName
        self.themeNames = themeNames
        self.width = width
        self.height = height
        self.mapIndicatorID = programme.indicator("pm25") != nil ? "pm25" : (programme.indicators.first?.id ?? "")
    }

    public var route: Route { stack.last ?? .overview }

    /// The list in focus: the focused pane of the overview (its districts pane as the map or
    /// as the list, which order rows differently), or the screen on top.
    public var listKey: ListKey {
        if case .district(let id) = route, districtPane != .indicators { return .districtPane(id, districtPane) }
        guard route == .overview else { return .screen(route) }
        return focus == .districts && mapAsList ? .districtList : .pane(focus)
    }

    /// The selected row of the list in focus.
    public var selection: Int { cursor[listKey] ?? 0 }

    /// Re-evaluates the programme as of `day`.
    public mutating func move(asOf day: Day) {
        snapshot = DashboardSnapshot(programme: programme, evaluator: evaluator, asOf: day)
    }

    /// The indicators an overview pane lists, every one of its domains': those missed as of
    /// the day first, then those at risk, then the headline ones, then the rest (each group in
    /// the programme's order). So nothing missed is below the fold, and the pane scrolls to the rest.
    public func paneIndicators(_ pane: Pane) -> [Indicator] {
        let all = programme.indicators.filter { pane.domains.contains($0.domain) }
        func group(_ indicator: Indicator) -> Int {
            switch snapshot.result(indicator.id)?.status {
            case .missed?: 0
            case .atRisk?: 1
            default: indicator.headline ? 2 : 3
            }
        }
        return (0...3).flatMap { g in all.filter { group($0) == g } }
    }

    public func text(_ text: LocalizedText) -> String { text[language] }
}
