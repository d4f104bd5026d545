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
    /// Connections made to another address than the station's last (see `Options.fallbacks`).
    public var failovers = 0
    /// Frames sent again because their connection was lost before the answer.
    public var resent = 0
    /// History requests the service sent (answered from the stations' buffers), and the
    /// records sent again in answer.
    public var historyRequests = 0
    public var recordsResent = 0
    /// Records (minute, hourly or daily) the stations generated, sent or skipped.
    public var generated = 0

    public init() {}

    public var line: String {
        let refusedText = refused.isEmpty ? "0 refused"
            : "\(refused.values.reduce(0, +)) refused (" + refused.sorted { $0.key < $1.key }.map { "QnRtn=\($0.key): \($0.value)" }.joined(separator: ", ") + ")"
        return "\(sent) frames sent: \(acknowledged) acknowledged, \(refusedText), \(unanswered) unanswered; "
            + "\(duringEpisodes) during pollution episodes, \(silenced) held back by station outages; "
            + "\(historyRequests) history requests answered with \(recordsResent) records"
            + (generated > 0 ? " (\(generated) records generated)" : "")
            + (resent > 0 ? "; \(resent) sent again after a lost connection" : "")
            + (failovers > 0 ? "; \(failovers) times a station moved to another address" : "")
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
        /// What the stations send: real-time data (2011, the time now), or minute, hourly or
        /// daily records (2051, 2061, 2031) of consecutive periods, first the last `periods`
        /// of them as fast as `rate` allows, then each as it closes.
        public var cn: DataCommand
        public var periods: Int
        /// For records: the share of periods a station skips (an outage), asked back by the
        /// service and answered from the station's buffer. The first and last are always sent.
        public var outageRate: Double
        /// Other ingest nodes, after `host`:`port`: a station that cannot connect to the one it
        /// was on tries the next, as a logger given several platform addresses does.
        public var fallbacks: [(host: String, port: Int)]

        public init(host: String = "127.0.0.1", port: Int = 9212, rate: Double = 20, duration: Double? = 60,
                    seed: UInt64 = 212, replyTimeout: Double = 2, cn: DataCommand = .realTime, periods: Int = 60,
                    outageRate: Double = 0.05, fallbacks: [(host: String, port: Int)] = []) {
            self.host = host
            self.port = port
            self.rate = rate
            self.duration = duration
            self.seed = seed
            self.replyTimeout = replyTimeout
            self.cn = cn
            self.periods = periods
            self.outageRate = outageRate
            self.fallbacks = fallbacks
        }

        /// `host`:`port` first, then the fallbacks.
        public var addresses: [(host: String, port: Int)] { [(host, port)] + fallbacks }
    }

    public let stations: [Station]
    public let options: Options
    private let stopped = NIOLockedValueBox(false)
    private let progress = NIOLockedValueBox(SimulatorSummary())
    private var random: SeededRandom
    private var connections: [String: HJ212Client] = [:]
    /// The address (in `options.addresses`) each station was last connected to.
    private var addressIndex: [String: Int] = [:]
    private var lastQN: [String: Int64] = [:]
    /// The second each station's latest real-time frame was stamped with: a logger stamps each
    /// record with its own DataTime, so a station sends at most one a second (two in one second
    /// would be one record sent twice with different values, stored as a correction).
    private var lastStamp: [String: Int64] = [:]
    /// Each station's records by time, sent or skipped: what it answers history requests from.
    private var buffers: [String: [Int64: HJ212Packet]] = [:]
    /// Records kept per station (the oldest go first).
    public static let bufferLimit = 20_000
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
        if options.cn.isHistory { return runRecords() }
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
            if lastStamp[station.mn] == now { continue }
            lastStamp[station.mn] = now
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

    private var isStopped: Bool { stopped.withLockedValue { $0 } }

    /// Records of consecutive periods: the backlog paced at `rate`, then live; a period
    /// skipped now and then; history requests answered all along, and for a while at the end
    /// (until the service has been quiet for `replyTimeout`, at most ten times that).
    private func runRecords() -> SimulatorSummary {
        let start = Date()
        let interval = 1 / max(0.001, options.rate)
        let cn = options.cn
        func spacing(_ station: Station) -> Int64 { max(cn.recordInterval ?? 60, Int64(station.intervalSeconds)) }
        let now = Int64(start.timeIntervalSince1970)
        // Each station's next period: the backlog's first, on its own grid.
        var next: [String: Int64] = [:]
        for station in stations {
            let step = spacing(station)
            next[station.mn] = (now / step) * step - Int64(max(1, options.periods) - 1) * step
        }
        var sent = 0.0
        func timeIsUp() -> Bool { options.duration.map { Date().timeIntervalSince(start) >= $0 } ?? false }
        while !isStopped, !timeIsUp() {
            // The station whose next period is earliest and closed (the current one counts as closed
            // while the backlog runs: it ends the backlog).
            let due = stations.min { next[$0.mn]! < next[$1.mn]! }!
            let time = next[due.mn]!
            let wall = Int64(Date().timeIntervalSince1970)
            if time > (wall / spacing(due)) * spacing(due) {
                // Caught up: wait for the period to close, answering requests meanwhile.
                serveRequests(for: 0.25)
                continue
            }
            let moment = start.addingTimeInterval(sent * interval)
            let wait = moment.timeIntervalSinceNow
            if wait > 0 { Thread.sleep(forTimeInterval: min(wait, 0.25)); if wait > 0.25 { continue } }
            sent += 1
            next[due.mn] = time + spacing(due)
            let episode = SimulatedWeather.episode(station: due, time: time, seed: options.seed)
            let packet = record(for: due, at: time, episode: episode)
            keep(packet, of: due, at: time)
            progress.withLockedValue { $0.generated += 1 }
            // The first and the last period are always sent: a gap is seen between two records.
            let first = sent == 1 || time == (now / spacing(due)) * spacing(due) - Int64(max(1, options.periods) - 1) * spacing(due)
            let last = time + spacing(due) > (wall / spacing(due)) * spacing(due)
            if !first, !last, SeededRandom.unit(options.seed, SimulatedWeather.stableHash(due.mn), UInt64(bitPattern: time), 3) < options.outageRate {
                progress.withLockedValue { $0.silenced += 1 }
                continue
            }
            send(packet, to: due, episode: episode)
        }
        // Stay a while for the requests the last records set off.
        let lingerEnd = Date().addingTimeInterval(options.replyTimeout * 10)
        var quietSince = Date()
        while !isStopped, Date() < lingerEnd, Date().timeIntervalSince(quietSince) < options.replyTimeout {
            if serveRequests(for: 0.1) { quietSince = Date() }
        }
        connections.removeAll()
        return summary
    }

    /// The record a station sends for the period starting at `time` (minute, hourly or daily
    /// averages, per `options.cn`).
    public func record(for station: Station, at time: Int64, episode: Bool) -> HJ212Packet {
        let alias = Dictionary(station.codeAliases.map { ($0.value, $0.key) }, uniquingKeysWith: { first, _ in first })
        let pollutants = station.codes.map { code in
            HJ212Pollutant(name: alias[code] ?? code,
                           avg: SimulatedWeather.value(code: code, station: station, time: time, episode: episode, random: &random),
                           flag: SimulatedWeather.flag(random: &random).rawValue)
        }
        return HJ212Packet(qn: newQN(for: station), st: IngestAdmission.systemType(of: station.kind), cn: options.cn, pw: station.pw,
                           mn: station.mn, flag: HJ212Flag(wantsReply: true),
                           cp: HJ212CP(dataTime: epochToChinaTime(time), pollutants: pollutants))
    }

    private func keep(_ packet: HJ212Packet, of station: Station, at time: Int64) {
        var buffer = buffers[station.mn] ?? [:]
        buffer[time] = packet
        if buffer.count > Self.bufferLimit, let oldest = buffer.keys.min() { buffer[oldest] = nil }
        buffers[station.mn] = buffer
    }

    /// Reads every open connection for up to `seconds` in all, answering history requests;
    /// true when one came.
    @discardableResult
    private func serveRequests(for seconds: Double) -> Bool {
        let open = stations.filter { connections[$0.mn].map { !$0.isClosed } ?? false }
        guard !open.isEmpty else {
            Thread.sleep(forTimeInterval: seconds)
            return false
        }
        var served = false
        for station in open {
            guard let client = connections[station.mn] else { continue }
            while let packet = client.receive(timeout: seconds / Double(open.count)) {
                if answer(packet, from: station, on: client) { served = true }
            }
        }
        return served
    }

    /// Answers a history request from the station's buffer: 9011, the records it has in the
    /// span, each under the request's QN, then 9012. False for any other packet.
    private func answer(_ request: HJ212Packet, from station: Station, on client: HJ212Client) -> Bool {
        guard request.cn.isHistory, request.mn == station.mn,
              let begin = request.cp.field(named: "BeginTime").flatMap(chinaTimeToEpoch),
              let end = request.cp.field(named: "EndTime").flatMap(chinaTimeToEpoch) else { return false }
        do {
            guard request.pw == station.pw else {
                try client.send(request.requestAnswer(.wrongPassword).frame())
                return true
            }
            try client.send(request.requestAnswer(.ready).frame())
            let records = (buffers[station.mn] ?? [:]).filter { $0.key >= begin && $0.key <= end && $0.value.cn == request.cn }
                .sorted { $0.key < $1.key }
            for (_, record) in records {
                var again = record
                again.qn = request.qn
                try client.send(again.frame())
            }
            try client.send(request.executionResult(records.isEmpty ? .noData : .success).frame())
            progress.withLockedValue {
                $0.historyRequests += 1
                $0.recordsResent += records.count
            }
        } catch {
            log("simulate: \(station.mn): cannot answer a history request: \(error)")
        }
        return true
    }

    /// A QN of the send time in milliseconds, kept increasing per station so each frame is new.
    private func newQN(for station: Station) -> String {
        var milliseconds = Int64(Date().timeIntervalSince1970 * 1000)
        if let last = lastQN[station.mn], milliseconds <= last { milliseconds = last + 1 }
        lastQN[station.mn] = milliseconds
        return epochToChinaTime(milliseconds / 1000) + String(format: "%03d", Int(milliseconds % 1000))
    }

    /// The CN 2011 packet a station sends at `time`.
    public func frame(for station: Station, at time: Int64, episode: Bool) -> HJ212Packet {
        let alias = Dictionary(station.codeAliases.map { ($0.value, $0.key) }, uniquingKeysWith: { first, _ in first })
        let pollutants = station.codes.map { code in
            HJ212Pollutant(name: alias[code] ?? code,
                           rtd: SimulatedWeather.value(code: code, station: station, time: time, episode: episode, random: &random),
                           flag: SimulatedWeather.flag(random: &random).rawValue)
        }
        return HJ212Packet(qn: newQN(for: station), st: IngestAdmission.systemType(of: station.kind), cn: .realTime, pw: station.pw, mn: station.mn,
                           flag: HJ212Flag(wantsReply: true),
                           cp: HJ212CP(dataTime: epochToChinaTime(time), pollutants: pollutants))
    }

    /// A connection for `station`: to the address it was last on, else to each next one in
    /// turn; the last error when none answers.
    private func connect(_ station: Station) throws -> HJ212Client {
        let addresses = options.addresses
        let first = addressIndex[station.mn] ?? 0
        var failure: (any Error)?
        for step in 0..<addresses.count {
            let index = (first + step) % addresses.count
            do {
                let client = try HJ212Client(host: addresses[index].host, port: addresses[index].port)
                if index != first {
                    log("simulate: \(station.mn): \(addresses[first].host):\(addresses[first].port) does not answer; "
                        + "now on \(addresses[index].host):\(addresses[index].port)")
                    progress.withLockedValue { $0.failovers += 1 }
                }
                addressIndex[station.mn] = index
                return client
            } catch {
                failure = error
            }
        }
        throw failure!
    }

    /// Sends `packet` and waits for its answer. A frame whose connection is lost before the
    /// answer is sent again over a new connection (to the next address if the last one is gone),
    /// at most twice, as a logger sends again what was not acknowledged (twice: a node that is
    /// going down may still take a connection and then drop it).
    private func send(_ packet: HJ212Packet, to station: Station, episode: Bool) {
        guard let bytes = try? packet.frame() else { return }
        let attempts = 3
        // A send that failed before reaching the wire (a connection the node had closed) is not a
        // frame sent: the first send that goes out counts as sent, the ones after it as resent.
        var sentOnce = false
        for attempt in 0..<attempts {
            let reused = connections[station.mn].map { !$0.isClosed } ?? false
            do {
                let client: HJ212Client
                if reused, let open = connections[station.mn] {
                    client = open
                } else {
                    if connections[station.mn] != nil { progress.withLockedValue { $0.reconnects += 1 } }
                    client = try connect(station)
                    connections[station.mn] = client
                }
                try client.send(bytes)
                progress.withLockedValue {
                    if !sentOnce {
                        $0.sent += 1
                        if episode { $0.duringEpisodes += 1 }
                    } else {
                        $0.resent += 1
                    }
                }
                sentOnce = true
                while true {
                    guard let reply = client.receive(timeout: options.replyTimeout) else {
                        let lost = client.isClosed
                        if lost, attempt < attempts - 1 {
                            // Send it again on a new connection, after a moment: a node going
                            // down may still take a connection for a few milliseconds.
                            Thread.sleep(forTimeInterval: 0.1)
                            break
                        }
                        progress.withLockedValue { $0.unanswered += 1 }
                        connections[station.mn] = nil
                        return
                    }
                    // A history request may come before the answer: it is answered on the spot.
                    if answer(reply, from: station, on: client) { continue }
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
                connections[station.mn] = nil
                // A connection the node has closed since the last frame: the frame goes over a new one.
                if reused, attempt < attempts - 1 {
                    Thread.sleep(forTimeInterval: 0.1)
                    continue
                }
                progress.withLockedValue { $0.unanswered += 1 }
                log("simulate: \(station.mn): \(error)")
                Thread.sleep(forTimeInterval: 0.2)
                return
            }
        }
    }
}
