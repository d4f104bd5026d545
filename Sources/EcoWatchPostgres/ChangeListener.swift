import Foundation
import PostgresNIO

/// `LISTEN` on a connection of its own, counting the notifications of commits. When the
/// connection drops it says so and reconnects every half second; each (re)connection counts as a
/// change too, so a console re-reads what it may have missed while it was away.
final class ChangeListener: @unchecked Sendable {
    enum State: Equatable {
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
    private var problem = "not connected yet"

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

    /// The state once the first connection attempt has ended (waiting at most `seconds` for it).
    func waitForState(seconds: Double) -> State {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date().addingTimeInterval(seconds)
        while !attempted, Date() < deadline { _ = condition.wait(until: deadline) }
        return connected ? .listening(count: count) : .down(problem)
    }

    private func update(_ change: (ChangeListener) -> Void) {
        condition.lock()
        change(self)
        condition.broadcast()
        condition.unlock()
    }

    private func run() async {
        let location = "\(configuration.host ?? "?"):\(configuration.port ?? 0)"
        while !Task.isCancelled {
            do {
                let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
                defer { Task { try? await connection.close() } }
                try await connection.listen(on: channel) { notifications in
                    update { $0.count += 1; $0.connected = true; $0.attempted = true }
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask {
                            for try await _ in notifications { self.update { $0.count += 1 } }
                        }
                        // A closed connection ends the notifications; a ping notices one that went quiet.
                        group.addTask {
                            while !Task.isCancelled {
                                try await Task.sleep(for: .seconds(2))
                                try await connection.query("SELECT 1", logger: self.logger)
                            }
                        }
                        try await group.next()
                        group.cancelAll()
                    }
                }
                update { $0.connected = false; $0.problem = "the connection closed" }
            } catch {
                let reason = PostgresStore.storeError(error, location: location)
                update {
                    $0.connected = false
                    $0.attempted = true
                    $0.problem = if case .unreachable(_, let message) = reason { message } else { "\(reason)" }
                }
            }
            try? await Task.sleep(for: .milliseconds(500))
        }
    }
}
