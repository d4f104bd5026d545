/// The HJ 212-2017 envelope: `##`, the data segment's length as 4 decimal digits, the data
/// segment, its CRC as 4 hex digits, CR LF.
public enum HJ212Frame {
    /// The standard's limit on a data segment, in bytes.
    public static let defaultMaxDataLength = 1024

    /// Bytes the envelope adds to a data segment: `##`, length, CRC, CR LF.
    public static let overhead = 12

    /// Checks a complete frame and returns its data segment.
    ///
    /// The length field must be 4 decimal digits equal to the data segment's byte count; the
    /// CRC field 4 hex digits, either case, equal to `hj212CRC` of the data segment.
    public static func dataSegment(
        of frame: ArraySlice<UInt8>, maxDataLength: Int = defaultMaxDataLength
    ) throws(HJ212Error) -> ArraySlice<UInt8> {
        let start = frame.startIndex
        let end = frame.endIndex
        guard frame.count >= overhead, frame[start] == ASCII.hash,
              frame[start + 1] == ASCII.hash else {
            throw HJ212Error(.notAFrame, "a frame starts with ## and is at least \(overhead) "
                + "bytes long; got \"\(quoted(frame))\"")
        }
        guard frame[end - 2] == ASCII.carriageReturn, frame[end - 1] == ASCII.lineFeed else {
            throw HJ212Error(.notAFrame, "a frame ends with CR LF; this one ends with "
                + "\"\(quoted(frame.suffix(6)))\"")
        }
        let data = frame[(start + 6)..<(end - 6)]
        guard data.count <= maxDataLength else {
            throw HJ212Error(.tooLong, "the data segment has \(data.count) bytes, more than the "
                + "limit of \(maxDataLength); split it into packets (PNUM/PNO)")
        }
        var declared = 0
        let lengthField = frame[(start + 2)..<(start + 6)]
        for byte in lengthField {
            guard byte >= ASCII.zero, byte <= ASCII.nine else {
                throw HJ212Error(.length, "the length field \"\(quoted(lengthField))\" is not 4 "
                    + "decimal digits")
            }
            declared = declared * 10 + Int(byte - ASCII.zero)
        }
        guard declared == data.count else {
            throw HJ212Error(.length, "the length field says \(declared) bytes but the data "
                + "segment has \(data.count)")
        }
        var sent: UInt16 = 0
        let crcField = frame[(end - 6)..<(end - 2)]
        for byte in crcField {
            guard let digit = ASCII.hexValue(byte) else {
                throw HJ212Error(.crc, "the CRC field \"\(quoted(crcField))\" is not 4 hex digits")
            }
            sent = sent << 4 | digit
        }
        let computed = hj212CRC(data)
        guard sent == computed else {
            throw HJ212Error(.crc, "the CRC field says \(quoted(crcField)) but the data segment's "
                + "CRC is \(String(decoding: hexDigits(computed), as: UTF8.self)); the frame was "
                + "damaged, or the sender computes another CRC (HJ 212-2017's is not MODBUS's)")
        }
        return data
    }

    /// Wraps a data segment in a frame: length, CRC in upper-case hex, CR LF.
    public static func encode(
        dataSegment: some Collection<UInt8>, maxDataLength: Int = defaultMaxDataLength
    ) throws(HJ212Error) -> [UInt8] {
        let count = dataSegment.count
        guard count <= min(maxDataLength, 9999) else {
            throw HJ212Error(.tooLong, "the data segment has \(count) bytes, more than the limit "
                + "of \(min(maxDataLength, 9999)); split it into packets (PNUM/PNO)")
        }
        var frame: [UInt8] = []
        frame.reserveCapacity(count + overhead)
        frame.append(ASCII.hash)
        frame.append(ASCII.hash)
        frame.append(ASCII.zero + UInt8(count / 1000))
        frame.append(ASCII.zero + UInt8(count / 100 % 10))
        frame.append(ASCII.zero + UInt8(count / 10 % 10))
        frame.append(ASCII.zero + UInt8(count % 10))
        frame.append(contentsOf: dataSegment)
        frame.append(contentsOf: hexDigits(hj212CRC(dataSegment)))
        frame.append(ASCII.carriageReturn)
        frame.append(ASCII.lineFeed)
        return frame
    }
}
