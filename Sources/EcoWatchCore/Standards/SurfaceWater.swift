import Foundation

/// A surface-water quality class of GB 3838-2002; class I is the best.
public enum WaterClass: String, CaseIterable, Sendable, Codable, Comparable {
    case I, II, III, IV, V
    /// 劣V: worse than class V.
    case worseThanV = "worse-than-V"

    /// Reads a class as stations and users write it: `III`, `iii`, `Ⅲ`, `III类`, `class III`,
    /// `劣V`, `劣Ⅴ类`, `worse-than-V`. Nil for anything else.
    public init?(text: String) {
        var t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if t.lowercased().hasPrefix("class ") {
            t = t.dropFirst(6).trimmingCharacters(in: .whitespaces)
        }
        if t.hasSuffix("类") { t = String(t.dropLast()) }
        let roman: [Character: String] = ["Ⅰ": "I", "Ⅱ": "II", "Ⅲ": "III", "Ⅳ": "IV", "Ⅴ": "V"]
        t = String(t.flatMap { roman[$0] ?? String($0) }).uppercased()
        switch t {
        case "I": self = .I
        case "II": self = .II
        case "III": self = .III
        case "IV": self = .IV
        case "V": self = .V
        case "劣V", "WORSE-THAN-V", "WORSE THAN V": self = .worseThanV
        default: return nil
        }
    }

    /// As GB 3838 writes it in Chinese (Ⅲ类, 劣Ⅴ类, with Roman-numeral characters) and English.
    public var name: LocalizedText {
        switch self {
        case .I: LocalizedText(zh: "Ⅰ类", en: "Class I")
        case .II: LocalizedText(zh: "Ⅱ类", en: "Class II")
        case .III: LocalizedText(zh: "Ⅲ类", en: "Class III")
        case .IV: LocalizedText(zh: "Ⅳ类", en: "Class IV")
        case .V: LocalizedText(zh: "Ⅴ类", en: "Class V")
        case .worseThanV: LocalizedText(zh: "劣Ⅴ类", en: "Worse than V")
        }
    }

    /// Classes I–III: "good quality" (水质优良).
    public var isGood: Bool { self <= .III }

    public static func < (a: WaterClass, b: WaterClass) -> Bool { a.rank < b.rank }

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}

/// Rivers and lakes or reservoirs differ in their total-phosphorus limits.
public enum WaterBody: String, CaseIterable, Sendable, Codable {
    case river
    case lakeOrReservoir = "lake"
}

/// The GB 3838-2002 items the console classes sections by.
///
/// Total nitrogen (w21001) takes no part: it does not count for rivers, and the programme's
/// sections are classed without it.
public enum SurfaceWaterParameter: String, CaseIterable, Sendable, Codable {
    case dissolvedOxygen = "DO"
    case permanganateIndex = "CODMn"
    case cod = "COD"
    case bod5 = "BOD5"
    case ammoniaNitrogen = "NH3-N"
    case totalPhosphorus = "TP"

    /// The parameter an HJ 212 code names, nil for any other code (including TN, w21001).
    public init?(code: String) {
        guard let match = Self.allCases.first(where: { $0.code == code }) else { return nil }
        self = match
    }

    /// HJ 212-2017 code; nil for BOD5, which the feed does not carry.
    public var code: String? {
        switch self {
        case .dissolvedOxygen: "w01009"
        case .permanganateIndex: "w01019"
        case .cod: "w01018"
        case .bod5: nil
        case .ammoniaNitrogen: "w21003"
        case .totalPhosphorus: "w21011"
        }
    }

    /// The usual short name, which is also the raw value: `DO`, `CODMn`, `NH3-N`, …
    public var symbol: String { rawValue }

    public var name: LocalizedText {
        switch self {
        case .dissolvedOxygen: LocalizedText(zh: "溶解氧", en: "Dissolved oxygen")
        case .permanganateIndex: LocalizedText(zh: "高锰酸盐指数", en: "Permanganate index")
        case .cod: LocalizedText(zh: "化学需氧量", en: "Chemical oxygen demand")
        case .bod5: LocalizedText(zh: "五日生化需氧量", en: "Five-day biochemical oxygen demand")
        case .ammoniaNitrogen: LocalizedText(zh: "氨氮", en: "Ammonia nitrogen")
        case .totalPhosphorus: LocalizedText(zh: "总磷", en: "Total phosphorus")
        }
    }

    public var unit: String { "mg/L" }

    /// Dissolved oxygen is a lower bound (a class needs at least its limit); the rest are
    /// upper bounds.
    public var isLowerBound: Bool { self == .dissolvedOxygen }

    /// The limit of `waterClass`, nil for `.worseThanV`, which has none.
    public func limit(for waterClass: WaterClass, in body: WaterBody) -> Double? {
        guard let index = WaterClass.allCases.firstIndex(of: waterClass) else { return nil }
        let limits = self.limits(in: body)
        return index < limits.count ? limits[index] : nil
    }

    /// The class of one measured value: the best class whose limit it meets, a value equal to
    /// the limit included. Nil for a negative, NaN or infinite value.
    public func waterClass(of value: Double, in body: WaterBody) -> WaterClass? {
        guard value.isFinite, value >= 0 else { return nil }
        let limits = self.limits(in: body)
        let index = limits.firstIndex { isLowerBound ? value >= $0 : value <= $0 }
        return index.map { WaterClass.allCases[$0] } ?? .worseThanV
    }

    /// Limits of classes I–V (GB 3838-2002 table 1), in mg/L.
    private func limits(in body: WaterBody) -> [Double] {
        switch self {
        case .dissolvedOxygen: [7.5, 6, 5, 3, 2]
        case .permanganateIndex: [2, 4, 6, 10, 15]
        case .cod: [15, 15, 20, 30, 40]
        case .bod5: [3, 3, 4, 6, 10]
        case .ammoniaNitrogen: [0.15, 0.5, 1.0, 1.5, 2.0]
        case .totalPhosphorus:
            body == .river ? [0.02, 0.1, 0.2, 0.3, 0.4] : [0.01, 0.025, 0.05, 0.1, 0.2]
        }
    }
}

/// The GB 3838-2002 class of a monitoring section: its worst single parameter.
public struct SurfaceWaterQuality: Hashable, Sendable {
    public let waterClass: WaterClass
    /// Each parameter's class; parameters without a usable value are absent.
    public let parameterClasses: [SurfaceWaterParameter: WaterClass]
    /// The parameters that set the class (all tied at the worst), in `allCases` order.
    public let limitingParameters: [SurfaceWaterParameter]

    /// Classes `values` (mg/L); nil when none is usable (all missing, negative, NaN or
    /// infinite).
    public init?(values: [SurfaceWaterParameter: Double], in body: WaterBody) {
        var classes: [SurfaceWaterParameter: WaterClass] = [:]
        for (parameter, value) in values {
            classes[parameter] = parameter.waterClass(of: value, in: body)
        }
        guard let worst = classes.values.max() else { return nil }
        waterClass = worst
        parameterClasses = classes
        limitingParameters = SurfaceWaterParameter.allCases.filter { classes[$0] == worst }
    }
}
