import Foundation
import NIOCore
import EcoWatchCore

/// One connection: bytes into a frame splitter; each frame checked (codec, then registry); data handed to the writer, whose commit sends the 9014; refusals counted,
/// logged and, when the frame asks for it, answered with 9011.
final class IngestHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let core: IngestCore
    private var splitter: HJ212FrameSplitter
    private var peer = "?"

    init(core: IngestCore) {
        self.core = core
        self.splitter = HJ212FrameSplitter(maxDataLength: core.configuration.maxDataLength)
    }

    func channelActive(context: ChannelHandlerContext) {
        if let address = context.remoteAddress {
            peer = "\(address.ipAddress ?? "?"):\(address.port ?? 0)"
        }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        buffer.withUnsafeReadableBytes { splitter.append($0) }
        let channel = context.channel
        while let result = splitter.next() {
            switch result {
            case .success(let frame): handle(frame: frame, channel: channel)
            case .failure(let error): core.refuse(reason: error.reason, mn: nil, peer: peer, detail: error.message)
            }
        }
    }

    private func handle(frame: [UInt8], channel: any Channel) {
        let packet: HJ212Packet
        do {
            packet = try HJ212Packet(frame: frame[...], maxDataLength: core.configuration.maxDataLength)
        } catch {
            // A damaged frame may still say who sent it and want an answer (9011 QnRtn=9).
            var claimed: HJ212Packet?
            if error.reason == .crc, frame.count >= HJ212Frame.overhead {
                claimed = try? HJ212Packet(dataSegment: frame[6..<(frame.count - 6)])
            }
            core.refuse(reason: error.reason, mn: claimed?.mn, peer: peer, detail: error.message)
            if let claimed, claimed.flag.wantsReply { send(claimed.requestAnswer(.crcError), on: channel) }
            return
        }
        switch core.admission.admit(packet) {
        case .failure(let refusal):
            core.refuse(reason: refusal.reason, mn: refusal.mn, peer: peer,
                        detail: "QN=\(packet.qn) ST=\(packet.st) CN=\(packet.cn)")
            if packet.flag.wantsReply, let answer = refusal.answer {
                send(packet.requestAnswer(answer), on: channel)
            }
        case .success(let ingestFrame):
            let wantsReply = packet.flag.wantsReply
            core.writer.submit(ingestFrame) { outcome in
                // On the writer thread, after the commit: acknowledge only what is stored.
                guard outcome != nil, wantsReply else { return }
                IngestHandler.send(packet.dataAnswer(), on: channel)
            }
        }
    }

    private func send(_ reply: HJ212Packet, on channel: any Channel) {
        Self.send(reply, on: channel)
    }

    private static func send(_ reply: HJ212Packet, on channel: any Channel) {
        guard let bytes = try? reply.frame() else { return }
        channel.writeAndFlush(ByteBuffer(bytes: bytes), promise: nil)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read {
            let pending = splitter.bufferedCount
            core.log("\(core.timestamp()) \(peer) idle for \(core.configuration.idleTimeout) s"
                     + (pending > 0 ? " with \(pending) bytes of an unfinished frame" : "") + ": closed")
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    /// A client that does not read its replies stops being read until it does: its replies
    /// can't pile up in memory, and it can't keep the event loop busy for everyone else.
    func channelWritabilityChanged(context: ChannelHandlerContext) {
        _ = context.channel.setOption(ChannelOptions.autoRead, value: context.channel.isWritable)
        context.fireChannelWritabilityChanged()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        core.log("\(core.timestamp()) \(peer) connection error: \(error); closed")
        context.close(promise: nil)
    }
}
