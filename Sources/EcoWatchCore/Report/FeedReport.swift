/// What `report feed` shows: the totals since the database was made, the refusal counters of
/// the last day by reason and station, the latest bad frames per peer, and the history
/// requests sent to stations for their gaps.
public struct FeedReport: Hashable, Sendable {
    public let counts: FeedCounts
    /// Refusals since `since`, per reason and claimed MN, most frequent first.
    public let refusals: [RefusalCount]
    public let since: Int64
    public let badFrames: [BadFrameSample]
    /// The latest `historyRows` requests, and the totals of all.
    public let historyRequests: [HistoryRequest]
    public let historyTotals: HistoryRequestTotals

    /// Refusal counters shown: the most frequent this many.
    public static let refusalRows = 50
    /// The window of the refusal counters shown.
    public static let refusalWindow: Int64 = 86_400
    /// History requests shown: the latest this many.
    public static let historyRows = 20
    /// The width the table format fits (`report feed`, read in a terminal).
    public static let tableWidth = 80

    public init(counts: FeedCounts, refusals: [RefusalCount], since: Int64, badFrames: [BadFrameSample],
                historyRequests: [HistoryRequest] = [], historyTotals: HistoryRequestTotals = HistoryRequestTotals()) {
        self.counts = counts
        self.refusals = refusals
        self.since = since
        self.badFrames = badFrames
        self.historyRequests = historyRequests
        self.historyTotals = historyTotals
    }

    /// Reads the report from `store` as of `now` (seconds since 1970).
    public static func read(from store: any EcoWatchStore, now: Int64) throws -> FeedReport {
        let since = now - refusalWindow
        let history = try store.historyRequests(limit: historyRows)
        return FeedReport(counts: try store.feedCounts(), refusals: try store.refusals(since: since, limit: refusalRows),
                          since: since, badFrames: try store.badFrameSamples(),
                          historyRequests: history.latest, historyTotals: history.totals)
    }

    /// `{accepted, duplicates, corrected, refused: {reason: count}, refusalsSince,
    /// recentRefusals: [{reason, mn, count, lastMinute}], badFrames: [{time, peer, reason, mn, frame}],
    /// historyRequests: {requests, attempts, done, failed, records, latest: [{mn, cn, begin, end,
    /// qn, sent, attempts, state, finished, records}]}}`.
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
        let t = historyTotals
        fields["historyRequests"] = .object([
            "requests": .integer(t.requests), "attempts": .integer(t.attempts), "done": .integer(t.done),
            "failed": .integer(t.failed), "records": .integer(t.records),
            "latest": .array(historyRequests.map { r in
                .object(["mn": .string(r.mn), "cn": .integer(r.cn.rawValue), "begin": .string(LiveReports.iso8601(r.begin)),
                         "end": .string(LiveReports.iso8601(r.end)), "qn": .string(r.qn), "sent": .string(LiveReports.iso8601(r.sent)),
                         "attempts": .integer(r.attempts), "state": .string(r.state.rawValue),
                         "finished": .optional(r.finished.map(LiveReports.iso8601)), "records": .integer(r.records)])
            }),
        ])
        return .object(fields)
    }

    /// The totals, then the last day's refusals by reason and station, then the bad frames, then
    /// the history requests (totals, then the latest).
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
        let t = historyTotals
        let totals = TextTable(
            columns: [.init(Strings.historyRequests[l]), .init(Strings.columnCount[l], .right)],
            rows: [[Strings.historySent[l], String(t.requests)], [Strings.historyAttempts[l], String(t.attempts)],
                   [Strings.historyDone[l], String(t.done)], [Strings.historyFailed[l], String(t.failed)],
                   [Strings.historyRecords[l], String(t.records)]])
        // Fits 80 columns: the span in Beijing time as the station screen shows it (the JSON
        // has every time in ISO 8601, and when each request was sent).
        let latest = TextTable(
            columns: [.init(Strings.historyLatest[l]), .init("CN"), .init(Strings.historySpanBeijing[l]),
                      .init(Strings.historyState[l]), .init(Strings.historyTries[l], .right), .init(Strings.historyRecovered[l], .right)],
            rows: historyRequests.map { r in
                [r.mn, String(r.cn.rawValue), Strings.requestSpan(begin: r.begin, end: r.end), Strings.historyState(r.state)[l],
                 String(r.attempts), String(r.records)]
            })
        return [LiveReports.feedTable(counts, language: l), recent, samples, totals, latest]
    }

    /// The table format: `tables` aligned, a blank line apart, every line at most `width`
    /// columns. The latest bad frames give their time in Beijing time as the console does, and
    /// each frame's start on its own line under its row, cut with `…` to the width (CSV,
    /// Markdown and JSON keep every field whole).
    public func aligned(language l: Language, width: Int = tableWidth) -> String {
        var parts = tables(language: l).map(\.aligned)
        let samples = TextTable(
            columns: [.init(Strings.badFramesLatest[l]), .init(Strings.columnPeer[l]), .init(Strings.columnReason[l]),
                      .init(Strings.columnMN[l])],
            rows: badFrames.map { b in
                [String(formatMoment(b.time).dropFirst(5)), b.peer, Strings.refusalReason(b.reason)[l], b.mn ?? "—"]
            })
        var lines = samples.aligned.split(separator: "\n").map(String.init)
        for (index, sample) in badFrames.enumerated().reversed() {
            lines.insert("  " + truncated(sample.excerpt, toWidth: width - 2), at: index + 3)
        }
        parts[2] = lines.joined(separator: "\n") + "\n"
        return parts.joined(separator: "\n")
    }
}
