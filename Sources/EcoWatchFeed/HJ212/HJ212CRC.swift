/// The HJ 212-2017 checksum of a data segment.
///
/// Start with 0xFFFF; for each byte, `crc = (crc >> 8) ^ byte`, then eight times shift right,
/// xoring 0xA001 when the bit shifted out was 1. This is the standard's own reference code and
/// it is **not** CRC-16/MODBUS (which xors the byte into the low byte and keeps the high one):
/// only the high byte of the running value survives each step. The standard's example data
/// segment `QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;`
/// `CP=&&RtdInterval=30&&` gives 0x1C80.
///
/// As `(crc >> 8) ^ byte` is below 256, each step is a lookup in a 256-entry table; and as
/// only the high byte of the running value feeds the next step, every step but the last looks
/// up just that byte (one load and one xor per byte on the critical path).
public func hj212CRC(_ bytes: some Sequence<UInt8>) -> UInt16 {
    if let crc = bytes.withContiguousStorageIfAvailable(hj212CRC(buffer:)) { return crc }
    var crc: UInt16 = 0xFFFF
    let table = hj212CRCTable
    table.withUnsafeBufferPointer { table in
        for byte in bytes {
            crc = table[Int((crc >> 8) ^ UInt16(byte))]
        }
    }
    return crc
}

func hj212CRC(buffer bytes: UnsafeBufferPointer<UInt8>) -> UInt16 {
    guard let last = bytes.last else { return 0xFFFF }
    var high: UInt8 = 0xFF
    hj212CRCHighTable.withUnsafeBufferPointer { table in
        for index in 0..<(bytes.count - 1) {
            high = table[Int(high ^ bytes[index])]
        }
    }
    return hj212CRCTable.withUnsafeBufferPointer { $0[Int(high ^ last)] }
}

/// `hj212CRC` as the four upper-case hex digits a frame carries.
public func hj212CRCHex(_ bytes: some Sequence<UInt8>) -> String {
    String(decoding: hexDigits(hj212CRC(bytes)), as: UTF8.self)
}

/// The four upper-case hex digits of `value`.
func hexDigits(_ value: UInt16) -> [UInt8] {
    let digits = Array("0123456789ABCDEF".utf8)
    return [digits[Int(value >> 12)], digits[Int(value >> 8 & 0xF)],
            digits[Int(value >> 4 & 0xF)], digits[Int(value & 0xF)]]
}

/// The high bytes of `hj212CRCTable`.
private let hj212CRCHighTable: [UInt8] = hj212CRCTable.map { UInt8($0 >> 8) }

/// Eight shift-and-xor rounds of every byte value.
private let hj212CRCTable: [UInt16] = (0..<256).map { (value: Int) -> UInt16 in
    var crc = UInt16(value)
    for _ in 0..<8 {
        crc = crc & 1 == 1 ? (crc >> 1) ^ 0xA001 : crc >> 1
    }
    return crc
}
