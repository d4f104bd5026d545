/// The bytes HJ 212 frames are made of, and small readers of them.
enum ASCII {
    static let hash = UInt8(ascii: "#")
    static let carriageReturn = UInt8(ascii: "\r")
    static let lineFeed = UInt8(ascii: "\n")
    static let zero = UInt8(ascii: "0")
    static let nine = UInt8(ascii: "9")
    static let semicolon = UInt8(ascii: ";")
    static let comma = UInt8(ascii: ",")
    static let equals = UInt8(ascii: "=")
    static let ampersand = UInt8(ascii: "&")
    static let minus = UInt8(ascii: "-")
    static let plus = UInt8(ascii: "+")
    static let dot = UInt8(ascii: ".")

    static func isDigit(_ byte: UInt8) -> Bool { byte >= zero && byte <= nine }

    /// Whether `bytes` are exactly the text of `literal` (a byte loop: comparing with a
    /// `String`'s UTF-8 view costs several times more on the decoding path).
    static func matches(_ bytes: ArraySlice<UInt8>, _ literal: StaticString) -> Bool {
        guard bytes.count == literal.utf8CodeUnitCount else { return false }
        return literal.withUTF8Buffer { text in
            var index = bytes.startIndex
            for byte in text {
                if bytes[index] != byte { return false }
                index += 1
            }
            return true
        }
    }

    /// The value of a hex digit of either case.
    static func hexValue(_ byte: UInt8) -> UInt16? {
        switch byte {
        case zero...nine: UInt16(byte - zero)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt16(byte - UInt8(ascii: "A") + 10)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt16(byte - UInt8(ascii: "a") + 10)
        default: nil
        }
    }

    /// A whole number written with only decimal digits (at most 18 of them), nil otherwise.
    static func decimalInteger(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var value = 0
        for byte in bytes {
            guard isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - zero)
        }
        return value
    }

    /// Appends `value` in decimal, zero-padded to `width` digits.
    static func appendDecimal(_ value: Int, width: Int = 1, to out: inout [UInt8]) {
        var digits: [UInt8] = []
        var rest = value.magnitude
        repeat {
            digits.append(zero + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        if value < 0 { out.append(minus) }
        for _ in digits.count..<max(width, digits.count) { out.append(zero) }
        out.append(contentsOf: digits.reversed())
    }
}

/// Lets `switch bytes { case "QN": … }` match a byte slice against a literal.
func ~= (literal: StaticString, bytes: ArraySlice<UInt8>) -> Bool {
    ASCII.matches(bytes, literal)
}
