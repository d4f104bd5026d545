/// The CP section of an HJ 212 data segment: what is between `CP=&&` and the closing `&&`.
///
/// `DataTime=YYYYMMDDhhmmss;` then groups separated by `;`, items in a group by `,`. Items named
/// `name-Suffix` are pollutant items and are gathered per pollutant name, in order of first
/// appearance; any other item (`RtdInterval=30`, `QnRtn=1`) is kept as a field.
public struct HJ212CP: Hashable, Sendable {
    /// `DataTime`, `YYYYMMDDhhmmss` as sent (checked to be digits of a plausible time).
    public var dataTime: String?
    public var pollutants: [HJ212Pollutant]
    /// Items that are neither DataTime nor pollutant items, in order.
    public var fields: [HJ212Field]

    public init(dataTime: String? = nil, pollutants: [HJ212Pollutant] = [],
                fields: [HJ212Field] = []) {
        self.dataTime = dataTime
        self.pollutants = pollutants
        self.fields = fields
    }

    /// The pollutant sent under `name` (a code or a logger's own name), if any.
    public func pollutant(named name: String) -> HJ212Pollutant? {
        pollutants.first { $0.name == name }
    }

    /// The text of the field `name`, if any.
    public func field(named name: String) -> String? {
        fields.first { $0.name == name }?.value
    }
}

extension HJ212CP {
    /// Reads the bytes between `CP=&&` and `&&`.
    ///
    /// The hot path of decoding: it walks the bytes through an `UnsafeBufferPointer` (no
    /// bounds checks, no slice retains per item) and builds `ArraySlice`s only for messages.
    init(bytes: ArraySlice<UInt8>) throws(HJ212Error) {
        self.init()
        try bytes.withUnsafeBufferPointer { (buffer) throws(HJ212Error) in
            try read(buffer, original: bytes)
        }
    }

    private mutating func read(_ bytes: UnsafeBufferPointer<UInt8>,
                               original: ArraySlice<UInt8>) throws(HJ212Error) {
        // Offsets in `bytes` where each pollutant's name starts and ends, to match items
        // without making strings.
        var names: [(start: Int, end: Int, fingerprint: UInt64)] = []
        var index = 0
        let end = bytes.count
        while index < end {
            let keyStart = index
            index = ASCII.firstIndex(in: bytes, from: index, of: ASCII.equals, ASCII.comma, ASCII.semicolon)
            if index == keyStart {
                // An empty item (`;;`, a trailing `;`): nothing to read.
                if index < end, bytes[index] != ASCII.equals {
                    index += 1
                    continue
                }
            }
            guard index < end, bytes[index] == ASCII.equals, index > keyStart else {
                let key = original[(original.startIndex + keyStart)..<(original.startIndex + index)]
                throw HJ212Error(.badCP, "CP item \"\(quoted(key))\" is not name=value")
            }
            let keyEnd = index
            index += 1
            let valueStart = index
            index = ASCII.firstIndex(in: bytes, from: index, of: ASCII.comma, ASCII.semicolon, ASCII.semicolon)
            let valueEnd = index
            if index < end { index += 1 }
            try read(key: keyStart..<keyEnd, value: valueStart..<valueEnd, in: bytes, original: original,
                     names: &names)
        }
    }

    private mutating func read(key: Range<Int>, value: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>,
                               original: ArraySlice<UInt8>,
                               names: inout [(start: Int, end: Int, fingerprint: UInt64)]) throws(HJ212Error) {
        func slice(_ range: Range<Int>) -> ArraySlice<UInt8> {
            original[(original.startIndex + range.lowerBound)..<(original.startIndex + range.upperBound)]
        }
        let keyBytes = UnsafeBufferPointer(rebasing: bytes[key])
        let valueBytes = UnsafeBufferPointer(rebasing: bytes[value])
        if ASCII.matches(keyBytes, "DataTime") {
            guard dataTime == nil else {
                throw HJ212Error(.badCP, "DataTime appears twice in CP")
            }
            guard isDataTime(valueBytes) else {
                throw HJ212Error(.badCP, "DataTime=\(quoted(slice(value))) is not YYYYMMDDhhmmss")
            }
            dataTime = String(decoding: valueBytes, as: UTF8.self)
            return
        }
        // The last `-` splits name and suffix; suffixes are short, so look from the end.
        var dash = key.upperBound - 1
        while dash >= key.lowerBound, bytes[dash] != ASCII.minus { dash -= 1 }
        guard dash > key.lowerBound, dash < key.upperBound - 1 else {
            fields.append(HJ212Field(name: String(decoding: keyBytes, as: UTF8.self),
                                     value: String(decoding: valueBytes, as: UTF8.self)))
            return
        }
        let name = UnsafeBufferPointer(rebasing: bytes[key.lowerBound..<dash])
        // The name as a word, to tell pollutants apart before comparing bytes: a name of up
        // to 8 bytes is the word itself (so the same word and length is the same name), a
        // longer one is folded into it. And whether the bytes are all ASCII.
        var print: UInt64 = 0
        var bits: UInt8 = 0
        if name.count <= 8 {
            if key.lowerBound + 8 <= bytes.count, let base = bytes.baseAddress, Self.littleEndian {
                let word = UnsafeRawPointer(base + key.lowerBound).loadUnaligned(as: UInt64.self)
                print = name.count == 8 ? word : word & ((1 << UInt64(name.count * 8)) &- 1)
                bits = print & 0x8080_8080_8080_8080 == 0 ? 0 : 0x80
            } else {
                for offset in 0..<name.count {
                    print |= UInt64(name[offset]) << UInt64(offset * 8)
                    bits |= name[offset]
                }
            }
        } else {
            for offset in 0..<name.count {
                print = print &* 31 &+ UInt64(name[offset])
                bits |= name[offset]
            }
        }
        guard bits < 0x80 || String(decoding: name, as: UTF8.self).utf8.elementsEqual(name) else {
            throw HJ212Error(.badCP, "CP item \"\(quoted(slice(key)))\": the name is not UTF-8 text")
        }
        // A pollutant is found by its name's word and length first, and only then (when longer
        // than a word) byte for byte.
        func isNamed(_ slot: Int) -> Bool {
            let (start, end, fingerprint) = names[slot]
            guard fingerprint == print, end - start == name.count else { return false }
            if name.count <= 8 { return true }
            var offset = 0
            while offset < name.count {
                if bytes[start + offset] != name[offset] { return false }
                offset += 1
            }
            return true
        }
        var slot = names.count - 1
        if slot < 0 || !isNamed(slot) {
            slot = 0
            while slot < names.count, !isNamed(slot) { slot += 1 }
            if slot == names.count {
                if pollutants.isEmpty {
                    // Room for the pollutants a section this long is likely to hold, in one
                    // allocation (a pollutant sent as `a34004-Rtd=38.2,a34004-Flag=N;` takes
                    // 30 bytes; the array grows as usual if there are more).
                    let guess = Swift.min(Swift.max(bytes.count / 24, 4), 64)
                    pollutants.reserveCapacity(guess)
                    names.reserveCapacity(guess)
                }
                pollutants.append(HJ212Pollutant(name: String(decoding: name, as: UTF8.self)))
                names.append((key.lowerBound, dash, print))
            }
        }
        try pollutants[slot].read(suffix: UnsafeBufferPointer(rebasing: bytes[(dash + 1)..<key.upperBound]),
                                  value: valueBytes, key: slice(key), valueText: slice(value))
    }

    private static var littleEndian: Bool {
        #if _endian(little)
        true
        #else
        false
        #endif
    }

    /// 14 digits whose month, day, hour, minute and second are in range.
    private func isDataTime(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard value.count == 14, value.allSatisfy(ASCII.isDigit) else { return false }
        func number(_ offset: Int) -> Int {
            Int(value[offset] - ASCII.zero) * 10 + Int(value[offset + 1] - ASCII.zero)
        }
        return (1...12).contains(number(4)) && (1...31).contains(number(6))
            && number(8) < 24 && number(10) < 60 && number(12) < 60
    }

    /// Writes the section's content (without the `&&`s); a pollutant with no items has nothing
    /// to write and is left out.
    func encode(into out: inout [UInt8]) {
        var first = true
        func separate(_ out: inout [UInt8]) {
            if !first { out.append(ASCII.semicolon) }
            first = false
        }
        if let dataTime {
            separate(&out)
            out.append(contentsOf: "DataTime=".utf8)
            out.append(contentsOf: dataTime.utf8)
        }
        for field in fields {
            separate(&out)
            out.append(contentsOf: field.name.utf8)
            out.append(ASCII.equals)
            out.append(contentsOf: field.value.utf8)
        }
        for pollutant in pollutants where !pollutant.isEmpty {
            separate(&out)
            pollutant.encode(into: &out)
        }
    }
}

extension HJ212Pollutant {
    /// Takes in one `name-suffix=value` item (`key` and `valueText` are the same bytes, for
    /// messages).
    mutating func read(suffix: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>,
                       key: @autoclosure () -> ArraySlice<UInt8>,
                       valueText: @autoclosure () -> ArraySlice<UInt8>) throws(HJ212Error) {
        func number() throws(HJ212Error) -> Double {
            guard let number = HJ212Number.parse(value) else {
                throw HJ212Error(.badCP, "\(quoted(key()))=\(quoted(valueText())) is not a number")
            }
            return number
        }
        func twice() -> HJ212Error {
            HJ212Error(.badCP, "\(quoted(key())) appears twice in CP")
        }
        switch suffix.count {
        case 3 where ASCII.matches(suffix, "Rtd"):
            guard rtd == nil else { throw twice() }
            rtd = try number()
        case 3 where ASCII.matches(suffix, "Min"):
            guard min == nil else { throw twice() }
            min = try number()
        case 3 where ASCII.matches(suffix, "Avg"):
            guard avg == nil else { throw twice() }
            avg = try number()
        case 3 where ASCII.matches(suffix, "Max"):
            guard max == nil else { throw twice() }
            max = try number()
        case 3 where ASCII.matches(suffix, "Cou"):
            guard cou == nil else { throw twice() }
            cou = try number()
        case 4 where ASCII.matches(suffix, "Flag"):
            guard flag == nil else { throw twice() }
            flag = ASCII.string(value)
        default:
            otherItems.append(HJ212Field(name: String(decoding: suffix, as: UTF8.self),
                                         value: String(decoding: value, as: UTF8.self)))
        }
    }

    /// True when there is no item to write.
    var isEmpty: Bool {
        rtd == nil && min == nil && avg == nil && max == nil && cou == nil && flag == nil
            && otherItems.isEmpty
    }

    /// Writes the pollutant's items, comma-separated: Rtd, Min, Avg, Max, Cou, the others,
    /// then Flag.
    func encode(into out: inout [UInt8]) {
        var first = true
        func item(_ suffix: String, _ write: (inout [UInt8]) -> Void) {
            if !first { out.append(ASCII.comma) }
            first = false
            out.append(contentsOf: name.utf8)
            out.append(ASCII.minus)
            out.append(contentsOf: suffix.utf8)
            out.append(ASCII.equals)
            write(&out)
        }
        for (suffix, value) in [("Rtd", rtd), ("Min", min), ("Avg", avg), ("Max", max),
                                ("Cou", cou)] {
            if let value { item(suffix) { HJ212Number.append(value, to: &$0) } }
        }
        for other in otherItems {
            item(other.name) { $0.append(contentsOf: other.value.utf8) }
        }
        if let flag { item("Flag") { $0.append(contentsOf: flag.utf8) } }
    }
}

extension ASCII {
    /// Whether `bytes` are exactly the text of `literal`.
    static func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        guard bytes.count == literal.utf8CodeUnitCount else { return false }
        let text = literal.utf8Start
        var index = 0
        while index < bytes.count {
            if bytes[index] != text[index] { return false }
            index += 1
        }
        return true
    }

    /// `String(decoding: bytes, as: UTF8.self)`, with one-byte ASCII texts (data flags: `N`,
    /// `F`, `M`…) taken ready-made.
    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if bytes.count == 1, bytes[0] < 0x80 { return oneByteStrings[Int(bytes[0])] }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let oneByteStrings: [String] = (0..<0x80).map { (byte: UInt8) in
        String(decoding: CollectionOfOne(byte), as: UTF8.self)
    }
}

extension ASCII {
    /// The offset of the first byte of `bytes` from `start` on that is `a`, `b` or `c`, or
    /// `bytes.count`. Eight bytes at a time: a byte equal to `a` is a zero byte of
    /// `word ^ (a repeated)`, and the lowest zero byte of a word is found exactly by
    /// `(x - 0x01…01) & ~x & 0x80…80`.
    static func firstIndex(in bytes: UnsafeBufferPointer<UInt8>, from start: Int,
                           of a: UInt8, _ b: UInt8, _ c: UInt8) -> Int {
        var index = start
        let count = bytes.count
        guard let base = bytes.baseAddress else { return count }
        #if _endian(little)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let repeatedA = ones &* UInt64(a)
        let repeatedB = ones &* UInt64(b)
        let repeatedC = ones &* UInt64(c)
        while count - index >= 8 {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let xa = word ^ repeatedA
            let xb = word ^ repeatedB
            let xc = word ^ repeatedC
            let found = ((xa &- ones) & ~xa | (xb &- ones) & ~xb | (xc &- ones) & ~xc) & highs
            if found != 0 { return index + found.trailingZeroBitCount / 8 }
            index += 8
        }
        #endif
        while index < count {
            let byte = base[index]
            if byte == a || byte == b || byte == c { return index }
            index += 1
        }
        return count
    }
}
