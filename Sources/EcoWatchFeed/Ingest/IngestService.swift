import Foundation
import NIOCore
import NIOPosix
import EcoWatchCore

/// What every connection of a service shares: the registry check, the writer, the limits and
/// the log.
final class IngestCore: Sendable {
    let configuration: IngestConfiguration
    let admission: IngestAdmission
    let writer: IngestWriter
    let log: @Sendable (String) -> Void
    let connections = Locked(0)

    init(configuration: IngestConfiguration, admission: IngestAdmission, writer: IngestWriter,
         log: @escaping @Sendable (String) -> Void) {
        self.configuration = configuration
        self.admission = admission
        self.writer = writer
        self.log = log
    }

    /// Refusal lines logged in the current second: (second, lines, refusals not logged).
    private let logBudget = Locked<(second: Int64, lines: Int, skipped: Int)>((0, 0, 0))

    /// Counts (through the writer) and logs a refused frame: time, peer, MN if known, reason.
    /// At most `maxRefusalLinesPerSecond` lines a second: a flood of bad frames is summed up in
    /// one line the next second rather than written out frame by frame (every one is counted).
    func refuse(reason: RefusalReason, mn: String?, peer: String, detail: String) {
        let now = Date()
        writer.refuse(reason: reason, mn: mn, time: Int64(now.timeIntervalSince1970))
        let second = Int64(DispatchTime.now().uptimeNanoseconds / 1_000_000_000)
        let limit = configuration.maxRefusalLinesPerSecond
        let (write, skipped) = logBudget.withLock { budget -> (Bool, Int) in
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
            log("\(timestamp(now)) \(skipped) more refusals not logged (over \(limit) lines a second); "
                + "all are counted: ecowatch report feed")
        }
        if write { log("\(timestamp(now)) \(peer) \(mn ?? "-") refused \(reason.rawValue): \(detail)") }
    }

    func timestamp(_ date: Date = Date()) -> String {
        date.formatted(.iso8601)
    }
}

/// The HJ 212-2017 receiver: a TCP server (SwiftNIO) whose connections feed one group-commit
/// writer. A data frame is acknowledged (9014) only after the transaction holding it has
/// committed, so nothing acknowledged is ever lost.
///
/// `start()` binds and returns; `stop()` stops accepting, commits what has arrived, answers
/// it, and closes everything.
public final class IngestService: @unchecked Sendable {
    public let configuration: IngestConfiguration
    private let core: IngestCore
    private let group: MultiThreadedEventLoopGroup
    private var serverChannel: (any Channel)?
    private let stopped = Locked(false)

    /// `stations` is the registry (MN, PW, kind, aliases); `log` receives one line per refusal,
    /// dropped connection or alarm (stderr by default).
    public init(store: any EcoWatchStore, stations: [Station], configuration: IngestConfiguration = .init(),
                threads: Int = System.coreCount,
                log: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }) {
        self.configuration = configuration
        let admission = IngestAdmission(stations: stations)
        let writer = IngestWriter(store: store, stations: admission.stations, configuration: configuration, log: log)
        core = IngestCore(configuration: configuration, admission: admission, writer: writer, log: log)
        group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, threads))
    }

    /// Binds the listening socket and starts serving.
    public func start() throws {
        core.writer.start()
        let core = self.core
        let idle = TimeAmount.nanoseconds(Int64(max(0.001, configuration.idleTimeout) * 1e9))
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                let admitted = core.connections.withLock { count -> Bool in
                    guard count < core.configuration.maxConnections else { return false }
                    count += 1
                    return true
                }
                guard admitted else {
                    core.writer.summary.withLock { $0.rejectedConnections += 1 }
                    core.log("\(core.timestamp()) \(channel.remoteAddress?.description ?? "?") over the limit of "
                             + "\(core.configuration.maxConnections) connections: closed")
                    return channel.close()
                }
                core.writer.summary.withLock { $0.connections += 1 }
                channel.closeFuture.whenComplete { _ in core.connections.withLock { $0 -= 1 } }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(IdleStateHandler(readTimeout: idle))
                    try channel.pipeline.syncOperations.addHandler(IngestHandler(core: core))
                }
            }
        do {
            serverChannel = try bootstrap.bind(host: configuration.host, port: configuration.port).wait()
        } catch {
            core.writer.stop()
            try? group.syncShutdownGracefully()
            throw IngestServiceError(message: "cannot listen on \(configuration.host):\(configuration.port): \(error)")
        }
    }

    /// The port actually bound (useful with port 0).
    public var port: Int { serverChannel?.localAddress?.port ?? configuration.port }

    /// What the service did so far.
    public var summary: IngestSummary { core.writer.summary.withLock { $0 } }

    /// Stops accepting, commits and answers what has arrived, closes every connection. Safe to
    /// call more than once.
    public func stop() {
        let first = stopped.withLock { stopped -> Bool in
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        try? serverChannel?.close().wait()
        core.writer.stop()
        try? group.syncShutdownGracefully()
    }
}

/// The service could not start.
public struct IngestServiceError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
