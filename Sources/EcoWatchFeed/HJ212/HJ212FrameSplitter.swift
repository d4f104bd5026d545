/// Cuts a TCP byte stream into HJ 212 frames.
///
/// Feed it whatever each read returned — part of a frame, several frames, noise — with
/// `append`, then take results with `next()` until it returns nil. A frame runs from `##` to
/// the first CR LF; it is handed out whole and unchecked (see `HJ212Frame.dataSegment(of:)`).
/// Bytes outside frames are skipped up to the next `##` and reported once per run as
/// `not-a-frame`; a frame cut short by a new `##` is reported as `length` (and the next frame
/// starts at the last two `#` of that run, as after noise); one that grows past
/// `maxDataLength` plus the envelope without ending is reported as `too-long` and skipped.
/// Memory stays bounded by the frame limit plus the largest chunk appended.
public struct HJ212FrameSplitter: Sendable {
    public let maxDataLength: Int
    private var buffer: [UInt8] = []
    /// Start of the bytes not yet handed out.
    private var start = 0
    /// Where the search for the current frame's end resumes.
    private var scan = 0
    /// Whether `start` is at the `##` of a frame.
    private var inFrame = false
    /// Whether the skipping now under way has already been reported.
    private var skipReported = false

    public init(maxDataLength: Int = HJ212Frame.defaultMaxDataLength) {
        self.maxDataLength = max(0, maxDataLength)
    }

    /// Bytes held, waiting for the rest of a frame.
    public var bufferedCount: Int { buffer.count - start }

    /// Adds bytes read from the connection.
    public mutating func append(_ bytes: some Collection<UInt8>) {
        if start > 0 && (start == buffer.count || start >= 4096) {
            buffer.removeSubrange(0..<start)
            scan -= start
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete frame (from `##` through CR LF) or problem, nil when more bytes are
    /// needed.
    public mutating func next() -> Result<[UInt8], HJ212Error>? {
        while true {
            if !inFrame {
                if let problem = skipToFrameStart() { return .failure(problem) }
                if !inFrame { return nil }
            }
            // Look for the CR LF that ends the frame, or a `##` that cuts it short.
            let limit = maxDataLength + HJ212Frame.overhead
            var index = max(scan, start + 2)
            while index + 1 < buffer.count {
                let byte = buffer[index]
                if byte == ASCII.carriageReturn && buffer[index + 1] == ASCII.lineFeed {
                    let end = index + 2
                    let frame = Array(buffer[start..<end])
                    start = end
                    inFrame = false
                    if frame.count > limit {
                        return .failure(tooLong(frame.count))
                    }
                    return .success(frame)
                }
                if byte == ASCII.hash && buffer[index + 1] == ASCII.hash {
                    let cut = buffer[start..<index]
                    // Look for the next frame as after noise, so that a run of `#` (a stray
                    // `#` after the damaged frame) starts it at its last two, and the skipped
                    // `#` count as part of this damage, not as a second report.
                    start = index
                    inFrame = false
                    skipReported = true
                    return .failure(HJ212Error(.length, "frame cut short after \(cut.count) "
                        + "bytes by the next ##: \"\(quoted(cut))\""))
                }
                index += 1
            }
            scan = index
            if buffer.count - start >= limit {
                // Too long and still no end: drop it and skip what remains of it quietly.
                let count = buffer.count - start
                inFrame = false
                start = buffer.count
                if buffer.last == ASCII.hash { start -= 1 }
                skipReported = true
                return .failure(tooLong(count))
            }
            return nil
        }
    }

    /// Moves `start` to the next `##`, setting `inFrame` when it finds one. Returns the report of
    /// the bytes skipped on the way, once per run of noise.
    private mutating func skipToFrameStart() -> HJ212Error? {
        var index = start
        while index + 1 < buffer.count,
              !(buffer[index] == ASCII.hash && buffer[index + 1] == ASCII.hash) {
            index += 1
        }
        let found = index + 1 < buffer.count
        // In a run of `#`, the frame starts at the last two.
        while found, index + 2 < buffer.count, buffer[index + 2] == ASCII.hash { index += 1 }
        // A `##` that ends the buffer may be followed by another `#` in the next read: wait.
        let runMayGoOn = found && index + 2 == buffer.count
        // Without a `##`, keep a final `#`: it may be the first half of one.
        if !found, index < buffer.count, buffer[index] != ASCII.hash { index += 1 }
        let skipped = buffer[start..<index]
        start = index
        var problem: HJ212Error?
        if !skipped.isEmpty && !skipReported {
            skipReported = true
            problem = HJ212Error(.notAFrame, "skipped bytes that are not an HJ 212 frame "
                + "(frames start with ##): \"\(quoted(skipped))\"")
        }
        if found && !runMayGoOn {
            inFrame = true
            skipReported = false
            scan = start + 2
        }
        return problem
    }

    private func tooLong(_ count: Int) -> HJ212Error {
        HJ212Error(.tooLong, "frame of \(count)+ bytes exceeds the limit of \(maxDataLength) "
            + "data bytes (\(maxDataLength + HJ212Frame.overhead) with the envelope); skipped")
    }
}
