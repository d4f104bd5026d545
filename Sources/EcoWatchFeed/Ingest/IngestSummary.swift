import EcoWatchCore

/// What an ingest service did since it started: for its shutdown line and for tests.
public struct IngestSummary: Hashable, Sendable {
    /// Frames that stored or corrected a record.
    public var stored = 0
    /// Frames whose every record was stored before as sent (under any QN), acknowledged again.
    public var duplicates = 0
    /// Records replaced by a correction (same MN, CN, DataTime and code; another value or flag).
    public var corrected = 0
    /// Refused frames by reason.
    public var refused: [RefusalReason: Int] = [:]
    /// Records (readings) added.
    public var readings = 0
    /// Transactions committed (group commits).
    public var batches = 0
    /// Frames that could not be committed (storage fault): never acknowledged.
    public var failed = 0
    /// Connections accepted, and those closed at once (over a limit, or turned away).
    public var connections = 0
    public var rejectedConnections = 0
    /// Connections closed to make room for a new one (the service was full).
    public var evictedConnections = 0
    /// Peers disconnected for sending `badFrameLimit` bad frames in a row.
    public var heldOff = 0

    public init() {}

    public var refusedTotal: Int { refused.values.reduce(0, +) }

    /// One line: `12,034 frames stored (80,112 readings) in 61 transactions, 3 duplicates, 0 records corrected, 5 refused (crc 2, wrong-pw 3)`.
    public var line: String {
        var text = "\(stored) frames stored (\(readings) readings) in \(batches) transactions, "
            + "\(duplicates) duplicates, \(corrected) records corrected, \(refusedTotal) refused"
        if !refused.isEmpty {
            text += " (" + refused.sorted { $0.key < $1.key }.map { (reason, count) in "\(reason.rawValue) \(count)" }.joined(separator: ", ") + ")"
        }
        if failed > 0 { text += ", \(failed) not stored (storage fault, not acknowledged)" }
        text += "; \(connections) connections"
        if rejectedConnections > 0 { text += " (\(rejectedConnections) over a limit, closed)" }
        if evictedConnections > 0 { text += ", \(evictedConnections) closed for newer ones" }
        if heldOff > 0 { text += ", \(heldOff) peers disconnected for bad frames in a row" }
        return text
    }
}
