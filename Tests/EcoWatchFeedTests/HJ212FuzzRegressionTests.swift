import Testing
import EcoWatchFeed

// Inputs found by the `hj212` fuzz target (Fuzz/run.sh hj212), cut down to what matters.

private let header = Array("QN=20220615100000001;ST=21;CN=2061;PW=203111;MN=330203W000000003;Flag=4;".utf8)

/// Two names that differ only in bytes that are not UTF-8 (0xD7 and 0xAB here) would both
/// become "w2\u{FFFD}1011": two pollutants under one name, which re-encode as one.
@Test func pollutantNamesThatAreNotUTF8AreRefused() {
    let data = header + Array("CP=&&w2".utf8) + [0xD7] + Array("1011-Cou=1.5;w2".utf8) + [0xAB]
        + Array("1011-Flag=D&&".utf8)
    #expect(throws: HJ212Error.self) { try HJ212Packet(dataSegment: data[...]) }
    do {
        _ = try HJ212Packet(dataSegment: data[...])
    } catch {
        #expect(error.reason == .badCP)
    }
}

@Test func pollutantNamesInUTF8StillDecodeAndRoundTrip() throws {
    let data = header + Array("CP=&&颗粒物-Rtd=38.2,颗粒物-Flag=N;w21003-Avg=0.35&&".utf8)
    let packet = try HJ212Packet(dataSegment: data[...])
    #expect(packet.cp.pollutants.map(\.name) == ["颗粒物", "w21003"])
    #expect(try HJ212Packet(frame: packet.frame()[...]) == packet)
}

/// Stray `#`s before a frame: the frame starts at the last two `#`s of the run even when a read
/// ends inside the run. The splitter used to start the frame at `###…` when a read ended right
/// after the frame's first `#`, and the frame failed its check and was lost.
@Test func strayHashesBeforeAFrameKeepTheFrameWhereverTheReadsEnd() throws {
    let frame = Array("##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&1C80\r\n".utf8)
    for prefix in ["#", "##", "###", "x#", "x##"] {
        let stream = Array(prefix.utf8) + frame
        for cut in 0...stream.count {
            var splitter = HJ212FrameSplitter()
            var frames: [[UInt8]] = []
            for read in [stream[..<cut], stream[cut...]] {
                splitter.append(read)
                while let result = splitter.next() {
                    if case .success(let bytes) = result { frames.append(bytes) }
                }
            }
            #expect(frames == [frame], "prefix \(prefix.debugDescription), cut at \(cut)")
            #expect(frames.count == 1 && (try? HJ212Packet(frame: frames[0][...])) != nil)
        }
    }
}

/// The encoder writes every finite value as a plain decimal (1e100 as 1 and 100 zeros, 5e-324
/// as 0. and 324 digits); the decoder refused numbers longer than 64 bytes, so such a packet
/// did not decode after encoding. Found while writing the `hj212` target, whose round-trip
/// invariant flags it (seed `Fuzz/corpus/hj212/regression-long-plain-decimal.segment`).
@Test func valuesOfEveryMagnitudeRoundTripThroughFrames() throws {
    var values: [Double] = [1e100, -1e100, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
                            .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
                            .leastNormalMagnitude, 1e-60, 123_456_789_012_345_678_901_234_567_890]
    for exponent in -324...308 {
        for mantissa in [1.0, 1.2345678901234567, 9.999] {
            let value = mantissa * pow10(exponent)
            if value.isFinite && value != 0 { values.append(value) }
        }
    }
    for value in values {
        let packet = HJ212Packet(qn: "20211103080000123", st: 22, cn: 2011, pw: "123456",
                                 mn: "NB0001", flag: HJ212Flag(wantsReply: false),
                                 cp: HJ212CP(pollutants: [HJ212Pollutant(name: "a34004", rtd: value)]))
        let decoded = try HJ212Packet(frame: packet.frame()[...])
        #expect(decoded.cp.pollutants.first?.rtd == value, "\(value)")
    }
}

/// 10 to the `exponent`, by repeated multiplication (close enough: any value will do).
private func pow10(_ exponent: Int) -> Double {
    var value = 1.0
    for _ in 0..<abs(exponent) { value = exponent < 0 ? value / 10 : value * 10 }
    return value
}
