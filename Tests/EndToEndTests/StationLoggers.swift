import Foundation
import NIOConcurrencyHelpers
import EcoWatchCore
import EcoWatchFeed

/// Station data loggers for end-to-end tests, as a real logger behaves: each station holds one
/// connection to an ingest node, keeps up to `window` frames sent but not yet acknowledged
/// (9014), and when the connection is lost connects to the next address on its list and sends
/// again every frame not acknowledged, oldest first. A frame is done only when acknowledged.
final class StationLoggers: @unchecked Sendable {
    /// One station's run: its frames in order, and where it stands.
    struct Progress {
        var acknowledged = Set<String>()
        /// How many times it moved to another address.
        var failovers = 0
        /// Frames sent again over a new connection (sent before, not acknowledged).
        var resent = 0
        /// Addresses it was connected to, in order (index into `addresses`).
        var used: [Int] = []
        var error: String?
    }

    let addresses: [(host: String, port: Int)]
    let window: Int
    private let progress: NIOLockedValueBox<[String: Progress]>
    private let group = DispatchGroup()
    private let plans: [(mn: String, first: Int, frames: [(qn: String, bytes: [UInt8])])]

    /// `plans`: each station's frames and the index of the address it starts on.
    init(addresses: [(host: String, port: Int)], window: Int = 8,
         plans: [(mn: String, first: Int, frames: [(qn: String, bytes: [UInt8])])]) {
        self.addresses = addresses
        self.window = window
        self.plans = plans
        progress = NIOLockedValueBox(Dictionary(uniqueKeysWithValues: plans.map { ($0.mn, Progress()) }))
    }

    /// Starts one thread per station; each gives up after `seconds`.
    func start(seconds: Double) {
        let deadline = Date().addingTimeInterval(seconds)
        for plan in plans {
            group.enter()
            Thread { [self] in
                defer { group.leave() }
                run(plan, deadline: deadline)
            }.start()
        }
    }

    /// Waits for every station to finish (or give up); whether all finished in time.
    func wait(seconds: Double) -> Bool { group.wait(timeout: .now() + seconds) == .success }

    var snapshot: [String: Progress] { progress.withLockedValue { $0 } }
    var acknowledgedCount: Int { progress.withLockedValue { $0.values.reduce(0) { $0 + $1.acknowledged.count } } }

    private func run(_ plan: (mn: String, first: Int, frames: [(qn: String, bytes: [UInt8])]), deadline: Date) {
        var address = plan.first
        var next = 0
        var pending: [(qn: String, bytes: [UInt8])] = []   // sent, not acknowledged, oldest first
        var client: HJ212Client?
        func note(_ change: (inout Progress) -> Void) {
            progress.withLockedValue { change(&$0[plan.mn]!) }
        }
        while next < plan.frames.count || !pending.isEmpty {
            guard Date() < deadline else {
                note { $0.error = "gave up with \(pending.count) unacknowledged and \(plan.frames.count - next) unsent" }
                return
            }
            if client == nil {
                do {
                    let target = addresses[address]
                    let opened = try HJ212Client(host: target.host, port: target.port)
                    for frame in pending { try opened.send(frame.bytes) }
                    client = opened
                    note { $0.used.append(address); $0.resent += pending.count }
                } catch {
                    // This node is gone: the next address on the list.
                    address = (address + 1) % addresses.count
                    note { $0.failovers += 1 }
                    Thread.sleep(forTimeInterval: 0.05)
                    continue
                }
            }
            guard let connection = client else { continue }
            do {
                while pending.count < window, next < plan.frames.count {
                    try connection.send(plan.frames[next].bytes)
                    pending.append(plan.frames[next])
                    next += 1
                }
            } catch {
                client = nil
                address = (address + 1) % addresses.count
                note { $0.failovers += 1 }
                continue
            }
            if let reply = connection.receive(timeout: 0.5) {
                guard reply.cn == .dataAnswer else {
                    if reply.cn == .requestAnswer { note { $0.error = "refused: \(reply.cp.field(named: "QnRtn") ?? "?")" } }
                    continue
                }
                if let at = pending.firstIndex(where: { $0.qn == reply.qn }) {
                    pending.remove(at: at)
                    note { _ = $0.acknowledged.insert(reply.qn) }
                }
            } else if connection.isClosed {
                client = nil
                address = (address + 1) % addresses.count
                note { $0.failovers += 1 }
            }
        }
    }

    /// `count` CN 2011 frames for `station`, one a minute ending at `end` (China time DataTime),
    /// every value a multiple of 0.5 (sums exact in any order, so roll-ups compare exactly),
    /// QNs unique per station.
    static func frames(for station: Station, index: Int, count: Int, end: Int64) throws -> [(qn: String, bytes: [UInt8])] {
        try (0..<count).map { n in
            let time = end - Int64(count - 1 - n) * 60
            let qn = epochToChinaTime(time) + String(format: "%03d", index % 1000)
            let pollutants = station.codes.enumerated().map { position, code in
                HJ212Pollutant(name: code, rtd: Double((n * 7 + index * 3 + position * 11) % 80) + 0.5, flag: "N")
            }
            let packet = HJ212Packet(qn: qn, st: IngestAdmission.systemType(of: station.kind), cn: .realTime, pw: station.pw,
                                     mn: station.mn, flag: HJ212Flag(wantsReply: true),
                                     cp: HJ212CP(dataTime: epochToChinaTime(time), pollutants: pollutants))
            return (qn, try packet.frame())
        }
    }
}
