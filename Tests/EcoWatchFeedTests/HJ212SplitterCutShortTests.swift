import EcoWatchCore
import Testing
import EcoWatchFeed

/// The splitter's open bug from the fuzzing report (docs/reliability-fuzzing.md, "Left open"):
/// after a frame cut short by the next `##`, a stray `#` right before that next frame made the
/// splitter start it at `###…`, so it failed its check and a second frame was lost.
@Suite struct HJ212SplitterCutShortTests {
    static let frame = Array("##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&1C80\r\n".utf8)

    /// What the splitter hands out for `stream` read in two pieces cut at `cut`.
    static func split(_ stream: [UInt8], cut: Int) -> (frames: [[UInt8]], errors: [RefusalReason]) {
        var splitter = HJ212FrameSplitter()
        var frames: [[UInt8]] = []
        var errors: [RefusalReason] = []
        for read in [stream[..<cut], stream[cut...]] {
            splitter.append(read)
            while let result = splitter.next() {
                switch result {
                case .success(let bytes): frames.append(bytes)
                case .failure(let error): errors.append(error.reason)
                }
            }
        }
        return (frames, errors)
    }

    @Test(arguments: ["#", "##", "#x#", "x#"])
    func aStrayHashAfterACutFrameDoesNotLoseTheNextFrame(stray: String) {
        let stream = Array("##0101QN=2016".utf8) + Array(stray.utf8) + Self.frame
        for cut in 0...stream.count {
            let (frames, errors) = Self.split(stream, cut: cut)
            #expect(frames == [Self.frame], "stray \(stray.debugDescription), cut at \(cut)")
            // One damaged stretch, one report: the stray bytes belong to the cut frame.
            #expect(errors == [.length], "stray \(stray.debugDescription), cut at \(cut)")
        }
    }

    @Test func aCutFrameFollowedDirectlyByAFrameStillGivesOneErrorAndTheFrame() {
        let stream = Array("##0101QN=2016".utf8) + Self.frame + Self.frame
        for cut in 0...stream.count {
            let (frames, errors) = Self.split(stream, cut: cut)
            #expect(frames == [Self.frame, Self.frame], "cut at \(cut)")
            #expect(errors == [.length], "cut at \(cut)")
        }
    }

    @Test func noiseAfterAGoodFrameIsStillReported() {
        let stream = Self.frame + Array("garbage".utf8) + Self.frame
        let (frames, errors) = Self.split(stream, cut: stream.count)
        #expect(frames == [Self.frame, Self.frame])
        #expect(errors == [.notAFrame])
    }
}
