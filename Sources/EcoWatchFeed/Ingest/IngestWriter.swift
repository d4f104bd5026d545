import DequeModule
import Foundation
import Logging
import NIOConcurrencyHelpers
import EcoWatchCore

/// The one writer of an ingest service: a thread that owns the store's write side and commits
/// frames from every connection in groups (up to `batchLimit` frames, or what arrived within
/// `batchWindowSeconds` of the first), then — only after the commit — hands each frame's
/// outcome back so its 9014 can go out. It also records refusals and applies the alarm rules
/// after each batch and on a periodic sweep.
final class IngestWriter: @unchecked Sendable {
    typealias Completion = @Sendable (IngestOutcome?) -> Void
    /// A frame to store: whether it is the first on its connection (its station's records are
    /// then looked up, see `GapTracker.connected`), and what to do after its commit.
    typealias Submission = (frame: IngestFrame, firstOnConnection: Bool, completion: Completion)

    private let store: any EcoWatchStore
    private let stations: [String: Station]
    private let configuration: IngestConfiguration
    private let logger: Logger
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var frames: Deque<Submission> = []
    /// Refusals are counted apart from frames (summed per minute, reason and MN, with a few
    /// samples per peer) and handed to the store in one small transaction per round: a flood of
    /// bad frames costs a counter each and never queues ahead of good ones, however long the
    /// store is unavailable.
    private var refusals = RefusalTally()
    private var stopping = false
    private var finished = false
    let summary = NIOLockedValueBox(IngestSummary())

    // Only the writer thread touches these.
    private var dirty: Set<String> = []
    private var lastEvaluation = Date.distantPast
    private var lastSweep = Date()
    private var debounce: AlarmDebounce
    /// The storage fault being waited out (said once on stderr), nil when writing works.
    private var fault: StoreError?
    private var refusalFaultReported = false
    private var lastGapTick = Date.distantPast
    private var lastFrameLogPrune = Date.distantPast
    private var lastRefusalRound = Date.distantPast

    /// Gaps in the stations' records, asked back (see `GapTracker`).
    let gaps: GapTracker

    init(store: any EcoWatchStore, stations: [String: Station], configuration: IngestConfiguration,
         logger: Logger) {
        self.store = store
        self.stations = stations
        self.configuration = configuration
        self.logger = logger
        gaps = GapTracker(stations: stations, limits: GapTracker.Limits(configuration), logger: logger)
        self.debounce = AlarmDebounce(raiseAfter: configuration.alarmRaiseAfter, clearAfter: configuration.alarmClearAfter)
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "ecowatch-ingest-writer"
        thread.start()
    }

    /// Queues frames, in order and together (the service has reserved room for them: see
    /// `IngestBudget`); each one's completion runs on the writer thread after its transaction,
    /// with its outcome, or nil when it could not be stored (then it must not be acknowledged).
    func submit(_ items: [Submission]) {
        guard !items.isEmpty else { return }
        condition.lock()
        if stopping {
            condition.unlock()
            for item in items { item.completion(nil) }
            return
        }
        let wasEmpty = frames.isEmpty
        frames.append(contentsOf: items)
        if wasEmpty || frames.count >= configuration.batchLimit { condition.broadcast() }
        condition.unlock()
    }

    /// Counts a refused frame: in the summary now, in the store with the next round; its first
    /// bytes, when given, as one of `peer`'s bad-frame samples.
    func refuse(reason: RefusalReason, mn: String?, peer: String, frame: ArraySlice<UInt8>?, time: Int64) {
        summary.withLockedValue { $0.refused[reason, default: 0] += 1 }
        condition.lock()
        if !stopping {
            refusals.add(reason: reason, mn: mn, peer: peer, frame: frame, time: time)
            if refusals.total == 1 { condition.broadcast() }
        }
        condition.unlock()
    }

    /// Commits what is queued, stops the thread and waits for it. Frames held back by a storage
    /// fault are then given up (never acknowledged).
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            let sweepAt = lastSweep.addingTimeInterval(configuration.sweepSeconds)
            // Refusals alone wake the writer at most once a second: a flood of bad frames costs
            // one small transaction a second, not one a round.
            let refusalsAt = lastRefusalRound.addingTimeInterval(1)
            // History requests are retried and saved about once a second, traffic or not.
            let gapsAt = lastGapTick.addingTimeInterval(1)
            while frames.isEmpty, refusals.isEmpty || Date() < refusalsAt, !stopping, Date() < sweepAt, Date() < gapsAt {
                _ = condition.wait(until: min(gapsAt, refusals.isEmpty ? sweepAt : min(sweepAt, refusalsAt)))
            }
            if !frames.isEmpty, !stopping, frames.count < configuration.batchLimit {
                // Group commit: let more frames join the first one for a moment.
                let deadline = Date().addingTimeInterval(configuration.batchWindowSeconds)
                while frames.count < configuration.batchLimit, !stopping, Date() < deadline {
                    _ = condition.wait(until: deadline)
                }
            }
            let count = min(frames.count, configuration.batchLimit)
            let batch = Array(frames.prefix(count))
            frames.removeFirst(count)
            // With frames to commit the round's refusals go too (counted before the good frame
            // after them is answered); alone, once a second.
            let refused = !batch.isEmpty || stopping || Date() >= refusalsAt ? refusals : RefusalTally()
            if !refused.isEmpty { refusals = RefusalTally() }
            let done = stopping && frames.isEmpty
            condition.unlock()

            if !refused.isEmpty {
                record(refused)
                lastRefusalRound = Date()
            }
            if !batch.isEmpty { process(batch) }
            if configuration.alarms, fault == nil { applyAlarms() }
            if fault == nil { trackGaps(force: done) }
            if fault == nil { pruneFrameLog() }
            if done { break }
        }
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Counts refusals and keeps the bad-frame samples, a transaction each. When storage fails
    /// they are only counted in the summary: a refusal is never acknowledged, so nothing
    /// promised is lost.
    private func record(_ refused: RefusalTally) {
        var tally = refused
        let claimed = tally.claimedMNs
        let (counts, samples) = tally.take()
        do {
            try store.recordRefusals(counts)
            try store.recordBadFrameSamples(samples)
            refusalFaultReported = false
        } catch {
            if !refusalFaultReported {
                logger.error("cannot count \(refused.total) refusals in the database (counted in the summary only): \(error)")
                refusalFaultReported = true
            }
        }
        for mn in claimed where stations[mn] != nil { dirty.insert(mn) }
    }

    /// At most once a second (and when stopping): history requests sent again or given up,
    /// and every change to them saved (what `report feed` shows).
    private func trackGaps(force: Bool) {
        let now = Date()
        guard force || now.timeIntervalSince(lastGapTick) >= 1 else { return }
        lastGapTick = now
        let changed = gaps.tick(now: Int64(now.timeIntervalSince1970))
        guard !changed.isEmpty else { return }
        do {
            try store.recordHistoryRequests(changed)
        } catch {
            logger.error("cannot save \(changed.count) history requests: \(error)")
        }
    }

    /// Every `sweepSeconds`: the frame log's frames older than `FrameLogLimits.retentionSeconds`
    /// go, a bounded number a round.
    private func pruneFrameLog() {
        let now = Date()
        guard now.timeIntervalSince(lastFrameLogPrune) >= configuration.sweepSeconds else { return }
        lastFrameLogPrune = now
        do {
            try store.pruneFrameLog(receivedBefore: Int64(now.timeIntervalSince1970) - FrameLogLimits.retentionSeconds,
                                    limit: FrameLogLimits.rowsPerRound)
        } catch {
            logger.error("cannot prune the frame log: \(error)")
        }
    }

    /// The stations whose first frame on a connection is in `batch`: where their records stand
    /// in the database, and their open history requests, every node's (and those this node
    /// holds open), before the batch is stored (see `GapTracker.connected`).
    /// The first read that fails ends the look-up for the batch: a store out of reach would
    /// otherwise hold the batch for one bounded wait per reconnecting station.
    private func lookUpRecordTimes(_ batch: [Submission]) {
        let arriving = batch.filter { $0.firstOnConnection && stations[$0.frame.mn] != nil }
        for (index, item) in arriving.enumerated() {
            do {
                let mn = item.frame.mn
                gaps.connected(item.frame, recordTimes: try store.recordTimes(mn: mn),
                               requests: try store.historyRequests(mn: mn, openOr: gaps.heldOpen(mn: mn)))
            } catch {
                logger.warning("""
                    cannot read where the records of \(arriving.count - index) reconnecting stations stand; their gaps \
                    since they were last seen are not asked for: \(error)
                    """, metadata: ["mn": "\(item.frame.mn)"])
                return
            }
        }
    }

    /// Stores a batch of frames and acknowledges each after the commit. A full disk or a
    /// database locked past the store's busy timeout, or a database server out of reach, holds the batch (and everything behind
    /// it) unacknowledged and retries it every `storageRetrySeconds` until it commits; only
    /// stopping gives it up. Any other error fails the batch, unacknowledged.
    private func process(_ batch: [Submission]) {
        let frames = batch.map(\.frame)
        lookUpRecordTimes(batch)
        var outcomes: [IngestOutcome]?
        while outcomes == nil {
            do {
                outcomes = try store.ingest(frames)
            } catch let error as StoreError where Self.isTransient(error) {
                if fault == nil {
                    fault = error
                    let what = switch error {
                    case .diskFull: "database full"
                    case .unreachable: "database server unreachable"
                    default: "database locked"
                    }
                    logger.error("""
                        \(what): not acknowledging \(frames.count) frames (nor any that follow) until they can be \
                        stored; retrying every \(configuration.storageRetrySeconds) s: \(error)
                        """)
                }
                if !waitToRetry() { return fail(batch, error: error) }
            } catch {
                logger.error("cannot store \(frames.count) frames, not acknowledging them: \(error)")
                return fail(batch, error: error)
            }
        }
        if fault != nil {
            fault = nil
            logger.notice("database writable again: acknowledging what was held back")
        }
        var stored = 0, readings = 0, corrected = 0
        for (index, outcome) in outcomes!.enumerated() {
            if case .stored(let added, let changed) = outcome {
                stored += 1
                readings += added
                corrected += changed
            }
            dirty.insert(frames[index].mn)
            batch[index].completion(outcome)
        }
        summary.withLockedValue {
            $0.stored += stored
            $0.duplicates += frames.count - stored
            $0.readings += readings
            $0.corrected += corrected
            $0.batches += 1
        }
    }

    private static func isTransient(_ error: StoreError) -> Bool {
        switch error {
        case .diskFull, .locked, .unreachable: true
        default: false
        }
    }

    /// Waits before the next retry; false when the service is stopping instead.
    private func waitToRetry() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date().addingTimeInterval(configuration.storageRetrySeconds)
        while !stopping, Date() < deadline { _ = condition.wait(until: deadline) }
        return !stopping
    }

    private func fail(_ batch: [Submission], error: any Error) {
        summary.withLockedValue { $0.failed += batch.count }
        for item in batch { item.completion(nil) }
    }

    /// After a batch (at most once a second) for the stations in it; every `sweepSeconds` for all.
    private func applyAlarms() {
        let now = Date()
        let sweep = now.timeIntervalSince(lastSweep) >= configuration.sweepSeconds
        guard sweep || (!dirty.isEmpty && now.timeIntervalSince(lastEvaluation) >= 1) else { return }
        let mns = sweep ? Set(stations.keys) : dirty
        dirty.removeAll()
        lastEvaluation = now
        if sweep { lastSweep = now }
        let time = Int64(now.timeIntervalSince1970)
        do {
            let latest = try store.latestValues()
            let seen = try store.lastSeen()
            var open: [String: Set<AlarmRule>] = [:]
            for alarm in try store.alarms(includeClosed: false, limit: 100_000) where alarm.cleared == nil {
                open[alarm.mn, default: []].insert(alarm.rule)
            }
            for mn in mns.sorted() {
                guard let station = stations[mn] else { continue }
                let status = StationStatus(station: station, latest: latest[mn] ?? [], lastSeen: seen[mn], now: time)
                let refusals = try store.refusalCount(mn: mn, since: time - AlarmRules.refusalWindow)
                let decisions = AlarmRules.evaluate(status, refusals: refusals, open: open[mn] ?? [], now: time)
                for decision in debounce.settle(decisions, mn: mn, now: time) {
                    switch decision {
                    case .raise(let alarm):
                        try store.raiseAlarm(alarm)
                        logger.notice("alarm raised: \(alarm.rule.rawValue) \(Strings.alarmValue(alarm.amount, rule: alarm.rule).en)", metadata: ["mn": "\(mn)"])
                    case .clear(let mn, let rule):
                        try store.clearAlarm(mn: mn, rule: rule, at: time)
                        logger.notice("alarm cleared: \(rule.rawValue)", metadata: ["mn": "\(mn)"])
                    }
                }
            }
        } catch {
            logger.error("cannot apply the alarm rules: \(error)")
        }
    }
}
