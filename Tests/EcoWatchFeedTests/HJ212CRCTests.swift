import Testing
import EcoWatchFeed

/// The data segment of HJ 212-2017's own example frame.
private let example = "QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;"
    + "Flag=5;CP=&&RtdInterval=30&&"

@Test func standardExampleGives1C80() {
    #expect(example.utf8.count == 101)
    #expect(hj212CRC(example.utf8) == 0x1C80)
    #expect(hj212CRCHex(Array(example.utf8)) == "1C80")
}

@Test func crcIsNotModbus() {
    // CRC-16/MODBUS of "123456789" is 0x4B37; HJ 212's keeps only the high byte each step.
    #expect(hj212CRC("123456789".utf8) != 0x4B37)
    #expect(hj212CRC([UInt8]()) == 0xFFFF)
}

@Test func crcMatchesTheBitwiseDefinition() {
    func bitwise(_ bytes: [UInt8]) -> UInt16 {
        var crc: UInt16 = 0xFFFF
        for byte in bytes {
            crc = (crc >> 8) ^ UInt16(byte)
            for _ in 0..<8 {
                crc = crc & 1 != 0 ? (crc >> 1) ^ 0xA001 : crc >> 1
            }
        }
        return crc
    }
    let samples: [[UInt8]] = [[0], [0xFF], Array(0...255), Array("a34004-Rtd=38.2".utf8)]
    for sample in samples {
        #expect(hj212CRC(sample) == bitwise(sample))
    }
    // Contiguous bytes go four at a time, then one at a time: every length up to 40, and
    // every byte value at every place in the group of four (a fixed pseudo-random stream).
    var state: UInt32 = 212
    let stream: [UInt8] = (0..<1200).map { _ in
        state = state &* 1_103_515_245 &+ 12_345
        return UInt8(truncatingIfNeeded: state >> 16)
    }
    for length in 0...40 {
        let sample = Array(stream.prefix(length))
        #expect(hj212CRC(sample) == bitwise(sample))
        #expect(hj212CRC(sample[...]) == bitwise(sample))
    }
    #expect(hj212CRC(stream) == bitwise(stream))
    #expect(hj212CRC(stream.dropFirst(3)) == bitwise(Array(stream.dropFirst(3))))
    for value in UInt8.min...UInt8.max {
        for place in 0..<5 {
            var sample: [UInt8] = Array(repeating: 0x41, count: 6)
            sample[place] = value
            #expect(hj212CRC(sample) == bitwise(sample))
        }
    }
}

@Test func hexIsFourUpperCaseDigits() {
    #expect(hj212CRCHex([UInt8]()) == "FFFF")
    #expect(hj212CRCHex("A".utf8).count == 4)
}
