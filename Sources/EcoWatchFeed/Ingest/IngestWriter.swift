import Foundation
import EcoWatchCore

/// The one writer of an ingest service: a thread that owns the store's write side and commits
/// frames from every connection in groups (up to `batchLimit` frames, or what arrived within
/// `batchWindowSeconds` of the first), then — only after the commit — hands each frame's
/// outcome back so its 9014 can go out. It also records refusals and applies the alarm rules
/// after each batch and on a periodic sweep.
final class IngestWriter: @unchecked Sendable {
    typealias Completion = @Sendable (IngestOutcome?) -> Void
    typealias Refusal = (reason: RefusalReason, mn: String?, time: Int64)

    private let store: any EcoWatchStore
    private let stations: [String: Station]
    private let configuration: IngestConfiguration
    private let log: @Sendable (String) -> Void
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var frames: [(IngestFrame, Completion)] = []
    /// Refusals wait apart from frames and are all counted in one transaction per round, so a
    /// flood of bad frames costs one commit a round and never queues ahead of good ones.
    private var refusals: [Refusal] = []
    private var stopping = false
    private var finished = false
    let summary = Locked(IngestSummary())

    // Only the writer thread touches these.
    private var dirty: Set<String> = []
    private var lastEvaluation = Date.distantPast
    private var lastSweep = Date()
    /// The storage fault being waited out (said once on stderr), nil when writing works.
    private var fault: StoreError?
    private var refusalFaultReported = false

    init(store: any EcoWatchStore, stations: [String: Station], configuration: IngestConfiguration,
         log: @escaping @Sendable (String) -> Void) {
        self.store = store
        self.stations = stations
        self.configuration = configuration
        self.log = log
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "ecowatch-ingest-writer"
        thread.start()
    }

    /// Queues a frame; `completion` runs on the writer thread after its transaction, with its
    /// outcome, or nil when it could not be stored (then it must not be acknowledged).
    func submit(_ frame: IngestFrame, completion: @escaping Completion) {
        condition.lock()
        if stopping {
            condition.unlock()
            completion(nil)
            return
        }
        frames.append((frame, completion))
        if frames.count == 1 || frames.count >= configuration.batchLimit { condition.broadcast() }
        condition.unlock()
    }

    func refuse(reason: RefusalReason, mn: String?, time: Int64) {
        condition.lock()
        if !stopping {
            refusals.append((reason, mn, time))
            if refusals.count == 1 { condition.broadcast() }
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
            while frames.isEmpty, refusals.isEmpty, !stopping, Date() < sweepAt {
                _ = condition.wait(until: sweepAt)
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
            let refused = refusals
            refusals.removeAll(keepingCapacity: true)
            let done = stopping && frames.isEmpty
            condition.unlock()

            if !refused.isEmpty { record(refused) }
            if !batch.isEmpty { process(batch) }
            if configuration.alarms, fault == nil { applyAlarms() }
            if done { break }
        }
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Counts refusals in one transaction. When storage fails they are only counted in the
    /// summary: a refusal is never acknowledged, so nothing promised is lost.
    private func record(_ refused: [Refusal]) {
        do {
            try store.recordRefusals(refused)
            refusalFaultReported = false
        } catch {
            if !refusalFaultReported {
                log("cannot count \(refused.count) refusals in the database (counted in the summary only): \(error)")
                refusalFaultReported = true
            }
        }
        summary.withLock { summary in
            for refusal in refused { summary.refused[refusal.reason, default: 0] += 1 }
        }
        for refusal in refused {
            if let mn = refusal.mn, stations[mn] != nil { dirty.insert(mn) }
        }
    }

    /// Stores a batch of frames and acknowledges each after the commit. A full disk or a
    /// database locked past the store's busy timeout holds the batch (and everything behind
    /// it) unacknowledged and retries it every `storageRetrySeconds` until it commits; only
    /// stopping gives it up. Any other error fails the batch, unacknowledged.
    private func process(_ batch: [(IngestFrame, Completion)]) {
        let frames = batch.map(\.0)
        var outcomes: [IngestOutcome]?
        while outcomes == nil {
            do {
                outcomes = try store.ingest(frames)
            } catch let error as StoreError where Self.isTransient(error) {
                if fault == nil {
                    fault = error
                    let what = if case .diskFull = error { "database full" } else { "database locked" }
                    log("\(Date().formatted(.iso8601)) \(what): not acknowledging \(frames.count) frames (nor any "
                        + "that follow) until they can be stored; retrying every "
                        + "\(configuration.storageRetrySeconds) s: \(error)")
                }
                if !waitToRetry() { return fail(batch, error: error) }
            } catch {
                log("cannot store \(frames.count) frames, not acknowledging them: \(error)")
                return fail(batch, error: error)
            }
        }
        if fault != nil {
            fault = nil
            log("\(Date().formatted(.iso8601)) database writable again: acknowledging what was held back")
        }
        var stored = 0, readings = 0, corrected = 0
        for (index, outcome) in outcomes!.enumerated() {
            if case .stored(let added, let changed) = outcome {
                stored += 1
                readings += added
                corrected += changed
            }
            dirty.insert(frames[index].mn)
            batch[index].1(outcome)
        }
        summary.withLock {
            $0.stored += stored
            $0.duplicates += frames.count - stored
            $0.readings += readings
            $0.corrected += corrected
            $0.batches += 1
        }
    }

    private static func isTransient(_ error: StoreError) -> Bool {
        switch error {
        case .diskFull, .locked: true
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

    private func fail(_ batch: [(IngestFrame, Completion)], error: any Error) {
        summary.withLock { $0.failed += batch.count }
        for (_, completion) in batch { completion(nil) }
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
                for decision in AlarmRules.evaluate(status, refusals: refusals, open: open[mn] ?? [], now: time) {
                    switch decision {
                    case .raise(let alarm):
                        try store.raiseAlarm(alarm)
                        log("\(Date().formatted(.iso8601)) alarm raised: \(mn) \(alarm.rule.rawValue) \(alarm.value)")
                    case .clear(let mn, let rule):
                        try store.clearAlarm(mn: mn, rule: rule, at: time)
                        log("\(Date().formatted(.iso8601)) alarm cleared: \(mn) \(rule.rawValue)")
                    }
                }
            }
        } catch {
            log("cannot apply the alarm rules: \(error)")
        }
    }
}
