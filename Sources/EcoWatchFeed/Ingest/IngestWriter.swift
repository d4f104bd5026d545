import Foundation
import EcoWatchCore

/// The one writer of an ingest service: a thread that owns the store's write side and commits
/// frames from every connection in groups (up to `batchLimit` frames, or what arrived within
/// `batchWindowSeconds` of the first), then — only after the commit — hands each frame's
/// outcome back so its 9014 can go out. It also records refusals and applies the alarm rules
/// after each batch and on a periodic sweep.
final class IngestWriter: @unchecked Sendable {
    typealias Completion = @Sendable (IngestOutcome?) -> Void

    private enum Job {
        case frame(IngestFrame, Completion)
        case refusal(reason: String, mn: String?, time: Int64)
    }

    private let store: any EcoWatchStore
    private let stations: [String: Station]
    private let configuration: IngestConfiguration
    private let log: @Sendable (String) -> Void
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var jobs: [Job] = []
    private var stopping = false
    private var finished = false
    let summary = Locked(IngestSummary())

    // Only the writer thread touches these.
    private var dirty: Set<String> = []
    private var lastEvaluation = Date.distantPast
    private var lastSweep = Date()

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
        enqueue(.frame(frame, completion))
    }

    func refuse(reason: String, mn: String?, time: Int64) {
        enqueue(.refusal(reason: reason, mn: mn, time: time))
    }

    private func enqueue(_ job: Job) {
        condition.lock()
        if stopping {
            condition.unlock()
            if case .frame(_, let completion) = job { completion(nil) }
            return
        }
        jobs.append(job)
        if jobs.count == 1 || jobs.count >= configuration.batchLimit { condition.broadcast() }
        condition.unlock()
    }

    /// Commits what is queued, stops the thread and waits for it.
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
            while jobs.isEmpty, !stopping, Date() < sweepAt {
                _ = condition.wait(until: sweepAt)
            }
            if !jobs.isEmpty, !stopping, jobs.count < configuration.batchLimit {
                // Group commit: let more frames join the first one for a moment.
                let deadline = Date().addingTimeInterval(configuration.batchWindowSeconds)
                while jobs.count < configuration.batchLimit, !stopping, Date() < deadline {
                    _ = condition.wait(until: deadline)
                }
            }
            let count = min(jobs.count, configuration.batchLimit)
            let batch = Array(jobs.prefix(count))
            jobs.removeFirst(count)
            let done = stopping && jobs.isEmpty
            condition.unlock()

            if !batch.isEmpty { process(batch) }
            if configuration.alarms { applyAlarms() }
            if done { break }
        }
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    private func process(_ batch: [Job]) {
        var frames: [IngestFrame] = []
        var completions: [Completion] = []
        frames.reserveCapacity(batch.count)
        completions.reserveCapacity(batch.count)
        for job in batch {
            switch job {
            case .frame(let frame, let completion):
                frames.append(frame)
                completions.append(completion)
            case .refusal(let reason, let mn, let time):
                do {
                    try store.recordRefusal(reason: reason, mn: mn, at: time)
                } catch {
                    log("cannot count a refusal (\(reason)): \(error)")
                }
                summary.withLock { $0.refused[reason, default: 0] += 1 }
                if let mn, stations[mn] != nil { dirty.insert(mn) }
            }
        }
        guard !frames.isEmpty else { return }
        let outcomes: [IngestOutcome]
        do {
            outcomes = try store.ingest(frames)
        } catch {
            log("cannot store \(frames.count) frames, not acknowledging them: \(error)")
            summary.withLock { $0.failed += frames.count }
            for completion in completions { completion(nil) }
            return
        }
        var stored = 0, readings = 0
        for (index, outcome) in outcomes.enumerated() {
            if outcome == .stored {
                stored += 1
                readings += frames[index].readings.count
            }
            dirty.insert(frames[index].mn)
            completions[index](outcome)
        }
        summary.withLock {
            $0.stored += stored
            $0.duplicates += frames.count - stored
            $0.readings += readings
            $0.batches += 1
        }
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
