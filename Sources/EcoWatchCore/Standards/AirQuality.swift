/// The edition of the technical regulation on the ambient air quality index in force.
///
/// The programme's years (2021–2022) are judged by HJ 633-2012. HJ 633 was revised in 2026 with
/// new particle breakpoints; that edition would join as a case here with its own table.
public enum AQIStandard: String, CaseIterable, Sendable {
    case hj633_2012 = "HJ 633-2012"
}

/// Which concentrations an index is computed from; it decides the breakpoint columns.
public enum AveragingPeriod: String, CaseIterable, Sendable {
    /// Hourly and real-time values (the live feed): SO2, NO2, CO and O3 use their 1-hour
    /// columns, PM2.5 and PM10 their 24-hour columns, as China's real-time publication does.
    case hourly
    /// Daily values: every pollutant its 24-hour column, O3 its 8-hour column.
    case daily
}

/// The six pollutants of the air quality index, keyed by their HJ 212-2017 codes.
public enum AirPollutant: String, CaseIterable, Sendable, Codable {
    case pm25 = "a34004"
    case pm10 = "a34002"
    case so2 = "a21026"
    case no2 = "a21004"
    case co = "a21005"
    case o3 = "a05024"

    /// The pollutant an HJ 212 code names, nil for any other code.
    public init?(code: String) { self.init(rawValue: code) }

    /// HJ 212-2017 code (`a34004`).
    public var code: String { rawValue }

    /// The usual short name: `PM2.5`, `PM10`, `SO2`, `NO2`, `CO`, `O3`.
    public var symbol: String {
        switch self {
        case .pm25: "PM2.5"
        case .pm10: "PM10"
        case .so2: "SO2"
        case .no2: "NO2"
        case .co: "CO"
        case .o3: "O3"
        }
    }

    public var name: LocalizedText {
        switch self {
        case .pm25: LocalizedText(zh: "细颗粒物", en: "Fine particulate matter")
        case .pm10: LocalizedText(zh: "可吸入颗粒物", en: "Inhalable particulate matter")
        case .so2: LocalizedText(zh: "二氧化硫", en: "Sulphur dioxide")
        case .no2: LocalizedText(zh: "二氧化氮", en: "Nitrogen dioxide")
        case .co: LocalizedText(zh: "一氧化碳", en: "Carbon monoxide")
        case .o3: LocalizedText(zh: "臭氧", en: "Ozone")
        }
    }

    /// The unit the breakpoints are in: mg/m³ for CO, µg/m³ for the rest.
    public var unit: String { self == .co ? "mg/m³" : "µg/m³" }

    /// The concentration at which the individual index reaches `level` (100: the line above
    /// which a day is no longer "good"), for drawing limits on charts.
    public func concentration(atIAQI level: Int = 100, period: AveragingPeriod,
                              standard: AQIStandard = .hj633_2012) -> Double? {
        let breakpoints = standard.breakpoints(for: self, period: period)
        guard let index = standard.iaqiLevels.firstIndex(of: level), index < breakpoints.count else { return nil }
        return breakpoints[index]
    }

    /// Individual air quality index (IAQI) of one concentration in `unit`.
    ///
    /// Linear interpolation between the breakpoints on the concentration as measured, rounded
    /// up to a whole number (computed to a millionth first, so that binary fractions do not push
    /// an exact result up: 2.2 mg/m³ of CO a day is 55, not 56). Above the top breakpoint the
    /// result is `.beyond500`. Negative or NaN concentrations have no IAQI (nil).
    ///
    /// Where a column stops, HJ 633 switches column: an hourly SO2 value above 800 µg/m³ is read
    /// against the 24-hour breakpoints (the standard reports the 24-hour IAQI then; with only the
    /// hourly value at hand we use that value), and a daily O3 8-hour value above 800 µg/m³
    /// against the 1-hour breakpoints. Both columns give IAQI 200 (SO2) and 300 (O3) at 800, so
    /// the index stays continuous.
    public func iaqi(concentration: Double, period: AveragingPeriod,
                     standard: AQIStandard = .hj633_2012) -> AQIValue? {
        guard !concentration.isNaN, concentration >= 0 else { return nil }
        let breakpoints = standard.breakpoints(for: self, period: period)
        let levels = standard.iaqiLevels
        guard let top = breakpoints.last, concentration <= top else { return .beyond500 }
        var upper = 1
        while upper < breakpoints.count - 1, concentration > breakpoints[upper] { upper += 1 }
        let (cLow, cHigh) = (breakpoints[upper - 1], breakpoints[upper])
        let (iLow, iHigh) = (Double(levels[upper - 1]), Double(levels[upper]))
        let exact = (iHigh - iLow) * (concentration - cLow) / (cHigh - cLow) + iLow
        let toMillionth = (exact * 1_000_000).rounded() / 1_000_000
        return .value(Int(toMillionth.rounded(.up)))
    }
}

extension AQIStandard {
    /// The index levels every breakpoint column is tied to.
    var iaqiLevels: [Int] { [0, 50, 100, 150, 200, 300, 400, 500] }

    /// Concentrations at `iaqiLevels` for a pollutant and period, with HJ 633's column switches
    /// (SO2 1-hour → 24-hour above 800, O3 8-hour → 1-hour above 800) already spliced in.
    func breakpoints(for pollutant: AirPollutant, period: AveragingPeriod) -> [Double] {
        switch self {
        case .hj633_2012:
            switch (pollutant, period) {
            case (.pm25, _): [0, 35, 75, 115, 150, 250, 350, 500]
            case (.pm10, _): [0, 50, 150, 250, 350, 420, 500, 600]
            case (.so2, .daily): [0, 50, 150, 475, 800, 1600, 2100, 2620]
            case (.so2, .hourly): [0, 150, 500, 650, 800, 1600, 2100, 2620]
            case (.no2, .daily): [0, 40, 80, 180, 280, 565, 750, 940]
            case (.no2, .hourly): [0, 100, 200, 700, 1200, 2340, 3090, 3840]
            case (.co, .daily): [0, 2, 4, 14, 24, 36, 48, 60]
            case (.co, .hourly): [0, 5, 10, 35, 60, 90, 120, 150]
            case (.o3, .daily): [0, 100, 160, 215, 265, 800, 1000, 1200]
            case (.o3, .hourly): [0, 160, 200, 300, 400, 800, 1000, 1200]
            }
        }
    }
}

/// An air quality index or individual index: a whole number up to 500, or beyond the table.
public enum AQIValue: Hashable, Sendable, Comparable, CustomStringConvertible {
    case value(Int)
    /// Above the top breakpoint; reported as "beyond 500", never as an error.
    case beyond500

    /// `132`, or `>500`.
    public var description: String {
        switch self {
        case .value(let number): String(number)
        case .beyond500: ">500"
        }
    }

    public var category: AQICategory { AQICategory(self) }

    public static func < (a: AQIValue, b: AQIValue) -> Bool {
        switch (a, b) {
        case let (.value(x), .value(y)): x < y
        case (.value, .beyond500): true
        case (.beyond500, _): false
        }
    }
}

/// The six AQI categories of HJ 633, with their official colours.
public enum AQICategory: String, CaseIterable, Sendable, Codable, Comparable {
    /// 0–50, 优.
    case excellent
    /// 51–100, 良.
    case good
    /// 101–150, 轻度污染.
    case light
    /// 151–200, 中度污染.
    case moderate
    /// 201–300, 重度污染.
    case heavy
    /// Above 300, 严重污染.
    case severe

    public init(_ aqi: AQIValue) {
        switch aqi {
        case .beyond500: self = .severe
        case .value(let number):
            switch number {
            case ...50: self = .excellent
            case ...100: self = .good
            case ...150: self = .light
            case ...200: self = .moderate
            case ...300: self = .heavy
            default: self = .severe
            }
        }
    }

    public var name: LocalizedText {
        switch self {
        case .excellent: LocalizedText(zh: "优", en: "Excellent")
        case .good: LocalizedText(zh: "良", en: "Good")
        case .light: LocalizedText(zh: "轻度污染", en: "Lightly polluted")
        case .moderate: LocalizedText(zh: "中度污染", en: "Moderately polluted")
        case .heavy: LocalizedText(zh: "重度污染", en: "Heavily polluted")
        case .severe: LocalizedText(zh: "严重污染", en: "Severely polluted")
        }
    }

    /// The official colour, `#RRGGBB`.
    public var colorHex: String {
        switch self {
        case .excellent: "#00E400"
        case .good: "#FFFF00"
        case .light: "#FF7E00"
        case .moderate: "#FF0000"
        case .heavy: "#99004C"
        case .severe: "#7E0023"
        }
    }

    /// AQI ≤ 100: the day counts as one with good air quality (优良天).
    public var isGood: Bool { self <= .good }

    public static func < (a: AQICategory, b: AQICategory) -> Bool { a.rank < b.rank }

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}

/// The air quality index of a set of concentrations (HJ 633).
public struct AirQuality: Hashable, Sendable {
    /// The largest individual index.
    public let aqi: AQIValue
    /// Each pollutant's individual index; pollutants without a usable value are absent.
    public let iaqi: [AirPollutant: AQIValue]
    /// When AQI > 50, every pollutant whose IAQI equals the AQI (in `AirPollutant.allCases`
    /// order); empty otherwise.
    public let primaryPollutants: [AirPollutant]

    /// Indexes `concentrations` (each in its pollutant's `unit`); nil when none of them has an
    /// IAQI (all missing, negative or NaN).
    public init?(concentrations: [AirPollutant: Double], period: AveragingPeriod,
                 standard: AQIStandard = .hj633_2012) {
        var iaqi: [AirPollutant: AQIValue] = [:]
        for (pollutant, concentration) in concentrations {
            iaqi[pollutant] = pollutant.iaqi(concentration: concentration, period: period,
                                             standard: standard)
        }
        guard let aqi = iaqi.values.max() else { return nil }
        self.aqi = aqi
        self.iaqi = iaqi
        self.primaryPollutants = aqi > .value(50)
            ? AirPollutant.allCases.filter { iaqi[$0] == aqi }
            : []
    }

    public var category: AQICategory { aqi.category }
}
