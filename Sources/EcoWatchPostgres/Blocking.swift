import Dispatch
import Foundation

/// The bridge from the synchronous `EcoWatchStore` protocol to postgres-nio's async API: the
/// work runs as a task on `StoreExecutor` (Dispatch threads, not Swift's cooperative pool) while
/// the calling thread waits on a semaphore, at most `seconds` (nil: no bound). Past the bound the
/// task is cancelled (a wait for a pooled connection ends at once; a statement already sent may
/// still finish) and the caller gets `BlockingTimeout`.
///
/// The executor is what makes this safe from any caller: a caller that is itself a task of the
/// cooperative pool (a test, say) blocks one of that pool's few threads, but the work it waits
/// for never needs one.
func runBlocking<T>(seconds: Double?, _ body: @escaping @Sendable () async throws -> T) throws -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    let task = Task(executorPreference: StoreExecutor.shared) {
        do { box.set(.success(try await body())) } catch { box.set(.failure(error)) }
        done.signal()
    }
    if let seconds {
        if done.wait(timeout: .now() + seconds) == .timedOut {
            task.cancel()
            throw BlockingTimeout(seconds: seconds)
        }
    } else {
        done.wait()
    }
    return try box.get()
}

/// No answer within the bound of `runBlocking`.
struct BlockingTimeout: Error, CustomStringConvertible {
    let seconds: Double
    var description: String { "no answer within \(seconds.formatted()) s" }
}

/// The one result a task hands to the thread waiting for it.
private final class ResultBox<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<T, any Error>?

    func set(_ value: Result<T, any Error>) {
        lock.withLock { result = value }
    }

    func get() throws -> T {
        try lock.withLock { result! }.get()
    }
}

/// Runs the store's tasks on a concurrent Dispatch queue, which adds threads when some block.
final class StoreExecutor: TaskExecutor {
    static let shared = StoreExecutor()
    private let queue = DispatchQueue(label: "ecowatch.postgres", attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
