/// A code a station reports, as every screen and report names it: its symbol, its name in
/// both languages and its unit. The one place a raw HJ 212 code becomes words.
public struct MonitoringCode: Hashable, Sendable {
    /// The standard code (`a34004`, `w21003`).
    public let code: String
    /// The short symbol (`PM2.5`, `NH3-N`, `pH`); the code itself for a code nobody named.
    public let symbol: String
    public let name: LocalizedText
    /// The unit values are shown in (`µg/m³`, `mg/L`); empty for pH.
    public let unit: String

    /// The code's description; an unknown code is named by itself, with no unit.
    public init(_ code: String) {
        self.code = code
        if let pollutant = AirPollutant(code: code) {
            (symbol, name, unit) = (pollutant.symbol, pollutant.name, pollutant.unit)
        } else if let parameter = SurfaceWaterParameter(code: code) {
            (symbol, name, unit) = (parameter.symbol, parameter.name, parameter.unit)
        } else if let parameter = SeawaterParameter(code: code) {
            (symbol, name, unit) = (parameter == .inorganicNitrogen ? "DIN" : "PO4-P", parameter.name, parameter.unit)
        } else if let other = Self.others[code] {
            (symbol, name, unit) = other
        } else {
            (symbol, name, unit) = (code, LocalizedText(zh: code, en: code), "")
        }
    }

    /// Codes outside the standards' tables that stations report beside them.
    private static let others: [String: (String, LocalizedText, String)] = [
        "a01001": ("T", LocalizedText(zh: "气温", en: "Air temperature"), "°C"),
        "a01002": ("RH", LocalizedText(zh: "相对湿度", en: "Relative humidity"), "%"),
        "a01007": ("WS", LocalizedText(zh: "风速", en: "Wind speed"), "m/s"),
        "a01008": ("WD", LocalizedText(zh: "风向", en: "Wind direction"), "°"),
        "w21001": ("TN", LocalizedText(zh: "总氮", en: "Total nitrogen"), "mg/L"),
        "w01001": ("pH", LocalizedText(zh: "pH 值", en: "pH"), ""),
    ]

    /// The value and unit as shown: `35.2 µg/m³`, `7.41`.
    public func format(_ value: Double, decimals: Int = 2) -> String {
        formatNumber(value, decimals: decimals) + (unit.isEmpty ? "" : " " + unit)
    }
}
