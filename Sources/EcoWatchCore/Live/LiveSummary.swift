/// How a station stands against its own reporting interval.
public enum Punctuality: Hashable, Sendable, Comparable {
    /// Reported within two intervals.
    case onTime
    /// More than two intervals since its last report.
    case late
    /// More than three intervals (stale), or never reported.
    case offline

    /// `status`'s punctuality at `now`.
    public init(_ status: StationStatus, now: Int64) {
        guard let last = status.lastSeen else { self = .offline; return }
        let interval = Int64(max(1, status.station.intervalSeconds))
        self = status.stale ? .offline : now - last > 2 * interval ? .late : .onTime
    }
}

/// The city now, from the live snapshot: what the overview's first lines say.
///
/// The city's AQI follows HJ 633 on the mean, over the city's air stations that are not
/// offline, of each pollutant's latest valid (N) value (particles in µg/m³), judged against
/// the 1-hour columns as the console's real-time figures are. A district's AQI is the same
/// over its own stations.
public struct LiveSummary: Sendable {
    public let city: AirQuality?
    /// Air stations averaged into `city`.
    public let airStations: Int
    /// By district ID, for districts with a reporting air station.
    public let districts: [String: AirQuality]
    /// Air stations by AQI, worst first (not offline, with an AQI).
    public let worstAir: [StationStatus]
    /// Water and sea stations whose class now is worse than their target, worst first.
    public let belowTarget: [StationStatus]
    /// Late or offline stations, longest silent first (never-reported last).
    public let late: [(status: StationStatus, punctuality: Punctuality)]
    public let openAlarms: Int
    public let unacknowledgedAlarms: Int

    public init(_ live: LiveSnapshot) {
        let now = live.taken
        let reporting = live.stations.filter { $0.station.kind == .air && Punctuality($0, now: now) != .offline }
        city = Self.airQuality(of: reporting)
        airStations = reporting.filter { !$0.values.isEmpty }.count
        var districts: [String: AirQuality] = [:]
        for (id, statuses) in Dictionary(grouping: reporting, by: \.station.districtID) {
            districts[id] = Self.airQuality(of: statuses)
        }
        self.districts = districts
        worstAir = reporting.filter { $0.airQuality != nil }.sorted {
            ($0.airQuality!.aqi, $1.station.mn) > ($1.airQuality!.aqi, $0.station.mn)
        }
        belowTarget = live.stations.filter { !$0.stale && $0.worseThanTarget }.sorted { $0.station.mn < $1.station.mn }
        late = live.stations.map { ($0, Punctuality($0, now: now)) }.filter { $0.1 != .onTime }
            .sorted { ($0.0.lastSeen ?? .max, $0.0.station.mn) < ($1.0.lastSeen ?? .max, $1.0.station.mn) }
        openAlarms = live.alarms.filter { $0.cleared == nil }.count
        unacknowledgedAlarms = live.alarms.filter { $0.acknowledgedAt == nil }.count
    }

    /// HJ 633 on the mean of each pollutant's latest valid value over `statuses`.
    static func airQuality(of statuses: [StationStatus]) -> AirQuality? {
        var sums: [AirPollutant: (total: Double, count: Int)] = [:]
        for status in statuses {
            for pollutant in AirPollutant.allCases {
                guard let value = status.values[pollutant.code], value.flag.countsTowardStatistics else { continue }
                let shown = status.station.shownValue(value.value, code: pollutant.code)
                sums[pollutant, default: (0, 0)].total += shown
                sums[pollutant, default: (0, 0)].count += 1
            }
        }
        return AirQuality(concentrations: sums.mapValues { $0.total / Double($0.count) }, period: .hourly)
    }
}
