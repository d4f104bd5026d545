/// How an indicator stands against its target as of a day (DOMAIN.md, "How an indicator is
/// judged"). Its glyph and name are its `mark`'s.
public enum TargetStatus: String, CaseIterable, Sendable, Codable {
    /// Reached by the deadline (judged on the period that ends at it), or kept in the closed year.
    case met
    /// Not reached at the deadline, reached since.
    case metLate = "met-late"
    /// Before the deadline (or a provisional year to date): reached, or not far behind.
    case onTrack = "on-track"
    /// Before the deadline and behind; or a provisional year to date short of the target.
    case atRisk = "at-risk"
    /// The deadline has passed (or the year has closed) and the target is not reached.
    case missed
    /// Does not apply here (marine indicators in an inland district).
    case notApplicable = "not-applicable"
    /// Not broken down by district: a city figure, or a district's contribution to a city total.
    case notByDistrict = "not-by-district"
    /// No observation yet as of the day.
    case noData = "no-data"

    /// Whether the target is reached (on time or late).
    public var isReached: Bool { self == .met || self == .metLate }
}

extension TargetStatus {
    /// Missed or at risk: what a reader must not overlook.
    public var isShortfall: Bool { self == .missed || self == .atRisk }
}
