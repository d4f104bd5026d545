/// A station's state as of now, computed from its latest values: what the Stations screen
/// and `report stations` show. Only values flagged N (normal) count toward AQI and classes.
public struct StationStatus: Hashable, Sendable {
    public let station: Station
    /// Seconds since 1970 of the last report; nil when it has never reported.
    public let lastSeen: Int64?
    /// Missed three reporting intervals (or never reported).
    public let stale: Bool
    /// Latest value of each standard code.
    public let values: [String: LatestValue]
    /// Codes whose latest flag is not N, with the flag.
    public let flags: [String: DataFlag]
    /// Air stations: AQI, IAQI per pollutant, category and primary pollutants (hourly columns).
    public let airQuality: AirQuality?
    /// Surface-water stations: the GB 3838 class of the latest values.
    public let waterQuality: SurfaceWaterQuality?
    /// Seawater stations: the GB 3097 class of the latest values.
    public let seawaterQuality: SeawaterQuality?

    public init(station: Station, latest: [LatestValue], lastSeen: Int64?, now: Int64) {
        self.station = station
        self.lastSeen = lastSeen
        self.stale = lastSeen.map { now - $0 > 3 * Int64(station.intervalSeconds) } ?? true
        var values: [String: LatestValue] = [:]
        for value in latest { values[value.code] = value }
        self.values = values
        self.flags = values.filter { !$0.value.flag.countsTowardStatistics }.mapValues(\.flag)
        let normal = values.filter { $0.value.flag.countsTowardStatistics }.mapValues(\.value)
        switch station.kind {
        case .air:
            var concentrations: [AirPollutant: Double] = [:]
            for (code, value) in normal {
                guard let pollutant = AirPollutant(code: code) else { continue }
                let isParticle = pollutant == .pm25 || pollutant == .pm10
                concentrations[pollutant] = isParticle ? value * station.particleScale : value
            }
            airQuality = AirQuality(concentrations: concentrations, period: .hourly)
            waterQuality = nil
            seawaterQuality = nil
        case .water:
            var parameters: [SurfaceWaterParameter: Double] = [:]
            for (code, value) in normal {
                if let parameter = SurfaceWaterParameter(code: code) { parameters[parameter] = value }
            }
            airQuality = nil
            waterQuality = SurfaceWaterQuality(values: parameters, in: station.isLake ? .lakeOrReservoir : .river)
            seawaterQuality = nil
        case .sea:
            var parameters: [SeawaterParameter: Double] = [:]
            for (code, value) in normal {
                if let parameter = SeawaterParameter(code: code) { parameters[parameter] = value }
            }
            airQuality = nil
            waterQuality = nil
            seawaterQuality = SeawaterQuality(values: parameters)
        }
    }

    /// The station's target class is not met (water or seawater).
    public var worseThanTarget: Bool {
        if let water = waterQuality?.waterClass, let target = station.targetClass.flatMap(WaterClass.init(text:)) {
            return water > target
        }
        if let sea = seawaterQuality?.seaClass, let target = station.targetClass.flatMap(SeaClass.init(text:)) {
            return sea > target
        }
        return false
    }
}

/// The live feed as of one moment: every registered station's status, the open alarms and
/// the feed's counters. Built by the run loop when the store changes; screens only read it.
public struct LiveSnapshot: Hashable, Sendable {
    /// Seconds since 1970 when it was taken.
    public let taken: Int64
    public let stations: [StationStatus]
    /// The shift log, newest first: open or unacknowledged alarms, and those raised or cleared
    /// since the shift began.
    public let alarms: [Alarm]
    public let feed: FeedCounts

    public init(taken: Int64, stations: [StationStatus], alarms: [Alarm], feed: FeedCounts) {
        self.taken = taken
        self.stations = stations
        self.alarms = alarms
        self.feed = feed
    }

    /// Reads the live state from `store` for the programme's registered stations.
    /// The alarms are the shift log since `shiftStart` (default: the last 12 hours).
    public static func read(from store: any EcoWatchStore, programme: Programme, now: Int64,
                            shiftStart: Int64? = nil) throws -> LiveSnapshot {
        let latest = try store.latestValues()
        let seen = try store.lastSeen()
        let stations = programme.stations.map {
            StationStatus(station: $0, latest: latest[$0.mn] ?? [], lastSeen: seen[$0.mn], now: now)
        }
        return LiveSnapshot(taken: now, stations: stations, alarms: try store.alarms(since: shiftStart ?? now - 12 * 3600, limit: 2000),
                            feed: try store.feedCounts())
    }

    public func status(mn: String) -> StationStatus? { stations.first { $0.station.mn == mn } }

    /// The same snapshot as of a later moment. Only staleness moves with the clock; values and
    /// alarms change only with a commit, which the store's change token reports.
    public func at(_ now: Int64) -> LiveSnapshot {
        LiveSnapshot(taken: now, stations: stations.map {
            StationStatus(station: $0.station, latest: Array($0.values.values), lastSeen: $0.lastSeen, now: now)
        }, alarms: alarms, feed: feed)
    }
}
