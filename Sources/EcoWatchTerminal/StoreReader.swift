import Foundation
import EcoWatchCore
import EcoWatchUI

/// The console's store calls, made off the run loop. A store that does not answer (a server
/// gone away, a network gone quiet, a file held locked) keeps a call waiting for seconds, and
/// the screen must not wait with it: keys, help and navigation go on, and the header says why.
///
/// Two queues, each running one call at a time: one polls the change token (cheap, every tick),
/// the other reads (the live state when the token moved, a station's history when its screen
/// asks), so a read left waiting on a silent server never keeps the poll from noticing it.
/// Results come back through `take()`, in the order they ended; `finished` hears as each one
/// does, so the loop takes it at once rather than on its next tick.
final class StoreReader: @unchecked Sendable {
    /// What a call brought back.
    enum Outcome {
        case live(LiveSnapshot)
        case station(StationHistory)
        /// The store failed (the latest call to end that started after the last answer).
        case failed(any Error)
        /// A read answered after the store had failed: it is back.
        case answered
    }

    private let store: any EcoWatchStore
    private let programme: Programme
    private let shiftStart: Int64
    private let clock: @Sendable () -> Int64
    private let finished: @Sendable () -> Void
    private let polls = DispatchQueue(label: "ecowatch.console.poll", qos: .userInitiated)
    private let reads = DispatchQueue(label: "ecowatch.console.read", qos: .userInitiated)

    private let lock = NSLock()
    // Guarded by `lock`.
    private var outcomes: [Outcome] = []
    /// The last change token; nil before the first, and after a failed live read.
    private var token: Int?
    private var polling = false
    private var liveWanted = false
    private var liveRunning = false
    /// Calls are numbered as they start; the latest-started call to end decides whether the
    /// store is failing (a read's answer or any failure; a poll's answer proves no read works),
    /// so a slow call ending late cannot undo what a newer one found.
    private var nextCall = 0
    private var decided = -1
    private var failing = false

    /// `finished` is called, from any thread, whenever a call has brought something to take.
    init(store: any EcoWatchStore, programme: Programme, shiftStart: Int64, clock: @escaping @Sendable () -> Int64,
         finished: @escaping @Sendable () -> Void = {}) {
        self.store = store
        self.programme = programme
        self.shiftStart = shiftStart
        self.clock = clock
        self.finished = finished
    }

    /// Reads the live state on the calling thread, before the loop starts (so the first frame
    /// shows it); the outcome is taken like any other. The console starts the store's watch for
    /// commits as it opens the store (PostgreSQL's `LISTEN` connection may take seconds; a
    /// snapshot never starts it) and the first frame does not wait for it: the change token is
    /// not asked for here, and a poll finding none yet (the watch still starting) is no
    /// failure. With no token yet, the first poll that brings one
    /// reads the live state once more, so whatever was committed between this read and the
    /// moment the store began watching is shown too.
    func readFirst() {
        let call = lock.withLock { started() }
        do {
            if let live = try readLive() { answered(.live(live), call: call) }
        } catch {
            failed(error, call: call)
        }
    }

    /// Asks the store's change token whether anything was committed, unless the last poll is
    /// still waiting for its answer; when it moved (or the store was failing, or it is the first
    /// token), reads the live state again. No token yet (nil) is not a move.
    func poll() {
        let call: Int? = lock.withLock {
            guard !polling else { return nil }
            polling = true
            return started()
        }
        guard let call else { return }
        polls.async { [self] in
            do {
                let now = try store.changeToken()
                lock.withLock {
                    polling = false
                    if now != token || failing {
                        token = now
                        wantLiveLocked()
                    }
                }
            } catch {
                lock.withLock { polling = false }
                failed(error, call: call)
            }
        }
    }

    /// Reads a station's history for its screen.
    func loadStation(_ station: Station, span: HistorySpan) {
        let call = lock.withLock { started() }
        reads.async { [self] in
            do {
                let history = try StationHistory.read(from: store, station: station, span: span, now: clock())
                answered(.station(history), call: call)
            } catch {
                failed(error, call: call)
            }
        }
    }

    /// Waits until the calls under way (and the reads they asked for) have ended; whether they
    /// brought anything to take.
    func waitForCalls() -> Bool {
        polls.sync {}
        reads.sync {}
        return lock.withLock { !outcomes.isEmpty }
    }

    /// What came back since the last call, oldest first.
    func take() -> [Outcome] {
        lock.withLock {
            defer { outcomes = [] }
            return outcomes
        }
    }

    // MARK: Running calls

    private func started() -> Int {
        defer { nextCall += 1 }
        return nextCall
    }

    /// One live read at a time: a wish made while one runs is granted by one more read after it.
    private func wantLiveLocked() {
        liveWanted = true
        guard !liveRunning else { return }
        liveRunning = true
        reads.async { [self] in
            while true {
                let call: Int? = lock.withLock {
                    guard liveWanted else {
                        liveRunning = false
                        return nil
                    }
                    liveWanted = false
                    return started()
                }
                guard let call else { return }
                do {
                    if let live = try readLive() { answered(.live(live), call: call) }
                } catch {
                    // Forget the token, so the next poll reads again even if another call
                    // answers first and clears `failing`.
                    lock.withLock { token = nil }
                    failed(error, call: call)
                }
            }
        }
    }

    private func readLive() throws -> LiveSnapshot? {
        guard !programme.stations.isEmpty else { return nil }
        return try LiveSnapshot.read(from: store, programme: programme, now: clock(), shiftStart: shiftStart)
    }

    private func answered(_ outcome: Outcome, call: Int) {
        lock.withLock {
            outcomes.append(outcome)
            guard call > decided else { return }
            decided = call
            if failing { outcomes.append(.answered) }
            failing = false
        }
        finished()
    }

    private func failed(_ error: any Error, call: Int) {
        let reported: Bool = lock.withLock {
            guard call > decided else { return false }
            decided = call
            failing = true
            outcomes.append(.failed(error))
            return true
        }
        if reported { finished() }
    }
}
