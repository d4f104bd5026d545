import EcoWatchCore

/// A decoded HJ 212-2017 data segment:
/// `QN=…;ST=…;CN=…;PW=…;MN=…;Flag=…;[PNUM=…;PNO=…;]CP=&&…&&`.
public struct HJ212Packet: Hashable, Sendable {
    /// Request number, `YYYYMMDDhhmmsszzz` (17 digits); replies echo it.
    public var qn: String
    /// System type: 21 surface water, 22 ambient air, 26 seawater, 91 system interaction, …
    public var st: Int
    /// Command: 2011 real-time, 2051 minute, 2061 hourly, 2031 daily data; 9011, 9012, 9014
    /// replies, …
    public var cn: DataCommand
    /// Access password, 6 characters.
    public var pw: String
    /// The station's unique number, up to 24 characters.
    public var mn: String
    public var flag: HJ212Flag
    /// PNUM: how many packets the message was split into (when `flag.isSplit`).
    public var packetCount: Int?
    /// PNO: this packet's number, from 1 (when `flag.isSplit`).
    public var packetNumber: Int?
    public var cp: HJ212CP

    public init(qn: String, st: Int, cn: DataCommand, pw: String, mn: String, flag: HJ212Flag,
                packetCount: Int? = nil, packetNumber: Int? = nil, cp: HJ212CP = HJ212CP()) {
        self.qn = qn
        self.st = st
        self.cn = cn
        self.pw = pw
        self.mn = mn
        self.flag = flag
        self.packetCount = packetCount
        self.packetNumber = packetNumber
        self.cp = cp
    }

    /// Checks a whole frame (`##…\r\n`) and decodes its data segment.
    public init(frame: ArraySlice<UInt8>,
                maxDataLength: Int = HJ212Frame.defaultMaxDataLength) throws(HJ212Error) {
        try self.init(dataSegment: HJ212Frame.dataSegment(of: frame, maxDataLength: maxDataLength))
    }

    /// Decodes a data segment.
    ///
    /// QN (17 digits), ST (2 digits), CN (4 digits), PW (6 characters), MN (1–24 characters),
    /// Flag (0–255) and CP are required, in any order but CP last; PNUM and PNO are required
    /// together when Flag's D bit is set and optional otherwise. An unknown or repeated field is
    /// `bad-field`. Pollutant values must be decimal numbers (`bad-cp` otherwise).
    public init(dataSegment data: ArraySlice<UInt8>) throws(HJ212Error) {
        var qn: String?
        var st: Int?
        var cn: DataCommand?
        var pw: String?
        var mn: String?
        var flag: HJ212Flag?
        var packetCount: Int?
        var packetNumber: Int?
        var cp: HJ212CP?

        var index = data.startIndex
        let end = data.endIndex
        while index < end {
            let keyStart = index
            index = ASCII.firstIndex(in: data, from: index, of: ASCII.equals, or: ASCII.semicolon)
            guard index < end, data[index] == ASCII.equals else {
                throw HJ212Error(.badField, "\"\(quoted(data[keyStart..<index]))\" in the data "
                    + "segment is not a name=value field")
            }
            let key = data[keyStart..<index]
            index += 1
            if ASCII.matches(key, "CP") {
                let body = data[index...]
                guard body.count >= 4, body.prefix(2).allSatisfy({ $0 == ASCII.ampersand }),
                      body.suffix(2).allSatisfy({ $0 == ASCII.ampersand }) else {
                    throw HJ212Error(.badCP, "CP must be the last field, written CP=&&…&&; got "
                        + "CP=\(quoted(body))")
                }
                cp = try HJ212CP(bytes: body.dropFirst(2).dropLast(2))
                break
            }
            let valueStart = index
            index = ASCII.firstIndex(in: data, from: index, of: ASCII.semicolon, or: ASCII.semicolon)
            let value = data[valueStart..<index]
            if index < end { index += 1 }

            func duplicate() -> HJ212Error {
                HJ212Error(.badField, "\(quoted(key)) appears twice in the data segment")
            }
            func number(_ name: String, in range: ClosedRange<Int>) throws(HJ212Error) -> Int {
                guard value.count <= 4, let number = ASCII.decimalInteger(value),
                      range.contains(number) else {
                    throw HJ212Error(.badField, "\(name)=\(quoted(value)) is not a number from "
                        + "\(range.lowerBound) to \(range.upperBound)")
                }
                return number
            }
            switch key {
            case "QN":
                guard qn == nil else { throw duplicate() }
                guard value.count == 17, ASCII.allSatisfy(value, ASCII.isDigit) else {
                    throw HJ212Error(.badField, "QN=\(quoted(value)) is not 17 digits "
                        + "(YYYYMMDDhhmmsszzz)")
                }
                qn = String(decoding: value, as: UTF8.self)
            case "ST":
                guard st == nil else { throw duplicate() }
                guard value.count == 2, let number = ASCII.decimalInteger(value) else {
                    throw HJ212Error(.badField, "ST=\(quoted(value)) is not 2 digits")
                }
                st = number
            case "CN":
                guard cn == nil else { throw duplicate() }
                guard value.count == 4, let number = ASCII.decimalInteger(value) else {
                    throw HJ212Error(.badField, "CN=\(quoted(value)) is not 4 digits")
                }
                cn = DataCommand(rawValue: number)
            case "PW":
                guard pw == nil else { throw duplicate() }
                guard value.count == 6, ASCII.allSatisfy(value, Self.isFieldCharacter) else {
                    throw HJ212Error(.badField, "PW=\(quoted(value)) is not 6 characters")
                }
                pw = String(decoding: value, as: UTF8.self)
            case "MN":
                guard mn == nil else { throw duplicate() }
                guard (1...24).contains(value.count), ASCII.allSatisfy(value, Self.isFieldCharacter) else {
                    throw HJ212Error(.badField, "MN=\(quoted(value)) is not 1 to 24 characters")
                }
                mn = String(decoding: value, as: UTF8.self)
            case "Flag":
                guard flag == nil else { throw duplicate() }
                flag = HJ212Flag(rawValue: try number("Flag", in: 0...255))
            case "PNUM":
                guard packetCount == nil else { throw duplicate() }
                packetCount = try number("PNUM", in: 1...9999)
            case "PNO":
                guard packetNumber == nil else { throw duplicate() }
                packetNumber = try number("PNO", in: 1...9999)
            default:
                throw HJ212Error(.badField, "unknown field \"\(quoted(key))\" in the data segment "
                    + "(HJ 212-2017 has QN, ST, CN, PW, MN, Flag, PNUM, PNO and CP)")
            }
        }

        func missing(_ name: String) -> HJ212Error {
            HJ212Error(.missingField, "the data segment has no \(name)= field")
        }
        guard let qn else { throw missing("QN") }
        guard let st else { throw missing("ST") }
        guard let cn else { throw missing("CN") }
        guard let pw else { throw missing("PW") }
        guard let mn else { throw missing("MN") }
        guard let flag else { throw missing("Flag") }
        guard let cp else { throw missing("CP") }
        if flag.isSplit || packetCount != nil || packetNumber != nil {
            guard let packetCount else { throw missing("PNUM") }
            guard let packetNumber else { throw missing("PNO") }
            guard packetNumber <= packetCount else {
                throw HJ212Error(.badField, "PNO=\(packetNumber) is beyond PNUM=\(packetCount)")
            }
        }
        self.init(qn: qn, st: st, cn: cn, pw: pw, mn: mn, flag: flag, packetCount: packetCount,
                  packetNumber: packetNumber, cp: cp)
    }

    /// Printable ASCII other than the separators `;`, `=`, `,` and `&`.
    private static func isFieldCharacter(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F && byte != ASCII.semicolon && byte != ASCII.equals
            && byte != ASCII.comma && byte != ASCII.ampersand
    }

    /// The data segment, fields in the standard's order: ST as 2 digits, CN as 4, PNUM and PNO
    /// only when both are set, then CP. Fields are written as given; decoding checks them.
    public var dataSegment: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(128)
        out.append(contentsOf: "QN=".utf8)
        out.append(contentsOf: qn.utf8)
        out.append(contentsOf: ";ST=".utf8)
        ASCII.appendDecimal(st, width: 2, to: &out)
        out.append(contentsOf: ";CN=".utf8)
        ASCII.appendDecimal(cn.rawValue, width: 4, to: &out)
        out.append(contentsOf: ";PW=".utf8)
        out.append(contentsOf: pw.utf8)
        out.append(contentsOf: ";MN=".utf8)
        out.append(contentsOf: mn.utf8)
        out.append(contentsOf: ";Flag=".utf8)
        ASCII.appendDecimal(flag.rawValue, to: &out)
        if let packetCount, let packetNumber {
            out.append(contentsOf: ";PNUM=".utf8)
            ASCII.appendDecimal(packetCount, to: &out)
            out.append(contentsOf: ";PNO=".utf8)
            ASCII.appendDecimal(packetNumber, to: &out)
        }
        out.append(contentsOf: ";CP=&&".utf8)
        cp.encode(into: &out)
        out.append(contentsOf: "&&".utf8)
        return out
    }

    /// The whole frame: `##`, length, data segment, CRC, CR LF.
    public func frame(maxDataLength: Int = HJ212Frame.defaultMaxDataLength) throws(HJ212Error)
        -> [UInt8] {
        try HJ212Frame.encode(dataSegment: dataSegment, maxDataLength: maxDataLength)
    }
}

extension ASCII {
    /// The index of the first byte of `bytes` from `start` on that is `a` or `b`, or
    /// `bytes.endIndex`.
    static func firstIndex(in bytes: ArraySlice<UInt8>, from start: Int, of a: UInt8,
                           or b: UInt8) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            var offset = start - bytes.startIndex
            while offset < buffer.count, buffer[offset] != a, buffer[offset] != b { offset += 1 }
            return bytes.startIndex + offset
        }
    }

    /// `bytes.allSatisfy(test)`, without an iterator's bounds checks.
    static func allSatisfy(_ bytes: ArraySlice<UInt8>, _ test: (UInt8) -> Bool) -> Bool {
        bytes.withUnsafeBufferPointer { $0.allSatisfy(test) }
    }
}
