/// `ecowatch report series`: one station's code per period from the roll-ups (valid values only).
public struct SeriesReport: Sendable {
    public let station: Station
    public let code: String
    public let grain: RollupGrain
    public let points: [SeriesPoint]

    /// Reads the periods starting on `from` through the end of `to` (China days).
    public static func read(from store: any EcoWatchStore, station: Station, code: String, grain: RollupGrain,
                            from: Day, to: Day) throws -> SeriesReport {
        let start = Int64(from.ordinal) * 86_400 - RollupGrain.beijingOffset
        let end = Int64(to.ordinal + 1) * 86_400 - RollupGrain.beijingOffset
        return SeriesReport(station: station, code: code, grain: grain,
                            points: try store.series(mn: station.mn, code: code, grain: grain, from: start, to: end))
    }

    public init(station: Station, code: String, grain: RollupGrain, points: [SeriesPoint]) {
        self.station = station
        self.code = code
        self.grain = grain
        self.points = points
    }

    /// A period's start in China time, ISO 8601 (`2026-11-30T14:00:00+08:00`).
    public static func isoStart(_ seconds: Int64) -> String {
        let moment = formatMoment(seconds)   // `YYYY-MM-DD hh:mm`, China time
        return moment.prefix(10) + "T" + moment.suffix(5) + ":00+08:00"
    }

    private func shown(_ value: Double) -> Double { station.shownValue(value, code: code) }

    public var table: TextTable {
        TextTable(columns: [.init("start"), .init("count", .right), .init("mean", .right), .init("min", .right), .init("max", .right)],
                  rows: points.map { [Self.isoStart($0.start), String($0.count), formatNumber(shown($0.mean), decimals: 3),
                                      formatNumber(shown($0.low), decimals: 3), formatNumber(shown($0.high), decimals: 3)] })
    }

    public var json: JSONValue {
        .object(["station": .string(station.mn), "code": .string(code), "unit": .string(MonitoringCode(code).unit),
                 "grain": .string(grain.rawValue),
                 "periods": .array(points.map {
                     .object(["start": .string(Self.isoStart($0.start)), "count": .integer($0.count), "mean": .number(shown($0.mean)),
                              "min": .number(shown($0.low)), "max": .number(shown($0.high))])
                 })])
    }
}
