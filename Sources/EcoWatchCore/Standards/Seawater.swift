import Foundation

/// A seawater quality class of GB 3097-1997; class 1 is the best.
public enum SeaClass: String, CaseIterable, Sendable, Codable, Comparable {
    case one = "1"
    case two = "2"
    case three = "3"
    case four = "4"
    /// 劣四类: worse than class 4.
    case worseThanFour = "worse-than-4"

    /// Reads a class as stations and users write it: `2`, `二`, `二类`, `第二类`, `class 2`,
    /// `劣四类`, `worse-than-4`. Nil for anything else.
    public init?(text: String) {
        var t = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if t.hasPrefix("class ") { t = t.dropFirst(6).trimmingCharacters(in: .whitespaces) }
        if t.hasPrefix("第") { t = String(t.dropFirst()) }
        if t.hasSuffix("类") { t = String(t.dropLast()) }
        switch t {
        case "1", "一": self = .one
        case "2", "二": self = .two
        case "3", "三": self = .three
        case "4", "四": self = .four
        case "劣四", "劣4", "worse-than-4", "worse than 4": self = .worseThanFour
        default: return nil
        }
    }

    public var name: LocalizedText {
        switch self {
        case .one: LocalizedText(zh: "一类", en: "Class 1")
        case .two: LocalizedText(zh: "二类", en: "Class 2")
        case .three: LocalizedText(zh: "三类", en: "Class 3")
        case .four: LocalizedText(zh: "四类", en: "Class 4")
        case .worseThanFour: LocalizedText(zh: "劣四类", en: "Worse than 4")
        }
    }

    /// Classes 1 and 2: "good" near-shore water.
    public var isGood: Bool { self <= .two }

    public static func < (a: SeaClass, b: SeaClass) -> Bool { a.rank < b.rank }

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}

/// The GB 3097-1997 items the console classes seawater by.
///
/// Only inorganic nitrogen and active phosphate: they are what Ningbo's near-shore water
/// exceeds. Dissolved oxygen and the standard's other items are not classed.
public enum SeawaterParameter: String, CaseIterable, Sendable, Codable {
    /// Dissolved inorganic nitrogen (EcoWatch's code `w21017`).
    case inorganicNitrogen = "w21017"
    /// Active phosphate (EcoWatch's code `w21018`).
    case activePhosphate = "w21018"

    /// The parameter a code names, nil for any other code.
    public init?(code: String) { self.init(rawValue: code) }

    public var code: String { rawValue }

    public var name: LocalizedText {
        switch self {
        case .inorganicNitrogen: LocalizedText(zh: "无机氮", en: "Inorganic nitrogen")
        case .activePhosphate: LocalizedText(zh: "活性磷酸盐", en: "Active phosphate")
        }
    }

    public var unit: String { "mg/L" }

    /// The upper limit of `seaClass`, nil for `.worseThanFour`, which has none.
    public func limit(for seaClass: SeaClass) -> Double? {
        guard let index = SeaClass.allCases.firstIndex(of: seaClass) else { return nil }
        return index < limits.count ? limits[index] : nil
    }

    /// The class of one measured value: the best class whose limit it does not exceed (so
    /// phosphate at 0.030, the limit of both classes 2 and 3, is class 2). Nil for a negative,
    /// NaN or infinite value.
    public func seaClass(of value: Double) -> SeaClass? {
        guard value.isFinite, value >= 0 else { return nil }
        let index = limits.firstIndex { value <= $0 }
        return index.map { SeaClass.allCases[$0] } ?? .worseThanFour
    }

    /// Limits of classes 1–4 (GB 3097-1997 table 1), in mg/L.
    private var limits: [Double] {
        switch self {
        case .inorganicNitrogen: [0.20, 0.30, 0.40, 0.50]
        case .activePhosphate: [0.015, 0.030, 0.030, 0.045]
        }
    }
}

/// The GB 3097-1997 class of a seawater sample: its worst single parameter.
public struct SeawaterQuality: Hashable, Sendable {
    public let seaClass: SeaClass
    /// Each parameter's class; parameters without a usable value are absent.
    public let parameterClasses: [SeawaterParameter: SeaClass]
    /// The parameters that set the class (all tied at the worst), in `allCases` order.
    public let limitingParameters: [SeawaterParameter]

    /// Classes `values` (mg/L); nil when none is usable (all missing, negative, NaN or
    /// infinite).
    public init?(values: [SeawaterParameter: Double]) {
        var classes: [SeawaterParameter: SeaClass] = [:]
        for (parameter, value) in values {
            classes[parameter] = parameter.seaClass(of: value)
        }
        guard let worst = classes.values.max() else { return nil }
        seaClass = worst
        parameterClasses = classes
        limitingParameters = SeawaterParameter.allCases.filter { classes[$0] == worst }
    }
}
