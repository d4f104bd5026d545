/// How far back a station's charts look, and the roll-up they read.
public enum HistorySpan: String, CaseIterable, Hashable, Sendable {
    /// The last 24 hours, hour by hour.
    case day
    /// The last 7 days, hour by hour.
    case week
    /// The last 30 days, day by day.
    case month

    /// The roll-up the span's charts read.
    public var grain: RollupGrain { self == .month ? .day : .hour }

    /// How many periods of `grain` the span covers.
    public var periods: Int {
        switch self {
        case .day: 24
        case .week: 7 * 24
        case .month: 30
        }
    }

    public var label: LocalizedText {
        switch self {
        case .day: LocalizedText(zh: "24 小时", en: "24 h")
        case .week: LocalizedText(zh: "7 天", en: "7 d")
        case .month: LocalizedText(zh: "30 天", en: "30 d")
        }
    }

    /// The next span (`→`), or the previous one (`←`), wrapping.
    public func moved(by step: Int) -> HistorySpan {
        let all = Self.allCases
        let index = all.firstIndex(of: self)!
        return all[((index + step) % all.count + all.count) % all.count]
    }
}

extension Station {
    /// A stored value as shown and judged: particles in µg/m³ whatever unit the station sends.
    public func shownValue(_ value: Double, code: String) -> Double {
        code == AirPollutant.pm25.code || code == AirPollutant.pm10.code ? value * particleScale : value
    }
}

/// One station's history for its screen, read from the roll-ups (never the raw readings): each
/// code's valid (N-flagged) values per period over a span, its alarms, its refused frames and
/// the gaps the ingest service asked it back for.
public struct StationHistory: Hashable, Sendable {
    public let station: Station
    public let span: HistorySpan
    /// Start of each period the span covers, oldest first (the charts' x axis).
    public let starts: [Int64]
    /// Per code, the period's roll-up where it holds values, by period start.
    public let series: [String: [Int64: SeriesPoint]]
    /// The station's alarms, open and closed, newest first.
    public let alarms: [Alarm]
    /// Frames from the station refused in the last 24 hours.
    public let refusals: Int
    /// The station's latest history requests (gaps asked back), newest first.
    public let gapRequests: [HistoryRequest]
    /// All of the station's history requests, summed.
    public let gapTotals: HistoryRequestTotals
    /// When it was read (seconds since 1970).
    public let taken: Int64

    public init(station: Station, span: HistorySpan, starts: [Int64], series: [String: [Int64: SeriesPoint]],
                alarms: [Alarm], refusals: Int, gapRequests: [HistoryRequest] = [],
                gapTotals: HistoryRequestTotals = HistoryRequestTotals(), taken: Int64) {
        self.station = station
        self.span = span
        self.starts = starts
        self.series = series
        self.alarms = alarms
        self.refusals = refusals
        self.gapRequests = gapRequests
        self.gapTotals = gapTotals
        self.taken = taken
    }

    /// Reads `station`'s history over `span` ending now.
    public static func read(from store: any EcoWatchStore, station: Station, span: HistorySpan, now: Int64) throws -> StationHistory {
        let grain = span.grain
        var starts: [Int64] = []
        var start = grain.periodStart(now)
        for _ in 0..<span.periods {
            starts.append(start)
            start = grain.periodStart(start - 1)
        }
        starts.reverse()
        var series: [String: [Int64: SeriesPoint]] = [:]
        let points = try store.series(mn: station.mn, codes: station.codes, grain: grain, from: starts[0],
                                      to: grain.nextStart(after: starts.last!))
        for code in station.codes {
            series[code] = Dictionary((points[code] ?? []).map { ($0.start, $0) }, uniquingKeysWith: { a, _ in a })
        }
        let gaps = try store.historyRequests(mn: station.mn, limit: 20)
        return StationHistory(station: station, span: span, starts: starts, series: series,
                              alarms: try store.alarms(mn: station.mn, limit: 200),
                              refusals: try store.refusalCount(mn: station.mn, since: now - 86_400),
                              gapRequests: gaps.latest, gapTotals: gaps.totals, taken: now)
    }

    /// A code's mean per period, as shown (particles in µg/m³); nil where the period has no valid value.
    public func means(_ code: String) -> [Double?] {
        let points = series[code] ?? [:]
        return starts.map { start in points[start].map { station.shownValue($0.mean, code: code) } }
    }

    /// Air: the AQI of each period from its pollutants' means (hourly breakpoints for hours,
    /// 24-hour ones for days). Water and sea: the class of each period, as a rank (1 = class I).
    public func quality() -> [Double?] {
        let period: AveragingPeriod = span.grain == .hour ? .hourly : .daily
        return starts.indices.map { i in
            func value(_ code: String) -> Double? {
                series[code]?[starts[i]].map { station.shownValue($0.mean, code: code) }
            }
            switch station.kind {
            case .air:
                var concentrations: [AirPollutant: Double] = [:]
                for pollutant in AirPollutant.allCases { concentrations[pollutant] = value(pollutant.code) }
                guard let air = AirQuality(concentrations: concentrations, period: period) else { return nil }
                return if case .value(let n) = air.aqi { Double(n) } else { 501 }
            case .water:
                var values: [SurfaceWaterParameter: Double] = [:]
                for parameter in SurfaceWaterParameter.allCases {
                    if let code = parameter.code { values[parameter] = value(code) }
                }
                return SurfaceWaterQuality(values: values, in: station.isLake ? .lakeOrReservoir : .river)
                    .map { Double(WaterClass.allCases.firstIndex(of: $0.waterClass)! + 1) }
            case .sea:
                var values: [SeawaterParameter: Double] = [:]
                for parameter in SeawaterParameter.allCases { values[parameter] = value(parameter.code) }
                return SeawaterQuality(values: values).map { Double(SeaClass.allCases.firstIndex(of: $0.seaClass)! + 1) }
            }
        }
    }

    /// The line a code's chart draws as its limit: for air pollutants the concentration at
    /// IAQI 100, for water and sea parameters the limit of the station's target class.
    public func limit(_ code: String) -> Double? {
        let period: AveragingPeriod = span.grain == .hour ? .hourly : .daily
        if let pollutant = AirPollutant(code: code) { return pollutant.concentration(atIAQI: 100, period: period) }
        if let parameter = SurfaceWaterParameter(code: code), let target = station.targetClass.flatMap(WaterClass.init(text:)) {
            return parameter.limit(for: target, in: station.isLake ? .lakeOrReservoir : .river)
        }
        if let parameter = SeawaterParameter(code: code), let target = station.targetClass.flatMap(SeaClass.init(text:)) {
            return parameter.limit(for: target)
        }
        return nil
    }

    /// The quality chart's limit: AQI 100, or the target class's rank.
    public var qualityLimit: Double? {
        switch station.kind {
        case .air: 100
        case .water: station.targetClass.flatMap(WaterClass.init(text:)).map { Double(WaterClass.allCases.firstIndex(of: $0)! + 1) }
        case .sea: station.targetClass.flatMap(SeaClass.init(text:)).map { Double(SeaClass.allCases.firstIndex(of: $0)! + 1) }
        }
    }
}
