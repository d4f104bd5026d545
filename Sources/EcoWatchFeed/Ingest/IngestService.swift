import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import EcoWatchCore

/// What every connection of a service shares: the registry check, the writer, the room left
/// in the writer's queue, the connection table and the log.
final class IngestCore: Sendable {
    let configuration: IngestConfiguration
    let admission: IngestAdmission
    let writer: IngestWriter
    let logger: Logger
    let budget: NIOLockedValueBox<IngestBudget>
    /// The longest frame accepted, in bytes (what a slot of credit holds until it is spent).
    let maxFrameBytes: Int
    let table: NIOLockedValueBox<ConnectionTable>
    /// Lines logged in the current second: (second, lines, lines not logged).
    private let logBudget = NIOLockedValueBox<(second: Int64, lines: Int, skipped: Int)>((0, 0, 0))

    init(configuration: IngestConfiguration, admission: IngestAdmission, writer: IngestWriter, logger: Logger) {
        self.configuration = configuration
        self.admission = admission
        self.writer = writer
        self.logger = logger
        maxFrameBytes = configuration.maxDataLength + HJ212Frame.overhead
        budget = NIOLockedValueBox(IngestBudget(maxFrames: configuration.maxQueuedFrames,
                                                maxBytes: configuration.maxQueuedBytes,
                                                maxPerStation: configuration.maxPendingPerStation,
                                                maxFrameBytes: maxFrameBytes))
        table = NIOLockedValueBox(ConnectionTable(maxConnections: configuration.maxConnections,
                                                  maxPerAddress: configuration.maxConnectionsPerAddress))
    }

    /// Seconds on a monotonic clock.
    static func now() -> Double { Double(NIODeadline.now().uptimeNanoseconds) / 1e9 }

    /// Counts a refused frame (in memory, with `frame` as a sample; the writer hands them to
    /// the store) and logs it: peer, MN if known, reason. The MN claimed is counted as such;
    /// the tally and the store bound the counters of MNs outside the registry.
    func refuse(reason: RefusalReason, mn: String?, peer: String, frame: ArraySlice<UInt8>?, detail: String) {
        writer.refuse(reason: reason, mn: mn, peer: peer, frame: frame, time: Int64(Date().timeIntervalSince1970))
        logLimited(.warning, "refused \(reason.rawValue): \(detail)",
                   ["peer": "\(peer)", "mn": "\(mn ?? "-")", "reason": "\(reason.rawValue)"])
    }

    /// Logs at most `maxRefusalLinesPerSecond` such lines a second: a flood (of bad frames, of
    /// connections over a limit) is summed up in one line the next second rather than written
    /// out one by one (every one is counted).
    func logLimited(_ level: Logger.Level, _ message: String, _ metadata: Logger.Metadata) {
        let second = Int64(Self.now())
        let limit = configuration.maxRefusalLinesPerSecond
        let (write, skipped) = logBudget.withLockedValue { budget -> (Bool, Int) in
            var skipped = 0
            if budget.second != second {
                skipped = budget.skipped
                budget = (second, 0, 0)
            }
            budget.lines += 1
            if budget.lines > limit { budget.skipped += 1 }
            return (budget.lines <= limit, skipped)
        }
        if skipped > 0 {
            logger.warning("\(skipped) more refusals not logged (over \(limit) lines a second); all are counted: ecowatch report feed")
        }
        if write { logger.log(level: level, "\(message)", metadata: metadata) }
    }

    /// Gives back committed frames' room in the writer's queue, in one go, to the connections
    /// waiting for it (each told once, on its own event loop).
    func release(_ slots: [IngestBudget.Slot]) {
        guard !slots.isEmpty else { return }
        for grant in budget.withLockedValue({ $0.release(slots) }) { grant.notify() }
    }

    /// Ends a connection's turn: the credit it did not use goes to the connections waiting.
    func settle(_ settlement: IngestBudget.Settlement) {
        for grant in budget.withLockedValue({ $0.settle(settlement) }) { grant.notify() }
    }

    /// Decides whether a new connection gets a slot; closes it, or the one it replaces.
    func admit(_ channel: any Channel) -> Bool {
        let address = channel.remoteAddress?.ipAddress ?? "?"
        let id = ObjectIdentifier(channel)
        let admission = table.withLockedValue {
            $0.admit(id, address: address, now: Self.now(), close: { channel.close(promise: nil) })
        }
        let peer = channel.remoteAddress.map { "\($0.ipAddress ?? "?"):\($0.port ?? 0)" } ?? "?"
        switch admission {
        case .accepted:
            break
        case .acceptedEvicting(let evicted):
            writer.summary.withLockedValue { $0.evictedConnections += 1 }
            evicted.close()
            logLimited(.info, "service full (\(configuration.maxConnections) connections): closed \(evicted.address)'s "
                       + (evicted.completedFrames == 0 ? "connection without a complete frame" : "connection idle longest")
                       + " for a new one", ["peer": "\(peer)"])
        case .overAddressLimit:
            writer.summary.withLockedValue { $0.rejectedConnections += 1 }
            logLimited(.warning, "over the limit of \(configuration.maxConnectionsPerAddress) connections from \(address): closed",
                       ["peer": "\(peer)"])
        case .heldOff:
            writer.summary.withLockedValue { $0.rejectedConnections += 1 }
        case .full:
            writer.summary.withLockedValue { $0.rejectedConnections += 1 }
            logLimited(.warning, "over the limit of \(configuration.maxConnections) connections, every one busy: closed",
                       ["peer": "\(peer)"])
        }
        guard admission.isAccepted else { return false }
        writer.summary.withLockedValue { $0.connections += 1 }
        channel.closeFuture.whenComplete { _ in
            _ = self.table.withLockedValue { $0.remove(id) }
        }
        return true
    }

    /// Turns the peer's address away for `holdOffSeconds`, logged once per period.
    func holdOff(address: String, peer: String, badFrames: Int) {
        let seconds = configuration.holdOffSeconds
        let now = Self.now()
        let new = table.withLockedValue { $0.holdOff(address, until: now + seconds, now: now) }
        writer.summary.withLockedValue { $0.heldOff += 1 }
        if new {
            logger.warning("\(badFrames) bad frames in a row: disconnected; \(address) turned away for \(seconds) s",
                           metadata: ["peer": "\(peer)"])
        }
    }
}

/// The HJ 212-2017 receiver: a TCP server (SwiftNIO) whose connections feed one group-commit
/// writer. A data frame is acknowledged (9014) only after the transaction holding it has
/// committed, so nothing acknowledged is ever lost.
///
/// `start()` binds and returns; `stop()` stops accepting, commits what has arrived, answers
/// it, and closes everything.
public final class IngestService: Sendable {
    public let configuration: IngestConfiguration
    /// Internal for tests, which look at the queue's room (`core.budget`).
    let core: IngestCore
    private let group: MultiThreadedEventLoopGroup
    private let serverChannel = NIOLockedValueBox<(any Channel)?>(nil)
    private let stopped = NIOLockedValueBox(false)

    /// `stations` is the registry (MN, PW, kind, aliases); `logger` receives refusals, dropped
    /// connections, storage faults and alarms.
    public init(store: any EcoWatchStore, stations: [Station], configuration: IngestConfiguration = .init(),
                threads: Int = System.coreCount, logger: Logger = Logger(label: "ecowatch.ingest")) {
        self.configuration = configuration
        let admission = IngestAdmission(stations: stations)
        let writer = IngestWriter(store: store, stations: admission.stations, configuration: configuration, logger: logger)
        core = IngestCore(configuration: configuration, admission: admission, writer: writer, logger: logger)
        group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, threads))
    }

    /// Binds the listening socket and starts serving.
    public func start() throws {
        core.writer.start()
        let core = self.core
        // A read takes at most 16 KiB: what a connection holds beyond its queued frames is
        // bounded by that and one frame. It starts at 16 KiB, so that a burst of frames is read
        // whole and taken in one turn (see `IngestBudget`). The kernel's receive buffer is
        // fixed too (Linux would grow it to 32 MiB a connection): once reading stops, the
        // sender is stopped soon.
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .childChannelOption(.socketOption(.so_rcvbuf), value: 128 << 10)
            .childChannelOption(.recvAllocator, value: AdaptiveRecvByteBufferAllocator(minimum: 64, initial: 16_384, maximum: 16_384))
            .childChannelInitializer { channel in
                guard core.admit(channel) else { return channel.close() }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(IngestHandler(core: core))
                }
            }
        do {
            let channel = try bootstrap.bind(host: configuration.host, port: configuration.port).wait()
            serverChannel.withLockedValue { $0 = channel }
        } catch {
            core.writer.stop()
            try? group.syncShutdownGracefully()
            throw IngestServiceError(message: "cannot listen on \(configuration.host):\(configuration.port): \(error)")
        }
    }

    /// The port actually bound (useful with port 0).
    public var port: Int { serverChannel.withLockedValue { $0?.localAddress?.port } ?? configuration.port }

    /// What the service did so far.
    public var summary: IngestSummary { core.writer.summary.withLockedValue { $0 } }

    /// Stops accepting, commits and answers what has arrived, closes every connection. Safe to
    /// call more than once.
    public func stop() {
        let first = stopped.withLockedValue { stopped -> Bool in
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        try? serverChannel.withLockedValue { $0 }?.close().wait()
        core.writer.stop()
        try? group.syncShutdownGracefully()
    }
}

/// The service could not start.
public struct IngestServiceError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
