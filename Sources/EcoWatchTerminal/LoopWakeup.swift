#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A pipe the run loop sleeps on beside the terminal's input: work finished off the loop
/// signals it, so the loop takes the result at once instead of on its next tick.
public final class LoopWakeup: @unchecked Sendable {
    /// The end the loop waits on: readable once signalled, until cleared.
    public let descriptor: Int32
    private let writeEnd: Int32

    /// Nil when no pipe can be made (out of descriptors): the loop then takes results on its ticks.
    public init?() {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return nil }
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        descriptor = ends[0]
        writeEnd = ends[1]
    }

    deinit {
        close(descriptor)
        close(writeEnd)
    }

    /// Wakes the loop; from any thread. A pipe already full is already signalled.
    public func signal() {
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    /// Empties the pipe; whether it had been signalled since the last call.
    @discardableResult
    public func clear() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 64)
        var signalled = false
        while read(descriptor, &buffer, buffer.count) > 0 { signalled = true }
        return signalled
    }
}
