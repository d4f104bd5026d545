import Logging
import NIOConcurrencyHelpers
import NIOCore
import EcoWatchCore

/// One connection: bytes into a frame splitter; each frame checked (codec, then registry);
/// data handed to the writer, whose commit sends the 9014; refusals counted, logged and, when
/// the frame asks for it, answered with 9011.
///
/// Backpressure: a frame is taken in only when the writer's queue has room (`IngestBudget`)
/// and the connection has fewer than `maxPendingPerConnection` frames waiting for their
/// commit. Otherwise the frame is held, no further frame is read out of the splitter and no
/// further `read()` goes to the socket, so TCP slows the sender; reading resumes when the
/// writer has committed. Volume is never refused.
///
/// A connection's frames go to the writer together: those taken in one pass (a read, or a
/// turn granted with credit for the frames already read) in one `submit`, so they are
/// committed in one transaction; their commits come back in one hop to the event loop, which
/// writes their 9014s with one flush and gives their room back in one go.
final class IngestHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// A frame admitted and waiting to be taken into the writer's queue.
    private struct Admitted: Sendable {
        let frame: IngestFrame
        let size: Int
        let reply: HJ212Packet?
    }

    private let core: IngestCore
    private var splitter: HJ212FrameSplitter
    private var context: ChannelHandlerContext?
    private var peer = "?"
    private var address = "?"
    /// Frames handed to the writer, not yet committed.
    private var pending = 0
    /// A frame admitted but not yet taken in (no room).
    private var held: Admitted?
    /// Frames given room in this pass, handed to the writer together at its end.
    private var ready: [Admitted] = []
    /// Room granted with a turn for further frames of `creditMN` already read (see
    /// `IngestBudget`), and the bytes those that spent it were shorter than the longest frame:
    /// settled at the end of the pass.
    private var credit = 0
    private var creditMN = ""
    private var slack = 0
    /// Commits of this connection's frames, handed over by the writer thread, taken in one hop.
    private let commits = NIOLockedValueBox<[(Admitted, IngestOutcome?)]>([])
    /// A `read()` came while the connection could not take more: sent on when it can.
    private var readWanted = false
    private var lastByte = IngestCore.now()
    /// When the frame now being received began (nil when no partial frame is held).
    private var partialSince: Double?
    private var badInARow = 0
    /// No frame handed to the writer yet: the first one is looked up (gaps since last seen).
    private var firstFrame = true
    private var timer: RepeatedTask?
    private var closing = false

    init(core: IngestCore) {
        self.core = core
        self.splitter = HJ212FrameSplitter(maxDataLength: core.configuration.maxDataLength)
    }

    private var id: ObjectIdentifier { ObjectIdentifier(context!.channel) }

    /// Waiting for us (its own frames' commit, or room in the queue), not for the peer.
    private var waitingForUs: Bool { pending > 0 || held != nil }

    private var canTakeMore: Bool {
        held == nil && pending < core.configuration.maxPendingPerConnection && !closing
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func channelActive(context: ChannelHandlerContext) {
        if let remote = context.remoteAddress {
            address = remote.ipAddress ?? "?"
            peer = "\(address):\(remote.port ?? 0)"
        }
        let configuration = core.configuration
        let tick = max(0.02, min(configuration.frameDeadline, configuration.idleTimeout) / 4)
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleRepeatedTask(initialDelay: .nanoseconds(Int64(tick * 1e9)),
                                                       delay: .nanoseconds(Int64(tick * 1e9))) { _ in
            bound.value.checkTimes()
        }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        closing = true
        let id = self.id
        for grant in core.budget.withLockedValue({ $0.cancel(id) }) { grant.notify() }
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        let now = IngestCore.now()
        lastByte = now
        if splitter.bufferedCount == 0 { partialSince = now }
        buffer.withUnsafeReadableBytes { splitter.append($0) }
        processFrames()
    }

    /// Holds `read()` while the connection cannot take more, or its peer does not read its
    /// replies (they cannot pile up in memory).
    func read(context: ChannelHandlerContext) {
        if canTakeMore && context.channel.isWritable {
            context.read()
        } else {
            readWanted = true
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        resumeReading()
        context.fireChannelWritabilityChanged()
    }

    /// Takes frames out of the splitter while there is room, hands those given room to the
    /// writer together, ends the turn, then lets reading resume.
    private func processFrames() {
        guard let context else { return }
        let channel = context.channel
        while canTakeMore, let result = splitter.next() {
            switch result {
            case .success(let frame): handle(frame: frame, channel: channel)
            case .failure(let error): bad(error.reason, mn: nil, frame: nil, detail: error.message)
            }
        }
        submitReady()
        settleCredit()
        if splitter.bufferedCount == 0 { partialSince = nil }
        let id = self.id, waiting = waitingForUs
        core.table.withLockedValue { $0.setWaiting(id, waiting) }
        resumeReading()
    }

    private func resumeReading() {
        guard readWanted, canTakeMore, let context, context.channel.isWritable else { return }
        readWanted = false
        context.read()
    }

    private func handle(frame: [UInt8], channel: any Channel) {
        let maxDataLength = core.configuration.maxDataLength
        let packet: HJ212Packet
        do {
            packet = try HJ212Packet(frame: frame[...], maxDataLength: maxDataLength)
        } catch {
            // A damaged frame may still say who sent it and want an answer (9011 QnRtn=9).
            var claimed: HJ212Packet?
            if error.reason == .crc, frame.count >= HJ212Frame.overhead {
                claimed = try? HJ212Packet(dataSegment: frame[6..<(frame.count - 6)])
            }
            bad(error.reason, mn: claimed?.mn, frame: frame[...], detail: error.message)
            if let claimed, claimed.flag.wantsReply { Self.send(claimed.requestAnswer(.crcError), on: channel) }
            return
        }
        if core.writer.gaps.answered(packet) { return }
        switch core.admission.admit(packet) {
        case .failure(let refusal):
            bad(refusal.reason, mn: refusal.mn, frame: frame[...], detail: "QN=\(packet.qn) ST=\(packet.st) CN=\(packet.cn)")
            if packet.flag.wantsReply, let answer = refusal.answer {
                Self.send(packet.requestAnswer(answer), on: channel)
            }
        case .success(let ingestFrame):
            badInARow = 0
            let now = IngestCore.now()
            partialSince = splitter.bufferedCount > 0 ? now : nil
            let id = self.id
            core.table.withLockedValue { $0.completedFrame(id, now: now) }
            take(Admitted(frame: ingestFrame, size: frame.count, reply: packet.flag.wantsReply ? packet.dataAnswer() : nil))
        }
    }

    /// Into the writer's queue if there is room (or credit from its turn); else held until the
    /// budget grants it room.
    private func take(_ admitted: Admitted) {
        guard let context else { return }
        let maxFrameBytes = core.maxFrameBytes
        if credit > 0, admitted.frame.mn == creditMN, admitted.size <= maxFrameBytes {
            credit -= 1
            slack += maxFrameBytes - admitted.size
            pending += 1
            ready.append(admitted)
            return
        }
        let loop = context.eventLoop
        let bound = NIOLoopBound(self, eventLoop: loop)
        // The frames already read behind this one, about: credit asked for with its turn.
        let behind = splitter.bufferedCount / max(1, admitted.size)
        let more = max(0, min(behind, core.configuration.maxPendingPerConnection - pending - 1))
        let waiter = IngestBudget.Waiter(id: id, mn: admitted.frame.mn, size: admitted.size, more: more,
                                         granted: { credit in loop.execute { bound.value.roomMade(credit: credit) } })
        guard core.budget.withLockedValue({ $0.reserve(waiter) }) else {
            held = admitted
            return
        }
        pending += 1
        ready.append(admitted)
    }

    /// Hands the frames given room in this pass to the writer, in order, in one go.
    private func submitReady() {
        guard !ready.isEmpty, let context else { return }
        let loop = context.eventLoop
        let bound = NIOLoopBound(self, eventLoop: loop)
        let commits = self.commits
        let first = firstFrame
        firstFrame = false
        core.writer.submit(ready.enumerated().map { index, admitted in
            (admitted.frame, first && index == 0, { outcome in
                // On the writer thread, after the commit: the first of a batch's commits of this
                // connection makes one hop to its event loop, which takes them all.
                let first = commits.withLockedValue { list -> Bool in
                    list.append((admitted, outcome))
                    return list.count == 1
                }
                if first { loop.execute { bound.value.committed() } }
            })
        })
        ready.removeAll(keepingCapacity: true)
    }

    /// Gives back what the turn's credit did not use.
    private func settleCredit() {
        guard credit > 0 || slack > 0 else { return }
        core.settle(IngestBudget.Settlement(mn: creditMN, unused: credit, slack: slack))
        credit = 0
        slack = 0
    }

    /// Acknowledges the frames committed (only what is stored), tells the gap tracker, gives
    /// their room back and reads on.
    private func committed() {
        let done = commits.withLockedValue { list -> [(Admitted, IngestOutcome?)] in
            defer { list.removeAll(keepingCapacity: true) }
            return list
        }
        if let channel = context?.channel {
            var wrote = false
            for (admitted, outcome) in done {
                guard let outcome else { continue }
                if let reply = admitted.reply, Self.write(reply, on: channel) { wrote = true }
                core.writer.gaps.committed(admitted.frame, outcome: outcome, on: channel)
            }
            if wrote { channel.flush() }
        }
        core.release(done.map { IngestBudget.Slot(mn: $0.0.frame.mn, size: $0.0.size) })
        pending -= done.count
        processFrames()
    }

    /// The budget took room for the held frame, with `credit` for further frames of its station.
    private func roomMade(credit: Int) {
        guard let admitted = held else { return }
        held = nil
        guard !closing else {
            core.release([IngestBudget.Slot(mn: admitted.frame.mn, size: admitted.size)])
            if credit > 0 { core.settle(IngestBudget.Settlement(mn: admitted.frame.mn, unused: credit, slack: 0)) }
            return
        }
        self.credit = credit
        creditMN = admitted.frame.mn
        slack = 0
        pending += 1
        ready.append(admitted)
        processFrames()
    }

    /// Counts a bad frame (`frame`, when whole, as a sample for the duty officer); too many in
    /// a row disconnect the peer and turn its address away.
    private func bad(_ reason: RefusalReason, mn: String?, frame: ArraySlice<UInt8>?, detail: String) {
        core.refuse(reason: reason, mn: mn, peer: peer, frame: frame, detail: detail)
        badInARow += 1
        if badInARow >= core.configuration.badFrameLimit, !closing {
            core.holdOff(address: address, peer: peer, badFrames: badInARow)
            close()
        }
    }

    /// Drops a connection whose peer holds a slot without sending: no byte within
    /// `idleTimeout`, or a frame begun and not finished within `frameDeadline`. Never one
    /// waiting for its own acknowledgement or for room: the store is slow, not the peer.
    private func checkTimes() {
        let now = IngestCore.now()
        let configuration = core.configuration
        if waitingForUs {
            lastByte = now
            if partialSince != nil { partialSince = now }
            return
        }
        let pendingBytes = splitter.bufferedCount
        let unfinished = pendingBytes > 0 ? " with \(pendingBytes) bytes of an unfinished frame" : ""
        if let since = partialSince, now - since > configuration.frameDeadline {
            core.logger.info("no complete frame within \(configuration.frameDeadline) s\(unfinished): closed",
                             metadata: ["peer": "\(peer)"])
            close()
        } else if now - lastByte > configuration.idleTimeout {
            core.logger.info("idle for \(configuration.idleTimeout) s\(unfinished): closed", metadata: ["peer": "\(peer)"])
            close()
        }
    }

    private func close() {
        guard !closing, let context else { return }
        closing = true
        timer?.cancel()
        context.close(promise: nil)
    }

    /// Writes `reply` without flushing (several replies go out with one flush); false when it
    /// cannot be framed.
    private static func write(_ reply: HJ212Packet, on channel: any Channel) -> Bool {
        guard let bytes = try? reply.frame() else { return false }
        channel.write(ByteBuffer(bytes: bytes), promise: nil)
        return true
    }

    private static func send(_ reply: HJ212Packet, on channel: any Channel) {
        if write(reply, on: channel) { channel.flush() }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        core.logger.info("connection error: \(error); closed", metadata: ["peer": "\(peer)"])
        close()
    }
}
