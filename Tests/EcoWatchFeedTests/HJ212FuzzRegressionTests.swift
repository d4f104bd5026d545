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
