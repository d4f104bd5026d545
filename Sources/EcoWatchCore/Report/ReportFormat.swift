/// How `ecowatch report` prints.
public enum ReportFormat: String, CaseIterable, Sendable {
    /// Aligned columns for a terminal (Chinese counted as two columns).
    case table
    /// Stable JSON for scripts: sorted keys, ISO dates.
    case json
    /// RFC 4180 with a UTF-8 byte-order mark and CRLF, so spreadsheets read Chinese right.
    case csv
    /// A Markdown document that reads well printed.
    case md
}
