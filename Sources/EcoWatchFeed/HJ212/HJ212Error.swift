/// Why bytes from a station could not be read as HJ 212-2017, for the station's log and for
/// counting refusals by reason (`ecowatch report feed`).
public struct HJ212Error: Error, Hashable, Sendable, CustomStringConvertible {
    /// The machine-readable reason; its raw value is what reports count by.
    public enum Reason: String, CaseIterable, Sendable, Codable {
        /// Bytes outside any frame (nothing starting with `##`).
        case notAFrame = "not-a-frame"
        /// The length field is not 4 digits or disagrees with the data segment, or the frame was
        /// cut short by the next `##`.
        case length
        /// The CRC field is not 4 hex digits or does not match the data segment.
        case crc
        /// The data segment is longer than the limit (1024 bytes by default).
        case tooLong = "too-long"
        /// A field of the data segment (QN, ST, CN, PW, MN, Flag, PNUM, PNO) is malformed,
        /// repeated or unknown.
        case badField = "bad-field"
        /// A required field is absent.
        case missingField = "missing-field"
        /// The CP section is malformed: not `&&…&&`, an item without `=`, a value that is not a
        /// number, a bad DataTime.
        case badCP = "bad-cp"
    }

    public let reason: Reason
    /// What was wrong, in words a duty officer or the station's vendor can act on.
    public let message: String

    public init(_ reason: Reason, _ message: String) {
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
