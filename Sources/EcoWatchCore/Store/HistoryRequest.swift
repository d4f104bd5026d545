/// A history request the ingest service sent a station to get back records it missed
/// (HJ 212-2017: CN 2051, 2061 or 2031 with `BeginTime`/`EndTime`), and what came of it.
/// One per gap span: a retry sends it again under a new QN.
public struct HistoryRequest: Hashable, Sendable {
    /// Where a request stands.
    public enum State: String, CaseIterable, Sendable {
        /// Sent; no answer yet.
        case sent
        /// Answered 9011 QnRtn=1: the station is sending the records.
        case accepted
        /// Answered 9012 ExeRtn=1: the station has sent what it had.
        case done
        /// Answered with a refusal or a failure, or unanswered, more times than allowed.
        case failed
    }

    public let mn: String
    /// The data asked for: minute, hourly or daily records.
    public let cn: DataCommand
    /// First and last record time asked for (seconds since 1970), both included.
    public let begin: Int64
    public let end: Int64
    /// The QN of the latest attempt.
    public var qn: String
    /// When the latest attempt was sent (seconds since 1970).
    public var sent: Int64
    public var attempts: Int
    public var state: State
    /// When the 9012 came (or the request was given up).
    public var finished: Int64?
    /// Records (readings) new to the database that came under the request's QNs.
    public var records: Int

    public init(mn: String, cn: DataCommand, begin: Int64, end: Int64, qn: String, sent: Int64, attempts: Int = 1,
                state: State = .sent, finished: Int64? = nil, records: Int = 0) {
        self.mn = mn
        self.cn = cn
        self.begin = begin
        self.end = end
        self.qn = qn
        self.sent = sent
        self.attempts = attempts
        self.state = state
        self.finished = finished
        self.records = records
    }
}

/// All history requests since the database was made, summed.
public struct HistoryRequestTotals: Hashable, Sendable {
    public var requests = 0
    /// Attempts sent, retries included.
    public var attempts = 0
    public var done = 0
    public var failed = 0
    public var records = 0

    public init() {}
}
