import Foundation
import NIOConcurrencyHelpers
import EcoWatchCore

/// What a simulator run sent and how the receiver answered.
public struct SimulatorSummary: Hashable, Sendable {
    public var sent = 0
    /// Answered 9014: stored (or stored before).
    public var acknowledged = 0
    /// Answered 9011, by QnRtn.
    public var refused: [Int: Int] = [:]
    /// No answer within the timeout (or the connection dropped).
    public var unanswered = 0
    /// Frames not sent because their station was in a simulated outage.
    public var silenced = 0
    /// Frames sent during a simulated pollution episode.
    public var duringEpisodes = 0
    public var reconnects = 0

    public init() {}

    public var line: String {
        let refusedText = refused.isEmpty ? "0 refused"
            : "\(refused.values.reduce(0, +)) refused (" + refused.sorted { $0.key < $1.key }.map { "QnRtn=\($0.key): \($0.value)" }.joined(separator: ", ") + ")"
        return "\(sent) frames sent: \(acknowledged) acknowledged, \(refusedText), \(unanswered) unanswered; "
            + "\(duringEpisodes) during pollution episodes, \(silenced) held back by station outages"
    }
}

/// Realistic traffic for registered stations: each station on its own connection, CN 2011
/// real-time frames with Flag=5 (reply wanted), values shaped by `SimulatedWeather`, names
/// through the station's own aliases and units; every reply checked.
public final class StationSimulator: @unchecked Sendable {
    public struct Options: Sendable {
        public var host: String
        public var port: Int
        /// Frames per second over all stations.
        public var rate: Double
        /// Seconds to run; nil runs until `stop()`.
        public var duration: Double?
        public var seed: UInt64
        /// Seconds to wait for each reply.
        public var replyTimeout: Double

        public init(host: String = "127.0.0.1", port: Int = 9212, rate: Double = 20, duration: Double? = 60,
                    seed: UInt64 = 212, replyTimeout: Double = 2) {
            self.host = host
            self.port = port
            self.rate = rate
            self.duration = duration
            self.seed = seed
            self.replyTimeout = replyTimeout
        }
    }

    public let stations: [Station]
    public let options: Options
    private let stopped = NIOLockedValueBox(false)
    private let progress = NIOLockedValueBox(SimulatorSummary())
    private var random: SeededRandom
    private var connections: [String: HJ212Client] = [:]
    private var lastQN: [String: Int64] = [:]
    private let log: @Sendable (String) -> Void

    public init(stations: [Station], options: Options,
                log: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }) {
        self.stations = stations
        self.options = options
        self.random = SeededRandom(seed: options.seed)
        self.log = log
    }

    /// Asks a running `run()` to finish after the frame in flight.
    public func stop() { stopped.withLockedValue { $0 = true } }

    /// The counts so far (safe from another thread).
    public var summary: SimulatorSummary { progress.withLockedValue { $0 } }

    /// Sends until the duration is over or `stop()` is called; returns what happened.
    @discardableResult
    public func run() -> SimulatorSummary {
        guard !stations.isEmpty else { return summary }
        let start = Date()
        let interval = 1 / max(0.001, options.rate)
        var index = 0
        var sent = 0.0
        while !stopped.withLockedValue({ $0 }) {
            if let duration = options.duration, Date().timeIntervalSince(start) >= duration { break }
            // Keep to the rate: wait for this frame's moment.
            let due = start.addingTimeInterval(sent * interval)
            let wait = due.timeIntervalSinceNow
            if wait > 0 { Thread.sleep(forTimeInterval: min(wait, 0.25)); if wait > 0.25 { continue } }
            sent += 1
            let station = stations[index % stations.count]
            index += 1
            let now = Int64(Date().timeIntervalSince1970)
            if SimulatedWeather.outage(station: station, time: now, seed: options.seed) {
                progress.withLockedValue { $0.silenced += 1 }
                // An outage drops the line as a real logger would.
                connections[station.mn] = nil
                continue
            }
            let episode = SimulatedWeather.episode(station: station, time: now, seed: options.seed)
            send(frame(for: station, at: now, episode: episode), to: station, episode: episode)
        }
        connections.removeAll()
        return summary
    }

    /// The CN 2011 packet a station sends at `time`.
    public func frame(for station: Station, at time: Int64, episode: Bool) -> HJ212Packet {
        let alias = Dictionary(station.codeAliases.map { ($0.value, $0.key) }, uniquingKeysWith: { first, _ in first })
        let pollutants = station.codes.map { code in
            HJ212Pollutant(name: alias[code] ?? code,
                           rtd: SimulatedWeather.value(code: code, station: station, time: time, episode: episode, random: &random),
                           flag: SimulatedWeather.flag(random: &random).rawValue)
        }
        // QN: the send time in milliseconds, kept increasing per station so each frame is new.
        var milliseconds = Int64(Date().timeIntervalSince1970 * 1000)
        if let last = lastQN[station.mn], milliseconds <= last { milliseconds = last + 1 }
        lastQN[station.mn] = milliseconds
        let qn = epochToChinaTime(milliseconds / 1000) + String(format: "%03d", Int(milliseconds % 1000))
        return HJ212Packet(qn: qn, st: IngestAdmission.systemType(of: station.kind), cn: .realTime, pw: station.pw, mn: station.mn,
                           flag: HJ212Flag(wantsReply: true),
                           cp: HJ212CP(dataTime: epochToChinaTime(time), pollutants: pollutants))
    }

    private func send(_ packet: HJ212Packet, to station: Station, episode: Bool) {
        guard let bytes = try? packet.frame() else { return }
        do {
            let client: HJ212Client
            if let open = connections[station.mn], !open.isClosed {
                client = open
            } else {
                if connections[station.mn] != nil { progress.withLockedValue { $0.reconnects += 1 } }
                client = try HJ212Client(host: options.host, port: options.port)
                connections[station.mn] = client
            }
            try client.send(bytes)
            progress.withLockedValue {
                $0.sent += 1
                if episode { $0.duringEpisodes += 1 }
            }
            while true {
                guard let reply = client.receive(timeout: options.replyTimeout) else {
                    progress.withLockedValue { $0.unanswered += 1 }
                    connections[station.mn] = nil
                    return
                }
                guard reply.qn == packet.qn else { continue }
                if reply.cn == .dataAnswer {
                    progress.withLockedValue { $0.acknowledged += 1 }
                } else {
                    let code = Int(reply.cp.field(named: "QnRtn") ?? "") ?? 100
                    progress.withLockedValue { $0.refused[code, default: 0] += 1 }
                }
                return
            }
        } catch {
            progress.withLockedValue { $0.unanswered += 1 }
            connections[station.mn] = nil
            log("simulate: \(station.mn): \(error)")
            Thread.sleep(forTimeInterval: 0.2)
        }
    }
}
