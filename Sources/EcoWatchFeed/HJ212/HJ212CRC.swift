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
/// only the high byte of the running value feeds the next step, every step but the last needs
/// just that byte: `high = H[high ^ byte]`, `H` the table's high bytes.
///
/// The shifts and xors are linear over GF(2), so `H[a ^ b] = H[a] ^ H[b]`, and four steps are
/// `H⁴[high ^ b0] ^ H³[b1] ^ H²[b2] ^ H[b3]` (`Hᵏ` is `H` applied k times): one lookup on the
/// chain from one `high` to the next per four bytes instead of four, the other three
/// independent of it.
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
    let steps = bytes.count - 1
    hj212CRCHighTables.withUnsafeBufferPointer { tables in
        // tables[256 * (k - 1) + x] is Hᵏ[x].
        var index = 0
        while steps - index >= 4 {
            high = tables[768 + Int(high ^ bytes[index])] ^ tables[512 + Int(bytes[index + 1])]
                ^ tables[256 + Int(bytes[index + 2])] ^ tables[Int(bytes[index + 3])]
            index += 4
        }
        while index < steps {
            high = tables[Int(high ^ bytes[index])]
            index += 1
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

/// `H`, `H²`, `H³` and `H⁴` one after the other, `H` the high bytes of `hj212CRCTable`.
private let hj212CRCHighTables: [UInt8] = {
    let once = hj212CRCTable.map { UInt8($0 >> 8) }
    var tables = once
    var power = once
    for _ in 2...4 {
        power = power.map { once[Int($0)] }
        tables += power
    }
    return tables
}()

/// Eight shift-and-xor rounds of every byte value.
private let hj212CRCTable: [UInt16] = (0..<256).map { (value: Int) -> UInt16 in
    var crc = UInt16(value)
    for _ in 0..<8 {
        crc = crc & 1 == 1 ? (crc >> 1) ^ 0xA001 : crc >> 1
    }
    return crc
}
