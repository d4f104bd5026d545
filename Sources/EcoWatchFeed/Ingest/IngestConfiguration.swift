/// How an `IngestService` listens and what it admits. The defaults are safe for a station
/// network: loopback only, limits on everything a bad client could exhaust.
public struct IngestConfiguration: Sendable {
    /// Address to bind; loopback unless told otherwise.
    public var host: String
    /// Port to bind; 0 picks a free one (see `IngestService.port`).
    public var port: Int
    /// Connections served at once; more are closed as soon as they are accepted.
    public var maxConnections: Int
    /// The longest data segment accepted (HJ 212-2017: 1024 bytes).
    public var maxDataLength: Int
    /// Seconds without a byte after which a connection is dropped (a half frame that stalls).
    public var idleTimeout: Double
    /// Group commit: at most this many frames per transaction…
    public var batchLimit: Int
    /// …gathered for at most this long after the first one arrives.
    public var batchWindowSeconds: Double
    /// Seconds between sweeps for stations gone stale.
    public var sweepSeconds: Double
    /// Whether to evaluate and raise alarms.
    public var alarms: Bool
    /// Refusals written to the log per second at most; the rest are summed up in one line.
    public var maxRefusalLinesPerSecond: Int
    /// Seconds between attempts to store a batch held back by a full disk or a locked
    /// database (its frames stay unacknowledged meanwhile).
    public var storageRetrySeconds: Double

    public init(host: String = "127.0.0.1", port: Int = 9212, maxConnections: Int = 1024,
                maxDataLength: Int = HJ212Frame.defaultMaxDataLength, idleTimeout: Double = 60,
                batchLimit: Int = 500, batchWindowSeconds: Double = 0.005,
                sweepSeconds: Double = 10, alarms: Bool = true, storageRetrySeconds: Double = 1,
                maxRefusalLinesPerSecond: Int = 20) {
        self.host = host
        self.port = port
        self.maxConnections = maxConnections
        self.maxDataLength = maxDataLength
        self.idleTimeout = idleTimeout
        self.batchLimit = batchLimit
        self.batchWindowSeconds = batchWindowSeconds
        self.sweepSeconds = sweepSeconds
        self.alarms = alarms
        self.storageRetrySeconds = storageRetrySeconds
        self.maxRefusalLinesPerSecond = maxRefusalLinesPerSecond
    }
}
