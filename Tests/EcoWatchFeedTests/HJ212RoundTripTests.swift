import EcoWatchCore
import Testing
import EcoWatchFeed

/// SplitMix64: a small, seeded, deterministic generator, so failures reproduce.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

private func digits(_ count: Int, using random: inout SplitMix64) -> String {
    String((0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &random))) })
}

private func word(_ range: ClosedRange<Int>, using random: inout SplitMix64) -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    let count = Int.random(in: range, using: &random)
    return String((0..<count).map { _ in
        alphabet[Int.random(in: 0..<alphabet.count, using: &random)]
    })
}

private func value(using random: inout SplitMix64) -> Double {
    switch Int.random(in: 0..<4, using: &random) {
    case 0: Double(Int.random(in: -1000...100_000, using: &random))
    case 1: Double(Int.random(in: 0...99_999, using: &random)) / 100
    case 2: Double.random(in: 0..<1, using: &random)
    default: Double.random(in: -1e6...1e9, using: &random)
    }
}

private func randomPacket(using random: inout SplitMix64) -> HJ212Packet {
    let split = Bool.random(using: &random)
    let count = Int.random(in: 1...20, using: &random)
    let pollutants = (0..<Int.random(in: 0...8, using: &random)).map { index in
        var pollutant = HJ212Pollutant(
            name: "p\(index)" + word(1...6, using: &random),
            rtd: Bool.random(using: &random) ? value(using: &random) : nil,
            min: Bool.random(using: &random) ? value(using: &random) : nil,
            avg: Bool.random(using: &random) ? value(using: &random) : nil,
            max: Bool.random(using: &random) ? value(using: &random) : nil,
            cou: Bool.random(using: &random) ? value(using: &random) : nil,
            flag: Bool.random(using: &random) ? ["N", "F", "M", "S", "D", "C", "T", "B"]
                .randomElement(using: &random) : nil,
            otherItems: Bool.random(using: &random)
                ? [HJ212Field(name: "Zs" + word(1...3, using: &random),
                              value: word(1...5, using: &random))]
                : [])
        // A pollutant without any item cannot be written; give it a value.
        if pollutant.rtd == nil && pollutant.flag == nil && pollutant.otherItems.isEmpty {
            pollutant.rtd = value(using: &random)
        }
        return pollutant
    }
    return HJ212Packet(
        qn: digits(17, using: &random),
        st: Int.random(in: 0...99, using: &random),
        cn: DataCommand(rawValue: Int.random(in: 0...9999, using: &random)),
        pw: word(6...6, using: &random),
        mn: word(1...24, using: &random),
        flag: HJ212Flag(version: Int.random(in: 0...1, using: &random),
                        wantsReply: Bool.random(using: &random), isSplit: split),
        packetCount: split ? count : nil,
        packetNumber: split ? Int.random(in: 1...count, using: &random) : nil,
        cp: HJ212CP(
            dataTime: Bool.random(using: &random) ? "20211103080000" : nil,
            pollutants: pollutants,
            fields: Bool.random(using: &random)
                ? [HJ212Field(name: "RtdInterval", value: "30")] : []))
}

@Test func randomPacketsRoundTripThroughFrames() throws {
    var random = SplitMix64(state: 2021_11_03)
    for _ in 0..<2_000 {
        let original = randomPacket(using: &random)
        let frame = try original.frame(maxDataLength: 9999)
        let decoded = try HJ212Packet(frame: frame[...], maxDataLength: 9999)
        #expect(decoded == original)
        #expect(decoded.dataSegment == original.dataSegment)
    }
}

@Test func randomStreamsSplitBackIntoTheirFrames() throws {
    var random = SplitMix64(state: 212)
    let packets = (0..<200).map { _ in randomPacket(using: &random) }
    let frames = try packets.map { try $0.frame(maxDataLength: 9999) }
    let stream = frames.flatMap { $0 }
    var splitter = HJ212FrameSplitter(maxDataLength: 9999)
    var decoded: [HJ212Packet] = []
    var offset = 0
    while offset < stream.count {
        let length = Int.random(in: 1...300, using: &random)
        let end = min(stream.count, offset + length)
        splitter.append(stream[offset..<end])
        offset = end
        while let result = splitter.next() {
            decoded.append(try HJ212Packet(frame: result.get()[...], maxDataLength: 9999))
        }
    }
    #expect(decoded == packets)
}

@Test func randomBytesNeverTrap() {
    var random = SplitMix64(state: 7)
    let alphabet = Array("##0123456789;=,&-.QNSTCPWMFlagDt\r\n".utf8) + [0, 0xFF]
    var splitter = HJ212FrameSplitter(maxDataLength: 64)
    for _ in 0..<5_000 {
        let chunk = (0..<Int.random(in: 0...40, using: &random)).map { _ in
            alphabet[Int.random(in: 0..<alphabet.count, using: &random)]
        }
        _ = try? HJ212Packet(dataSegment: chunk[...])
        splitter.append(chunk)
        while let result = splitter.next() {
            if case .success(let frame) = result { _ = try? HJ212Packet(frame: frame[...]) }
        }
    }
}
