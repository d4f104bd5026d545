/// A frame's data as the ingest service hands it to the store.
public struct IngestFrame: Hashable, Sendable {
    public let mn: String
    /// HJ 212 QN (`YYYYMMDDhhmmsszzz`): which request or upload this is, not which record —
    /// the answer to a history request carries one QN on many frames. Kept in the frame log.
    public let qn: String
    /// HJ 212 CN: 2011, 2051, 2061 or 2031.
    public let dataType: DataCommand
    public let readings: [Reading]

    public init(mn: String, qn: String, dataType: DataCommand, readings: [Reading]) {
        self.mn = mn
        self.qn = qn
        self.dataType = dataType
        self.readings = readings
    }
}

/// What became of a frame handed to `EcoWatchStore.ingest`. A record is identified by MN, CN,
/// DataTime and pollutant code, whatever the QN it came under.
public enum IngestOutcome: Hashable, Sendable {
    /// Committed now: `added` records new, `corrected` replacing a stored record of the same
    /// identity with a different value or flag (the roll-ups follow).
    case stored(added: Int, corrected: Int)
    /// Every record already stored with the same value and flag (a resend, under any QN):
    /// acknowledged again, nothing changed.
    case duplicate
}

/// How long the frame log keeps a frame: `report feed`'s counters are kept apart and are not
/// pruned; the records themselves are never pruned.
public enum FrameLogLimits {
    /// 30 days, as the refusal counters (`RefusalLimits.retentionSeconds`).
    public static let retentionSeconds: Int64 = 30 * 86_400
    /// Rows deleted per pruning round at most, so a long backlog is pruned in small transactions.
    public static let rowsPerRound = 20_000
}

/// Frames received since the database was created.
public struct FeedCounts: Hashable, Sendable {
    /// Frames that stored or corrected something.
    public var accepted: Int
    /// Frames whose every record was already stored as sent.
    public var duplicates: Int
    /// Records replaced by a correction (same identity, another value or flag).
    public var corrected: Int
    /// Refused frames by reason.
    public var refused: [RefusalReason: Int]

    public init(accepted: Int = 0, duplicates: Int = 0, corrected: Int = 0, refused: [RefusalReason: Int] = [:]) {
        self.accepted = accepted
        self.duplicates = duplicates
        self.corrected = corrected
        self.refused = refused
    }
}

/// A station's most recent value of one code, kept up to date by ingest so no screen scans readings.
public struct LatestValue: Hashable, Sendable {
    public let code: String
    public let value: Double
    public let flag: DataFlag
    public let time: Int64
    public let dataType: DataCommand

    public init(code: String, value: Double, flag: DataFlag, time: Int64, dataType: DataCommand) {
        self.code = code
        self.value = value
        self.flag = flag
        self.time = time
        self.dataType = dataType
    }
}

/// Everything the console, the reports, the ingest service and the history generator ask of
/// storage, implemented by SQLite (`SQLiteStore`) and PostgreSQL (`PostgresStore`) alike; the
/// contract tests run against both.
public protocol EcoWatchStore: Sendable {
    /// The whole programme (registry, targets, observations, tasks, events, stations).
    func loadProgramme() throws -> Programme
    /// Replaces the programme data with `programme` in one transaction: all or nothing.
    /// Live data (readings, alarms, feed counts) is kept.
    func replaceProgramme(_ programme: Programme) throws
    /// A number that changes whenever anyone commits (another connection or this one); cheap to poll.
    /// Nil while the store is still starting to watch for commits (no token yet, not a failure).
    func changeToken() throws -> Int?
    /// Starts watching for commits without waiting for it (a console calls it as it opens the
    /// store, so that its first polls find the watch under way); does nothing where watching
    /// needs no setup.
    func watchForChanges()

    /// Stores frames in one transaction and returns each one's outcome, in order, only after
    /// that transaction has committed. A record already stored is left alone when it comes
    /// again as it was, and replaced when it comes with another value or flag; the roll-ups
    /// of the periods it falls in are then recomputed exactly.
    func ingest(_ frames: [IngestFrame]) throws -> [IngestOutcome]
    /// Adds refusal counters (per minute, reason and claimed MN) in one transaction, and to the
    /// totals by reason; counters older than `RefusalLimits.retentionSeconds` before the
    /// newest are pruned. Bounded in rows whatever the MNs claimed (see `RefusalLimits`).
    func recordRefusals(_ counts: [RefusalCount]) throws
    /// Keeps bad-frame samples: the latest `RefusalLimits.samplesPerPeer` of each of the last
    /// `RefusalLimits.samplePeers` peers.
    func recordBadFrameSamples(_ samples: [BadFrameSample]) throws
    /// Refused frames claiming `mn` since `time` (for the burst alarm).
    func refusalCount(mn: String, since time: Int64) throws -> Int
    /// Refusal counters of minutes from `time` on, summed per reason and MN (the minute the
    /// latest of them), the `limit` most frequent, most frequent first.
    func refusals(since time: Int64, limit: Int) throws -> [RefusalCount]
    /// The kept bad-frame samples, newest first.
    func badFrameSamples() throws -> [BadFrameSample]
    func feedCounts() throws -> FeedCounts
    /// Saves history requests (new ones, or the new state of one already saved: same MN, CN
    /// and begin) in one transaction. A saved request is not replaced by a copy with fewer
    /// attempts, nor, once done or failed, by any but the same finished attempt (same QN and
    /// state: records that came after its answer): a node's stale copy (the station has moved
    /// to another node) never takes a row backwards.
    func recordHistoryRequests(_ requests: [HistoryRequest]) throws
    /// The latest `limit` history requests, newest first, and the totals of all.
    func historyRequests(limit: Int) throws -> (latest: [HistoryRequest], totals: HistoryRequestTotals)
    /// Station `mn`'s latest `limit` history requests, newest first, and the totals of all of its.
    func historyRequests(mn: String, limit: Int) throws -> (latest: [HistoryRequest], totals: HistoryRequestTotals)
    /// Station `mn`'s history requests still open (sent or accepted), whichever node sent them,
    /// and those of `spans` (CN and begin) whatever their state, by CN and begin: what a node
    /// the station connects to takes over.
    func historyRequests(mn: String, openOr spans: [(cn: DataCommand, begin: Int64)]) throws -> [HistoryRequest]
    /// The DataTime of station `mn`'s newest minute, hourly and daily record (CN 2051, 2061,
    /// 2031) stored, by CN, whichever ingest node stored it: where a station that connects
    /// again stands, for the gaps since it was last seen.
    func recordTimes(mn: String) throws -> [DataCommand: Int64]
    /// Deletes from the frame log (one row per frame accepted, for provenance) the oldest
    /// frames received before `time`, at most `limit` of them; how many went.
    @discardableResult
    func pruneFrameLog(receivedBefore time: Int64, limit: Int) throws -> Int
    /// Latest value of every code of every station that has reported, by MN.
    func latestValues() throws -> [String: [LatestValue]]
    /// When each station last reported (seconds since 1970), by MN.
    func lastSeen() throws -> [String: Int64]
    /// The N-flagged values of one station's codes per period (from the roll-ups, never the raw
    /// readings), by code, in one read: periods starting in `from..<to` that hold at least one
    /// value, oldest first; a code with none is left out.
    func series(mn: String, codes: [String], grain: RollupGrain, from: Int64, to: Int64) throws -> [String: [SeriesPoint]]

    /// Alarms, newest first: open ones and, if `includeClosed`, the shift log's closed ones.
    func alarms(includeClosed: Bool, limit: Int) throws -> [Alarm]
    /// The shift log, newest first: every alarm open or unacknowledged, and every one raised
    /// or cleared since `time`.
    func alarms(since time: Int64, limit: Int) throws -> [Alarm]
    /// One station's alarms, open and closed, newest first.
    func alarms(mn: String, limit: Int) throws -> [Alarm]
    /// Opens an alarm unless the same station and rule already has an open one; returns it.
    @discardableResult
    func raiseAlarm(_ alarm: NewAlarm) throws -> Alarm
    /// Closes the open alarm of a station and rule (the condition cleared).
    func clearAlarm(mn: String, rule: AlarmRule, at time: Int64) throws
    /// Records who acknowledged an alarm and when.
    func acknowledgeAlarm(id: Int64, operator name: String, at time: Int64) throws

    /// Loads a history in bulk (`ecowatch generate`): each chunk of new records in one
    /// transaction, with the roll-ups and latest values they make, then once at the end what
    /// the load deferred (SQLite rebuilds the record index). Refuses a database that holds
    /// readings already (`.holdsReadings`) unless `replacing`, which first deletes every live
    /// row (readings, roll-ups, latest values, frames, counters, requests, alarms); a record
    /// given twice fails the load. Nobody else may use the database meanwhile. `progress` hears
    /// after each committed chunk and before the deferred work. Returns the readings stored.
    @discardableResult
    func bulkLoad<Chunks: Sequence<[Reading]>>(_ chunks: Chunks, replacing: Bool,
                                               progress: (BulkLoadProgress) -> Void) throws -> Int
}

extension EcoWatchStore {
    /// Watching needs no setup (SQLite's `data_version` is read on each poll).
    public func watchForChanges() {}

    /// One code's `series(mn:codes:grain:from:to:)`.
    public func series(mn: String, code: String, grain: RollupGrain, from: Int64, to: Int64) throws -> [SeriesPoint] {
        try series(mn: mn, codes: [code], grain: grain, from: from, to: to)[code] ?? []
    }
}

/// How far `EcoWatchStore.bulkLoad` has got.
public enum BulkLoadProgress: Hashable, Sendable {
    /// The readings committed so far.
    case stored(readings: Int)
    /// Every chunk is committed; the store now builds what it deferred (indexes).
    case finishing
}
