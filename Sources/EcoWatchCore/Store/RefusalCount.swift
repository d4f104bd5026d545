/// Refused frames of one minute, one reason and one claimed MN: how refusals are kept. A
/// refusal is never stored a row each, so a flood of bad frames costs a counter, not a row.
public struct RefusalCount: Hashable, Sendable {
    /// Start of the minute (seconds since 1970, a multiple of 60).
    public let minute: Int64
    public let reason: RefusalReason
    /// The MN the frames claimed; nil when none could be read. `RefusalCount.otherMNs` stands
    /// for unregistered MNs beyond `RefusalLimits.unregisteredRowsPerMinute` in a minute.
    public let mn: String?
    public let count: Int

    /// The bucket of unregistered MNs over the per-minute limit.
    public static let otherMNs = "*"

    /// `time` is any moment of the minute; it is kept as the minute's start.
    public init(time: Int64, reason: RefusalReason, mn: String?, count: Int) {
        self.minute = time - ((time % 60) + 60) % 60
        self.reason = reason
        self.mn = mn
        self.count = count
    }
}

/// The start of a frame refused, for the duty officer: who sent it, when, why.
public struct BadFrameSample: Hashable, Sendable {
    /// The peer's address as the service names it (`192.0.2.7:50312`).
    public let peer: String
    public let time: Int64
    public let reason: RefusalReason
    public let mn: String?
    /// The frame's first bytes, printable (other bytes as `\xNN`), at most
    /// `RefusalLimits.sampleBytes` of the frame, then `…`.
    public let excerpt: String

    public init(peer: String, time: Int64, reason: RefusalReason, mn: String?, bytes: some Collection<UInt8>) {
        self.peer = peer
        self.time = time
        self.reason = reason
        self.mn = mn
        var text = ""
        for byte in bytes.prefix(RefusalLimits.sampleBytes) {
            if byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "\\") {
                text.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                text += "\\x" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        if bytes.count > RefusalLimits.sampleBytes { text += "…" }
        self.excerpt = text
    }

    /// A sample as stored (the excerpt already made).
    public init(peer: String, time: Int64, reason: RefusalReason, mn: String?, excerpt: String) {
        self.peer = peer
        self.time = time
        self.reason = reason
        self.mn = mn
        self.excerpt = excerpt
    }
}

/// The bounds on what refusals may occupy in the database, whatever a peer sends.
public enum RefusalLimits {
    /// Counters are kept this long (30 days), then pruned.
    public static let retentionSeconds: Int64 = 30 * 86_400
    /// Counters of unregistered MNs (reason and MN) kept apart per minute; more go to
    /// `RefusalCount.otherMNs` under their reason. Registered stations are always counted
    /// apart (the registry bounds them), so a minute holds at most this many rows, plus two
    /// per reason (no MN, other MNs), plus the registered stations refused in it.
    public static let unregisteredRowsPerMinute = 16
    /// Bad frames kept per peer (the latest).
    public static let samplesPerPeer = 5
    /// Peers whose samples are kept (those heard from last).
    public static let samplePeers = 32
    /// Bytes of a frame kept in a sample.
    public static let sampleBytes = 120
}
