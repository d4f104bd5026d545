import Foundation
import PostgresNIO

/// `LISTEN` on a connection of its own, counting the notifications of commits. When the
/// connection drops it says so and reconnects every half second; each (re)connection counts as a
/// change too, so a console re-reads what it may have missed while it was away.
final class ChangeListener: @unchecked Sendable {
    enum State: Equatable {
        /// The first attempt to connect and listen has not ended yet.
        case starting
        case listening(count: Int)
        case down(String)
    }

    private let configuration: PostgresConnection.Configuration
    private let channel: String
    private let logger: Logger
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var task: Task<Void, Never>?
    private var count = 0
    private var connected = false
    private var attempted = false
    private var problem = ""

    init(configuration: PostgresConnection.Configuration, channel: String, logger: Logger) {
        self.configuration = configuration
        self.channel = channel
        self.logger = logger
    }

    /// Starts listening on first use (ingest nodes never need it).
    func startIfNeeded() {
        condition.lock()
        defer { condition.unlock() }
        guard task == nil else { return }
        task = Task(executorPreference: StoreExecutor.shared) { [self] in await run() }
    }

    func stop() {
        condition.lock()
        task?.cancel()
        condition.unlock()
    }

    /// The state once the first connection attempt has ended (waiting at most `seconds` for it;
    /// `.starting` if it is still under way then).
    func waitForState(seconds: Double) -> State {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date().addingTimeInterval(seconds)
        while !attempted, Date() < deadline { _ = condition.wait(until: deadline) }
        guard attempted else { return .starting }
        return connected ? .listening(count: count) : .down(problem)
    }

    private func update(_ change: (ChangeListener) -> Void) {
        condition.lock()
        change(self)
        condition.broadcast()
        condition.unlock()
    }

    /// How often the quiet connection is asked whether it is still there, and how long its
    /// answer (and the connection's opening and its `LISTEN`) may take: a server that stops
    /// answering without closing the connection (frozen, or the network gone) is noticed within
    /// their sum.
    static let pingInterval: Duration = .seconds(2)
    static let answerTimeout: Duration = .seconds(3)

    private func run() async {
        let location = "\(configuration.host ?? "?"):\(configuration.port ?? 0)"
        while !Task.isCancelled {
            let watchdog = Watchdog()
            do {
                let connection = try await Self.connect(configuration: configuration, logger: logger, watchdog: watchdog)
                defer { Task { try? await connection.close() } }
                // The LISTEN must be answered in time too.
                let setup = watchdog.close(connection, after: Self.answerTimeout)
                try await connection.listen(on: channel) { notifications in
                    setup.cancel()
                    update { $0.count += 1; $0.connected = true; $0.attempted = true }
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask {
                            for try await _ in notifications { self.update { $0.count += 1 } }
                        }
                        // A closed connection ends the notifications; a ping that is not answered in
                        // time closes one that went quiet.
                        group.addTask {
                            while !Task.isCancelled {
                                try await Task.sleep(for: Self.pingInterval)
                                let ping = watchdog.close(connection, after: Self.answerTimeout)
                                defer { ping.cancel() }
                                try await connection.query("SELECT 1", logger: self.logger)
                            }
                        }
                        try await group.next()
                        group.cancelAll()
                    }
                }
                update { $0.connected = false; $0.problem = watchdog.fired ?? "the connection closed" }
            } catch {
                let reason = PostgresStore.storeError(error, location: location)
                let message = if case .unreachable(_, let message) = reason { message } else { "\(reason)" }
                update {
                    $0.connected = false
                    $0.attempted = true
                    $0.problem = watchdog.fired ?? message
                }
            }
            try? await Task.sleep(for: .milliseconds(500))
        }
    }

    /// Connects, giving up after `answerTimeout`: the connect timeout bounds reaching the port,
    /// not a server that accepts and then never answers the start-up. A connection that comes
    /// after the bound is closed.
    private static func connect(configuration: PostgresConnection.Configuration, logger: Logger,
                                watchdog: Watchdog) async throws -> PostgresConnection {
        let once = Once<PostgresConnection>()
        return try await withCheckedThrowingContinuation { continuation in
            once.set(continuation)
            Task(executorPreference: StoreExecutor.shared) {
                do {
                    let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
                    if !once.resume(.success(connection)) { try? await connection.close() }
                } catch {
                    once.resume(.failure(error))
                }
            }
            Task(executorPreference: StoreExecutor.shared) {
                try? await Task.sleep(for: answerTimeout)
                if once.resume(.failure(CancellationError())) { watchdog.fire() }
            }
        }
    }
}

/// Closes a connection whose answer is late, and remembers that it did (the reason to give).
private final class Watchdog: @unchecked Sendable {
    private let lock = NSLock()
    private var firedAt: Duration?

    /// "no answer within 3 s", once it fired.
    var fired: String? {
        lock.withLock { firedAt.map { "no answer within \($0.components.seconds) s" } }
    }

    func fire() { lock.withLock { firedAt = ChangeListener.answerTimeout } }

    /// A task that closes `connection` after `timeout` unless cancelled first.
    func close(_ connection: PostgresConnection, after timeout: Duration) -> Task<Void, Never> {
        Task(executorPreference: StoreExecutor.shared) {
            guard (try? await Task.sleep(for: timeout)) != nil else { return }
            self.lock.withLock { self.firedAt = timeout }
            try? await connection.close()
        }
    }
}

/// A continuation resumed once, by whichever of two tasks comes first.
private final class Once<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, any Error>?

    func set(_ continuation: CheckedContinuation<T, any Error>) { lock.withLock { self.continuation = continuation } }

    /// Resumes with `result` unless already resumed; whether it did.
    @discardableResult
    func resume(_ result: Result<T, any Error>) -> Bool {
        guard let continuation = lock.withLock({ defer { self.continuation = nil }; return self.continuation }) else { return false }
        continuation.resume(with: result)
        return true
    }
}
