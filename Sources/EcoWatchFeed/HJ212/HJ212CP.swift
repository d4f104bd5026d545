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
    init(bytes: ArraySlice<UInt8>) throws(HJ212Error) {
        self.init()
        // Where each pollutant's name lies in `bytes`, to match items without making strings.
        var names: [Range<Int>] = []
        var index = bytes.startIndex
        let end = bytes.endIndex
        while index < end {
            let keyStart = index
            while index < end, bytes[index] != ASCII.equals, bytes[index] != ASCII.comma,
                  bytes[index] != ASCII.semicolon {
                index += 1
            }
            if index == keyStart {
                // An empty item (`;;`, a trailing `;`): nothing to read.
                if index < end, bytes[index] != ASCII.equals {
                    index += 1
                    continue
                }
            }
            guard index < end, bytes[index] == ASCII.equals, index > keyStart else {
                throw HJ212Error(.badCP, "CP item \"\(quoted(bytes[keyStart..<index]))\" is not "
                    + "name=value")
            }
            let key = bytes[keyStart..<index]
            index += 1
            let valueStart = index
            while index < end, bytes[index] != ASCII.comma, bytes[index] != ASCII.semicolon {
                index += 1
            }
            let value = bytes[valueStart..<index]
            if index < end { index += 1 }
            try read(key: key, value: value, in: bytes, names: &names)
        }
    }

    private mutating func read(key: ArraySlice<UInt8>, value: ArraySlice<UInt8>,
                               in bytes: ArraySlice<UInt8>,
                               names: inout [Range<Int>]) throws(HJ212Error) {
        if ASCII.matches(key, "DataTime") {
            guard dataTime == nil else {
                throw HJ212Error(.badCP, "DataTime appears twice in CP")
            }
            guard isDataTime(value) else {
                throw HJ212Error(.badCP, "DataTime=\(quoted(value)) is not YYYYMMDDhhmmss")
            }
            dataTime = String(decoding: value, as: UTF8.self)
            return
        }
        guard let dash = key.lastIndex(of: ASCII.minus), dash > key.startIndex,
              dash < key.endIndex - 1 else {
            fields.append(HJ212Field(name: String(decoding: key, as: UTF8.self),
                                     value: String(decoding: value, as: UTF8.self)))
            return
        }
        let name = key[..<dash]
        // Names are matched byte for byte but kept as `String`s: bytes that are not UTF-8 would
        // all become U+FFFD, and two pollutants would share one name.
        guard name.allSatisfy({ $0 < 0x80 })
                || String(decoding: name, as: UTF8.self).utf8.elementsEqual(name) else {
            throw HJ212Error(.badCP, "CP item \"\(quoted(key))\": the name is not UTF-8 text")
        }
        let suffix = key[(dash + 1)...]
        func isNamed(_ slot: Int) -> Bool { bytes[names[slot]].elementsEqual(name) }
        let slot: Int
        if let last = names.indices.last, isNamed(last) {
            slot = last
        } else if let found = names.indices.first(where: isNamed) {
            slot = found
        } else {
            if pollutants.isEmpty {
                // Most frames carry a handful of pollutants: grow once, not four times.
                pollutants.reserveCapacity(8)
                names.reserveCapacity(8)
            }
            pollutants.append(HJ212Pollutant(name: String(decoding: name, as: UTF8.self)))
            names.append(name.indices)
            slot = pollutants.count - 1
        }
        try pollutants[slot].read(suffix: suffix, value: value, key: key)
    }

    /// 14 digits whose month, day, hour, minute and second are in range.
    private func isDataTime(_ value: ArraySlice<UInt8>) -> Bool {
        guard value.count == 14, value.allSatisfy(ASCII.isDigit) else { return false }
        func number(_ offset: Int, _ length: Int) -> Int {
            let from = value.startIndex + offset
            return ASCII.decimalInteger(value[from..<(from + length)]) ?? -1
        }
        return (1...12).contains(number(4, 2)) && (1...31).contains(number(6, 2))
            && number(8, 2) < 24 && number(10, 2) < 60 && number(12, 2) < 60
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
    /// Takes in one `name-suffix=value` item.
    mutating func read(suffix: ArraySlice<UInt8>, value: ArraySlice<UInt8>,
                       key: ArraySlice<UInt8>) throws(HJ212Error) {
        func number() throws(HJ212Error) -> Double {
            guard let number = HJ212Number.parse(value) else {
                throw HJ212Error(.badCP, "\(quoted(key))=\(quoted(value)) is not a number")
            }
            return number
        }
        func twice() -> HJ212Error {
            HJ212Error(.badCP, "\(quoted(key)) appears twice in CP")
        }
        switch suffix {
        case "Rtd":
            guard rtd == nil else { throw twice() }
            rtd = try number()
        case "Min":
            guard min == nil else { throw twice() }
            min = try number()
        case "Avg":
            guard avg == nil else { throw twice() }
            avg = try number()
        case "Max":
            guard max == nil else { throw twice() }
            max = try number()
        case "Cou":
            guard cou == nil else { throw twice() }
            cou = try number()
        case "Flag":
            guard flag == nil else { throw twice() }
            flag = String(decoding: value, as: UTF8.self)
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
