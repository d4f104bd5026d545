/// How an indicator stands against its target as of a day.
public enum TargetStatus: String, CaseIterable, Sendable, Codable {
    case met
    /// Not met yet, and the deadline is still ahead.
    case atRisk = "at-risk"
    /// Not met, and the deadline has passed (or the target is to be kept at all times).
    case missed
    /// Not measured here (marine indicators in an inland district).
    case notApplicable = "not-applicable"
    /// No observation yet as of the day.
    case noData = "no-data"
}

extension TargetStatus {
    /// The status as a reader sees it.
    public var name: LocalizedText {
        switch self {
        case .met: LocalizedText(zh: "达标", en: "met")
        case .atRisk: LocalizedText(zh: "有风险", en: "at risk")
        case .missed: LocalizedText(zh: "未达标", en: "missed")
        case .notApplicable: LocalizedText(zh: "不适用", en: "not applicable")
        case .noData: LocalizedText(zh: "无数据", en: "no data")
        }
    }

    /// The glyph that carries the status without colour: ✓ met, ▲ at risk, ✕ missed, — not applicable.
    public var glyph: String {
        switch self {
        case .met: "✓"
        case .atRisk: "▲"
        case .missed: "✕"
        case .notApplicable, .noData: "—"
        }
    }
}
