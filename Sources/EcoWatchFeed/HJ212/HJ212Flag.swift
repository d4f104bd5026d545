/// The `Flag` field of an HJ 212 data segment.
///
/// Bits, high to low: `V5…V0 D A`. A (bit 0) asks for a reply; D (bit 1) marks a split packet
/// carrying PNUM and PNO; V (bits 2–7) is the protocol version: 0 for HJ/T 212-2005, 1 for
/// HJ 212-2017. So a 2017 frame has Flag 4 (no reply wanted) or 5 (reply wanted), and 6 or 7
/// when split.
public struct HJ212Flag: Hashable, Sendable, RawRepresentable {
    public let rawValue: Int

    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    /// A flag for `version` (1 = HJ 212-2017) with the A and D bits as given.
    public init(version: Int = 1, wantsReply: Bool, isSplit: Bool = false) {
        rawValue = version << 2 | (isSplit ? 2 : 0) | (wantsReply ? 1 : 0)
    }

    /// A: the sender wants a reply (9011 or 9014).
    public var wantsReply: Bool { rawValue & 1 != 0 }

    /// D: the data segment is one packet of several (PNUM packets, this is number PNO).
    public var isSplit: Bool { rawValue & 2 != 0 }

    /// The protocol version from bits 2–7: 0 for HJ/T 212-2005, 1 for HJ 212-2017.
    public var version: Int { rawValue >> 2 }
}
