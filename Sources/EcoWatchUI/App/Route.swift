import EcoWatchCore

/// A screen of the console; the navigation stack is a list of routes (the breadcrumb).
public enum Route: Hashable, Sendable {
    case overview
    case district(String)
    case indicator(String)
    case task(String)
    /// Every task, sortable and filterable.
    case tasks
    /// Overdue and at-risk tasks: the supervisors' browser.
    case overdue
    /// Stations, all or one district's.
    case stations(district: String?)
    case alarms
    /// One station: its latest values, its history from the roll-ups, its alarms (by MN).
    case station(String)
    /// The programme's targets missed or at risk, in every domain.
    case missedTargets

    /// A view name as `ecowatch snapshot --view` and `--playlist` take it: `overview`,
    /// `district:beilun`, `indicator:pm25`, `task:R07`, `tasks`, `overdue`, `stations`, `alarms`, `missed`.
    public init?(view: String, programme: Programme) {
        let parts = view.split(separator: ":", maxSplits: 1).map(String.init)
        switch (parts.first ?? "", parts.count > 1 ? parts[1] : nil) {
        case ("overview", nil): self = .overview
        case ("tasks", nil): self = .tasks
        case ("overdue", nil): self = .overdue
        case ("alarms", nil): self = .alarms
        case ("missed", nil): self = .missedTargets
        case ("stations", nil): self = .stations(district: nil)
        case ("stations", let id?) where programme.district(id) != nil: self = .stations(district: id)
        case ("district", let id?) where programme.district(id) != nil: self = .district(id)
        case ("indicator", let id?) where programme.indicator(id) != nil: self = .indicator(id)
        case ("task", let id?) where programme.task(id) != nil: self = .task(id)
        case ("station", let mn?) where programme.station(mn: mn) != nil: self = .station(mn)
        default: return nil
        }
    }

    /// The view names `init(view:programme:)` accepts, for help and errors.
    public static let viewSyntax = "overview, district:ID, indicator:ID, task:ID, tasks, overdue, stations, stations:ID, station:MN, alarms, missed"
}

/// The panes of a district's page, in Tab order.
public enum DistrictPane: Int, CaseIterable, Hashable, Sendable {
    case indicators, tasks, stations
}

/// The six panes of the overview, in focus order (keys 1–6).
public enum Pane: Int, CaseIterable, Hashable, Sendable {
    case air = 1, water, waste, marine, tasks, districts

    /// The domains an indicator pane lists: every domain has one pane, so every indicator is
    /// reachable from the overview (soil with solid waste; industry, ecology and governance
    /// with marine, under "and more").
    public var domains: [Domain] {
        switch self {
        case .air: [.air]
        case .water: [.water]
        case .waste: [.waste, .soil]
        case .marine: [.marine, .industry, .ecology, .governance]
        case .tasks, .districts: []
        }
    }

    public var title: LocalizedText {
        switch self {
        case .air: Strings.paneAir
        case .water: Strings.paneWater
        case .waste: Strings.paneWaste
        case .marine: Strings.paneMarine
        case .tasks: Strings.paneTasks
        case .districts: Strings.paneDistricts
        }
    }
}
