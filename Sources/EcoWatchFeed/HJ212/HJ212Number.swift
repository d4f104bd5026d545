/// Numbers as HJ 212 writes them: plain decimals (`38.2`, `-0.5`, `1200`), never exponents.
enum HJ212Number {
    /// Powers of ten that a `Double` holds exactly.
    private static let powersOfTen: [Double] = (0...15).map { power in
        (0..<power).reduce(1.0) { value, _ in value * 10 }
    }

    /// Reads a decimal number; nil when the text is not a finite number.
    ///
    /// Up to 15 digits are read directly (an exact integer divided by an exact power of ten,
    /// which rounds once, as a full parser would); anything longer or unusual goes to the
    /// standard library's parser.
    static func parse(_ bytes: ArraySlice<UInt8>) -> Double? {
        bytes.withUnsafeBufferPointer(parse)
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var index = 0
        let end = bytes.count
        var negative = false
        if index < end, bytes[index] == ASCII.minus || bytes[index] == ASCII.plus {
            negative = bytes[index] == ASCII.minus
            index += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var seenDot = false
        while index < end {
            let byte = bytes[index]
            if ASCII.isDigit(byte) {
                mantissa = mantissa &* 10 &+ UInt64(byte - ASCII.zero)
                digits += 1
                if seenDot { fractionDigits += 1 }
            } else if byte == ASCII.dot && !seenDot {
                seenDot = true
            } else {
                return slowParse(bytes)
            }
            index += 1
        }
        guard digits > 0 else { return nil }
        guard digits <= 15 else { return slowParse(bytes) }
        let magnitude = Double(mantissa) / powersOfTen[fractionDigits]
        return negative ? -magnitude : magnitude
    }

    /// Long enough for every plain decimal `append` writes (a finite `Double` needs up to 309
    /// integer digits, or `-0.` and about 325 fraction digits), yet a bound on the work.
    private static let longestNumber = 400

    private static func slowParse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard bytes.count <= longestNumber, let value = Double(String(decoding: bytes, as: UTF8.self)),
              value.isFinite else { return nil }
        return value
    }

    /// Writes `value` as a plain decimal with the fewest digits that read back to the same
    /// `Double` (`38.2`, `0.00001`, `1200`). Infinite and NaN values come out as `inf` and
    /// `nan`, which `parse` (and any receiver) refuses.
    static func append(_ value: Double, to out: inout [UInt8]) {
        guard value.isFinite else {
            out.append(contentsOf: value.description.utf8)
            return
        }
        // The shortest round-trip form, perhaps with an exponent: "-1.25e-05", "1e+16".
        let text = Array(value.description.utf8)
        var index = 0
        if text.first == ASCII.minus {
            out.append(ASCII.minus)
            index = 1
        }
        var digits: [UInt8] = []
        var pointAt: Int?
        var exponent = 0
        while index < text.count {
            let byte = text[index]
            if ASCII.isDigit(byte) {
                digits.append(byte)
            } else if byte == ASCII.dot {
                pointAt = digits.count
            } else {
                // "e" or "E", then a signed exponent.
                var exponentBytes = text[(index + 1)...]
                let negativeExponent = exponentBytes.first == ASCII.minus
                if exponentBytes.first == ASCII.minus || exponentBytes.first == ASCII.plus {
                    exponentBytes = exponentBytes.dropFirst()
                }
                exponent = (ASCII.decimalInteger(exponentBytes) ?? 0) * (negativeExponent ? -1 : 1)
                break
            }
            index += 1
        }
        // Where the decimal point falls among `digits`, then without surplus zeros.
        let point = (pointAt ?? digits.count) + exponent
        var integerPart: ArraySlice<UInt8> = point > 0 ? digits.prefix(point) : []
        var fractionPart: [UInt8] = point < 0 ? Array(repeating: ASCII.zero, count: -point) : []
        fractionPart += digits.dropFirst(Swift.max(point, 0))
        let padding = Swift.max(0, point - digits.count)
        while integerPart.count > 1, integerPart.first == ASCII.zero {
            integerPart = integerPart.dropFirst()
        }
        while fractionPart.last == ASCII.zero { fractionPart.removeLast() }
        if integerPart.isEmpty {
            out.append(ASCII.zero)
        } else {
            out.append(contentsOf: integerPart)
        }
        out.append(contentsOf: repeatElement(ASCII.zero, count: padding))
        if !fractionPart.isEmpty {
            out.append(ASCII.dot)
            out.append(contentsOf: fractionPart)
        }
    }
}
