/// How an `IngestService` listens and what it admits. The defaults are safe for a station
/// network: loopback only, limits on everything a bad client could exhaust.
public struct IngestConfiguration: Sendable {
    /// Address to bind; loopback unless told otherwise.
    public var host: String
    /// Port to bind; 0 picks a free one (see `IngestService.port`).
    public var port: Int
    /// Connections served at once. When full, a new connection takes the slot of the one
    /// without a complete frame, or idle longest; when every one is busy, it is closed.
    public var maxConnections: Int
    /// Connections from one source address at once; more are closed as they are accepted.
    public var maxConnectionsPerAddress: Int
    /// The longest data segment accepted (HJ 212-2017: 1024 bytes).
    public var maxDataLength: Int
    /// Seconds without a byte after which a connection is dropped.
    public var idleTimeout: Double
    /// Seconds within which a frame that has begun must be complete (a peer dripping bytes).
    public var frameDeadline: Double
    /// Frames not yet committed, over all connections: at most this many…
    public var maxQueuedFrames: Int
    /// …and this many bytes (their frames' lengths). Over either, connections stop being read.
    public var maxQueuedBytes: Int
    /// Frames one connection may have waiting for their commit before it stops being read.
    public var maxPendingPerConnection: Int
    /// Frames one station (MN) may have waiting for their commit, over all its connections.
    public var maxPendingPerStation: Int
    /// Bad frames in a row (malformed or refused) after which a peer is disconnected…
    public var badFrameLimit: Int
    /// …and its address turned away for this many seconds.
    public var holdOffSeconds: Double
    /// Group commit: at most this many frames per transaction…
    public var batchLimit: Int
    /// …gathered for at most this long after the first one arrives.
    public var batchWindowSeconds: Double
    /// Seconds between sweeps for stations gone stale.
    public var sweepSeconds: Double
    /// Whether to evaluate and raise alarms.
    public var alarms: Bool
    /// Seconds a condition must hold before its alarm is raised, and its end before it clears.
    public var alarmRaiseAfter: Int64
    public var alarmClearAfter: Int64
    /// Refusals written to the log per second at most; the rest are summed up in one line.
    public var maxRefusalLinesPerSecond: Int
    /// Seconds between attempts to store a batch held back by a full disk or a locked
    /// database (its frames stay unacknowledged meanwhile).
    public var storageRetrySeconds: Double
    /// History requests for gaps (`GapTracker`): records asked for per request at most…
    public var gapRecordsPerRequest: Int
    /// …seconds to wait for the station's answer before asking again…
    public var gapAnswerTimeout: Double
    /// …attempts per request before it is given up…
    public var gapAttempts: Int
    /// …and how far back before a gap's end records are asked for.
    public var gapLookBackSeconds: Int64

    public init(host: String = "127.0.0.1", port: Int = 9212, maxConnections: Int = 1024,
                maxConnectionsPerAddress: Int = 64,
                maxDataLength: Int = HJ212Frame.defaultMaxDataLength, idleTimeout: Double = 60,
                frameDeadline: Double = 10,
                maxQueuedFrames: Int = 16_000, maxQueuedBytes: Int = 8 << 20,
                maxPendingPerConnection: Int = 256, maxPendingPerStation: Int = 1_000,
                badFrameLimit: Int = 20, holdOffSeconds: Double = 60,
                batchLimit: Int = 500, batchWindowSeconds: Double = 0.005,
                sweepSeconds: Double = 10, alarms: Bool = true, storageRetrySeconds: Double = 1,
                maxRefusalLinesPerSecond: Int = 20, alarmRaiseAfter: Int64 = 60, alarmClearAfter: Int64 = 120,
                gapRecordsPerRequest: Int = 120, gapAnswerTimeout: Double = 30, gapAttempts: Int = 3,
                gapLookBackSeconds: Int64 = 7 * 86_400) {
        self.host = host
        self.port = port
        self.maxConnections = maxConnections
        self.maxConnectionsPerAddress = maxConnectionsPerAddress
        self.maxDataLength = maxDataLength
        self.idleTimeout = idleTimeout
        self.frameDeadline = frameDeadline
        self.maxQueuedFrames = maxQueuedFrames
        self.maxQueuedBytes = maxQueuedBytes
        self.maxPendingPerConnection = maxPendingPerConnection
        self.maxPendingPerStation = maxPendingPerStation
        self.badFrameLimit = badFrameLimit
        self.holdOffSeconds = holdOffSeconds
        self.batchLimit = batchLimit
        self.batchWindowSeconds = batchWindowSeconds
        self.sweepSeconds = sweepSeconds
        self.alarms = alarms
        self.storageRetrySeconds = storageRetrySeconds
        self.maxRefusalLinesPerSecond = maxRefusalLinesPerSecond
        self.alarmRaiseAfter = alarmRaiseAfter
        self.alarmClearAfter = alarmClearAfter
        self.gapRecordsPerRequest = gapRecordsPerRequest
        self.gapAnswerTimeout = gapAnswerTimeout
        self.gapAttempts = gapAttempts
        self.gapLookBackSeconds = gapLookBackSeconds
    }
}
