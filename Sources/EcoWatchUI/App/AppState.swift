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
    public var live: LiveSnapshot?

    public var themeName: String
    public var themeNames: [String]

    /// The navigation stack; the last is on screen. Never empty.
    public var stack: [Route] = [.overview]
    public var focus: Pane = .air
    /// The selected row of each pane of the overview.
    public var paneCursor: [Pane: Int] = [:]
    /// The selected row (or scroll line) of each other screen.
    public var cursor: [Route: Int] = [:]
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

    /// Re-evaluates the programme as of `day`.
    public mutating func move(asOf day: Day) {
        snapshot = DashboardSnapshot(programme: programme, evaluator: evaluator, asOf: day)
    }

    /// The headline indicators an overview pane lists.
    public func headlines(_ pane: Pane) -> [Indicator] {
        guard let domain = pane.domain else { return [] }
        return programme.indicators.filter { $0.domain == domain && $0.headline }
    }

    public func text(_ text: LocalizedText) -> String { text[language] }
}
