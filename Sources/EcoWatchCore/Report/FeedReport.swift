/// What `report feed` shows: the totals since the database was made, the refusal counters of
/// the last day by reason and station, and the latest bad frames per peer.
public struct FeedReport: Hashable, Sendable {
    public let counts: FeedCounts
    /// Refusals since `since`, per reason and claimed MN, most frequent first.
    public let refusals: [RefusalCount]
    public let since: Int64
    public let badFrames: [BadFrameSample]

    /// Refusal counters shown: the most frequent this many.
    public static let refusalRows = 50
    /// The window of the refusal counters shown.
    public static let refusalWindow: Int64 = 86_400

    public init(counts: FeedCounts, refusals: [RefusalCount], since: Int64, badFrames: [BadFrameSample]) {
        self.counts = counts
        self.refusals = refusals
        self.since = since
        self.badFrames = badFrames
    }

    /// Reads the report from `store` as of `now` (seconds since 1970).
    public static func read(from store: any EcoWatchStore, now: Int64) throws -> FeedReport {
        let since = now - refusalWindow
        return FeedReport(counts: try store.feedCounts(), refusals: try store.refusals(since: since, limit: refusalRows),
                          since: since, badFrames: try store.badFrameSamples())
    }

    /// `{accepted, duplicates, corrected, refused: {reason: count}, refusalsSince,
    /// recentRefusals: [{reason, mn, count, lastMinute}], badFrames: [{time, peer, reason, mn, frame}]}`.
    public var json: JSONValue {
        var fields: [String: JSONValue] = [:]
        if case .object(let totals) = LiveReports.feedJSON(counts) { fields = totals }
        fields["refusalsSince"] = .string(LiveReports.iso8601(since))
        fields["recentRefusals"] = .array(refusals.map { r in
            .object(["reason": .string(r.reason.rawValue), "mn": .optional(r.mn), "count": .integer(r.count),
                     "lastMinute": .string(LiveReports.iso8601(r.minute))])
        })
        fields["badFrames"] = .array(badFrames.map { b in
            .object(["time": .string(LiveReports.iso8601(b.time)), "peer": .string(b.peer), "reason": .string(b.reason.rawValue),
                     "mn": .optional(b.mn), "frame": .string(b.excerpt)])
        })
        return .object(fields)
    }

    /// The totals, then the last day's refusals by reason and station, then the bad frames.
    public func tables(language l: Language) -> [TextTable] {
        let recent = TextTable(
            columns: [.init(Strings.refusalsRecent[l]), .init(Strings.columnMN[l]), .init(Strings.columnCount[l], .right),
                      .init(Strings.columnLastMinute[l])],
            rows: refusals.map { r in
                [Strings.refusalReason(r.reason)[l], r.mn.map { $0 == RefusalCount.otherMNs ? Strings.otherMNs[l] : $0 } ?? "—",
                 String(r.count), LiveReports.iso8601(r.minute)]
            })
        let samples = TextTable(
            columns: [.init(Strings.badFramesLatest[l]), .init(Strings.columnPeer[l]), .init(Strings.columnReason[l]),
                      .init(Strings.columnMN[l]), .init(Strings.columnFrameStart[l])],
            rows: badFrames.map { b in
                [LiveReports.iso8601(b.time), b.peer, Strings.refusalReason(b.reason)[l], b.mn ?? "—", b.excerpt]
            })
        return [LiveReports.feedTable(counts, language: l), recent, samples]
    }
}
