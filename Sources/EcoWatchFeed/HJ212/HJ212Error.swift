import EcoWatchCore

/// Why bytes from a station could not be read as HJ 212-2017, for the station's log and for
/// counting refusals by reason (`ecowatch report feed`).
public struct HJ212Error: Error, Hashable, Sendable, CustomStringConvertible {
    /// The machine-readable reason (one of the codec's, `RefusalReason.isMalformed`); its raw
    /// value is what reports count by.
    public let reason: RefusalReason
    /// What was wrong, in words a duty officer or the station's vendor can act on.
    public let message: String

    public init(_ reason: RefusalReason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    /// `reason: message`.
    public var description: String { "\(reason.rawValue): \(message)" }
}

/// Bytes as they may be quoted in a message: printable ASCII as is, the rest as `\xNN`,
/// cut to `limit` bytes with `…`.
func quoted(_ bytes: some Collection<UInt8>, limit: Int = 32) -> String {
    var text = ""
    for byte in bytes.prefix(limit) {
        if byte >= 0x20 && byte < 0x7F {
            text.unicodeScalars.append(Unicode.Scalar(byte))
        } else if byte == 0x0D {
            text += "\\r"
        } else if byte == 0x0A {
            text += "\\n"
        } else {
            let digits = Array("0123456789ABCDEF")
            text += "\\x\(digits[Int(byte >> 4)])\(digits[Int(byte & 0xF)])"
        }
    }
    return bytes.count > limit ? text + "…" : text
}
