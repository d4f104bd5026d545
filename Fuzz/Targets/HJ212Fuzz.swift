// Fuzz target `hj212`: Feed's HJ 212-2017 codec (`HJ212FrameSplitter`, `HJ212Frame`,
// `HJ212Packet`, `HJ212CP`, `HJ212Number`).
//
// The input is used twice:
// - as a TCP stream, cut into frames by the splitter, each frame checked (length, CRC) and
//   decoded;
// - as a data segment: when it looks like a frame (`##`, CR LF) the bytes between the length
//   and the CRC, else the whole input, decoded WITHOUT the CRC check, so that mutated frames
//   still reach the field and CP readers (a random mutation almost never keeps a CRC right).
//
// Invariants beyond "does not trap":
// - the splitter hands out the same frames whether the stream arrives at once or in small
//   pieces, each starting with ## and ending with CR LF, and it holds fewer bytes than one
//   frame's limit once drained;
// - a packet that decodes, re-encoded, decodes to the same packet, and encoding is then
//   stable (decode(encode(x)) == x, encode(decode(encode(x))) == encode(x));
// - a frame the encoder builds passes the frame check and gives back its data segment;
// - the replies to a decoded packet (9011, 9012, 9014) are frames that decode.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHJ212(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))

    // As a stream.
    let whole = splitFrames(input, pieces: [input.count])
    let pieces = splitFrames(input, pieces: [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377])
    invariant(whole == pieces, "the splitter's frames depend on how the stream is cut: "
              + "\(whole.count) frames at once, \(pieces.count) in pieces")
    for frame in whole {
        invariant(frame.starts(with: [0x23, 0x23]) && frame.suffix(2).elementsEqual([0x0D, 0x0A]),
                  "a frame does not run from ## to CR LF: \(quoted(frame))")
        if let packet = try? HJ212Packet(frame: frame[...]) { checkRoundTrip(packet) }
    }

    // As a data segment.
    var segment = input[...]
    if input.count >= HJ212Frame.overhead, input.starts(with: [0x23, 0x23]),
       input.suffix(2).elementsEqual([0x0D, 0x0A]) {
        segment = input[6..<(input.count - 6)]
    }
    if let packet = try? HJ212Packet(dataSegment: segment) { checkRoundTrip(packet) }

    // The envelope alone.
    if let frame = try? HJ212Frame.encode(dataSegment: segment) {
        do {
            let back = try HJ212Frame.dataSegment(of: frame[...])
            invariant(back.elementsEqual(segment), "the frame check gives back another data segment")
        } catch {
            invariant(false, "a frame the encoder built fails its check: \(error)")
        }
    }
    return 0
}

/// The frames the splitter hands out when `input` arrives in pieces of the given sizes (the
/// last size repeating).
private func splitFrames(_ input: [UInt8], pieces: [Int]) -> [[UInt8]] {
    var splitter = HJ212FrameSplitter()
    var frames: [[UInt8]] = []
    var offset = 0
    var piece = 0
    repeat {
        let size = max(1, pieces[min(piece, pieces.count - 1)])
        let end = min(input.count, offset + size)
        splitter.append(input[offset..<end])
        offset = end
        piece += 1
        while let result = splitter.next() {
            if case .success(let frame) = result { frames.append(frame) }
        }
        invariant(splitter.bufferedCount < splitter.maxDataLength + HJ212Frame.overhead,
                  "the splitter holds \(splitter.bufferedCount) bytes after draining")
    } while offset < input.count
    return frames
}

private func checkRoundTrip(_ packet: HJ212Packet) {
    // Fields are written as given and may not fit a frame (a long CP): only packets that
    // re-encode are checked.
    guard let frame = try? packet.frame() else { return }
    let again: HJ212Packet
    do {
        again = try HJ212Packet(frame: frame[...])
    } catch {
        invariant(false, "decode(encode(x)) fails: \(error)\n  frame: \(quoted(frame, limit: 1200))")
        return
    }
    invariant(again == packet, "decode(encode(x)) != x\n  frame: \(quoted(frame, limit: 1200))")
    invariant(again.dataSegment == packet.dataSegment, "encoding is not stable after a round trip")
    for reply in [packet.requestAnswer(.ready), packet.executionResult(.success), packet.dataAnswer()] {
        guard let replyFrame = try? reply.frame() else { continue }
        let decoded = try? HJ212Packet(frame: replyFrame[...])
        invariant(decoded == reply, "a reply (CN \(reply.cn)) does not decode to itself")
    }
}
