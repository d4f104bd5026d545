import DequeModule
import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import EcoWatchCore

/// Finds the records a station did not send and asks it for them (HJ 212-2017 history
/// requests). A station's minute, hourly or daily records are expected every
/// `max(CN interval, station interval)` seconds. A gap is seen two ways:
///
/// - between two records: one comes more than one spacing after the last one seen, and the
///   periods between are asked for;
/// - since the station was last seen: on its first frame on a new connection, where its
///   records stand in the database (`EcoWatchStore.recordTimes`, whichever node stored them) is
///   taken in, and the periods since then that closed a whole spacing ago are asked for (those
///   of the CN of that frame when it is committed, up to it).
///
/// Requests go over the station's latest connection: CN 2051/2061/2031 with
/// `BeginTime`/`EndTime`, the station's ST and PW, a new QN, the reply bit set. The station
/// answers 9011, sends the records under the request's QN (stored as any records are; counted
/// here as recovered), then 9012 (ExeRtn 1, or 100: it has none).
///
/// Paced: one request outstanding per station; a span of at most `maxRecordsPerRequest`
/// records per request (longer gaps wait in a bounded queue); nothing older than
/// `lookBackSeconds` before the gap's end; an unanswered request is sent again under a new QN
/// after `answerTimeout`, at most `maxAttempts` times, then given up.
///
/// A station that moves while a request is unanswered is asked again where it is now, as one
/// more attempt: on this node when its next frame comes over a new connection and the one the
/// request went over has closed; on another node sharing the store, which takes the request
/// over from the database (`EcoWatchStore.historyRequests(mn:openOr:)`) on the station's first
/// frame there.
/// Called from the connections (answers) and from the writer thread (look-ups, committed
/// records, ticks).
final class GapTracker: Sendable {
    struct Limits: Sendable {
        var maxRecordsPerRequest = 120
        var answerTimeout: Double = 30
        var maxAttempts = 3
        /// How far back from a gap's end records are asked for; older ones are not (logged).
        var lookBackSeconds: Int64 = 7 * 86_400
        /// Spans waiting per station behind the one outstanding; more are dropped (logged).
        /// Enough for the look-back of minute records (7 days: 84 spans of 120, and 12 more).
        var maxQueuedSpans: Int { Int(lookBackSeconds / 60) / maxRecordsPerRequest + 12 }

        init() {}

        init(_ configuration: IngestConfiguration) {
            maxRecordsPerRequest = configuration.gapRecordsPerRequest
            answerTimeout = configuration.gapAnswerTimeout
            maxAttempts = configuration.gapAttempts
            lookBackSeconds = configuration.gapLookBackSeconds
        }
    }

    private struct Key: Hashable { let mn: String; let cn: DataCommand; let begin: Int64 }
    /// Records to ask for; `attempts` already made (by another node, for a request taken over).
    private struct Span {
        let cn: DataCommand
        let begin: Int64
        let end: Int64
        var attempts = 0
    }
    private struct StationState {
        var last: [DataCommand: Int64] = [:]
        var channel: (any Channel)?
        var current: Key?
        /// The connection the current request went over.
        var askedOn: (any Channel)?
        var queue: Deque<Span> = []
    }
    private struct State {
        var stations: [String: StationState] = [:]
        var requests: [Key: HistoryRequest] = [:]
        /// QNs of recent requests (attempts), to count the records they bring, oldest first.
        var byQN: [String: Key] = [:]
        var recentQNs: Deque<String> = []
        var dirty: Set<Key> = []
        var lastQN: Int64 = 0
    }

    /// QNs remembered for records arriving after their request finished.
    private static let rememberedQNs = 256

    /// The spans (CN and begin) of `mn`'s requests this node holds unanswered: with the
    /// station's open requests in the database, what `connected` is given.
    func heldOpen(mn: String) -> [(cn: DataCommand, begin: Int64)] {
        state.withLockedValue { s in
            s.requests.compactMap { key, request in
                key.mn == mn && (request.state == .sent || request.state == .accepted) ? (key.cn, key.begin) : nil
            }
        }
    }

    let limits: Limits
    private let registry: [String: Station]
    private let logger: Logger
    private let state: NIOLockedValueBox<State>

    init(stations: [String: Station], limits: Limits = Limits(), logger: Logger) {
        self.registry = stations
        self.limits = limits
        self.logger = logger
        state = NIOLockedValueBox(State())
    }

    /// Seconds between two records of `cn` from `station`; nil when `cn` has no history request.
    static func spacing(_ cn: DataCommand, station: Station) -> Int64? {
        guard cn.isHistory, let interval = cn.recordInterval else { return nil }
        return max(interval, Int64(station.intervalSeconds))
    }

    /// `frame` is the first on a new connection of its station (not yet stored), and
    /// `recordTimes` where the station's records stand in the database: the periods since then
    /// that are due (closed a whole spacing before `now`) are queued, except those of the frame's
    /// own CN, whose gap ends at the frame (queued when it is committed).
    ///
    /// `requests` are the station's open history requests in the database, whichever node
    /// sent them, and those of `heldOpen(mn:)`: one still unanswered that this node does not hold is taken over (asked first,
    /// its attempts counted on), or given up if it has had them all; one finished elsewhere
    /// that this node still holds is taken as finished.
    func connected(_ frame: IngestFrame, recordTimes: [DataCommand: Int64], requests: [HistoryRequest] = [],
                   now: Int64 = Int64(Date().timeIntervalSince1970)) {
        guard let station = registry[frame.mn] else { return }
        state.withLockedValue { s in
            var st = s.stations[frame.mn] ?? StationState()
            let asked = takeOver(&s, &st, requests.filter { $0.mn == frame.mn }, now: now)
            for (cn, stored) in recordTimes.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                guard let spacing = Self.spacing(cn, station: station) else { continue }
                let known = max(st.last[cn] ?? stored, stored, asked[cn] ?? stored)
                st.last[cn] = known
                guard cn != frame.dataType else { continue }
                // The latest period on the station's grid that closed a whole spacing ago.
                let due = known + (now - 2 * spacing - known) / spacing * spacing
                if due > known {
                    queue(&st, mn: frame.mn, cn: cn, from: known + spacing, to: due, spacing: spacing)
                    st.last[cn] = due
                }
            }
            s.stations[frame.mn] = st
        }
    }

    /// What `connected` takes from the database's requests; the end of those taken over, by CN
    /// (their periods are asked for already).
    private func takeOver(_ s: inout State, _ st: inout StationState, _ requests: [HistoryRequest],
                          now: Int64) -> [DataCommand: Int64] {
        var asked: [DataCommand: Int64] = [:]
        for stored in requests.sorted(by: { $0.begin > $1.begin }) {
            let key = Key(mn: stored.mn, cn: stored.cn, begin: stored.begin)
            let queued = st.queue.firstIndex { $0.cn == stored.cn && $0.begin == stored.begin }
            switch stored.state {
            case .done, .failed:
                if let mine = s.requests[key], mine.state == .sent || mine.state == .accepted {
                    s.requests[key] = stored
                    if st.current == key { st.current = nil }
                }
                if let queued { st.queue.remove(at: queued) }
            case .sent, .accepted:
                if var mine = s.requests[key] {
                    if mine.state == .sent || mine.state == .accepted, stored.attempts > mine.attempts {
                        mine.attempts = stored.attempts
                        s.requests[key] = mine
                    }
                    continue
                }
                guard queued == nil else { continue }
                if stored.attempts >= limits.maxAttempts {
                    var given = stored
                    given.state = .failed
                    given.finished = now
                    s.requests[key] = given
                    s.dirty.insert(key)
                    logger.warning("history request of another connection given up", metadata: [
                        "mn": "\(key.mn)", "begin": "\(epochToChinaTime(stored.begin))", "attempts": "\(stored.attempts)"])
                    continue
                }
                st.queue.prepend(Span(cn: stored.cn, begin: stored.begin, end: stored.end, attempts: stored.attempts))
                asked[stored.cn] = max(asked[stored.cn] ?? stored.end, stored.end)
            }
        }
        return asked
    }

    /// A frame was committed: counts what a request brought back, notes the station's
    /// connection and its latest record, queues the gap before it, and sends the next request.
    func committed(_ frame: IngestFrame, outcome: IngestOutcome, on channel: any Channel,
                   now: Int64 = Int64(Date().timeIntervalSince1970)) {
        guard let station = registry[frame.mn] else { return }
        let send = state.withLockedValue { s -> HJ212Packet? in
            var st = s.stations[frame.mn] ?? StationState()
            st.channel = channel
            // Real-time data has no gaps of its own, but it is a connection to ask over.
            if let spacing = Self.spacing(frame.dataType, station: station), let time = frame.readings.first?.time {
                // An answer's record: the request's QN and a time in its span (a station's own QN,
                // a time stamp too, can happen to equal one).
                if let key = s.byQN[frame.qn], key.mn == frame.mn, var request = s.requests[key],
                   request.cn == frame.dataType, (request.begin...request.end).contains(time) {
                    if case .stored(let added, _) = outcome, added > 0 {
                        request.records += added
                        s.requests[key] = request
                        s.dirty.insert(key)
                    }
                } else if let last = st.last[frame.dataType] {
                    if time > last {
                        if time - last > spacing {
                            queue(&st, mn: frame.mn, cn: frame.dataType, from: last + spacing, to: time - spacing, spacing: spacing)
                        }
                        st.last[frame.dataType] = time
                    }
                } else {
                    st.last[frame.dataType] = time
                }
            }
            s.stations[frame.mn] = st
            // On a new connection, the request that went over one now closed is asked again here.
            if let key = st.current, let request = s.requests[key], request.state == .sent || request.state == .accepted,
               let asked = st.askedOn, asked !== channel, !asked.isActive {
                return retryOrGiveUp(&s, key: key, now: now)
            }
            return next(&s, mn: frame.mn, now: now)
        }
        if let send { Self.send(send, on: channel) }
    }

    /// Takes a station's 9011 or 9012 answer to the request outstanding; false for any other
    /// packet (it goes on to the usual checks).
    func answered(_ packet: HJ212Packet, now: Int64 = Int64(Date().timeIntervalSince1970)) -> Bool {
        guard packet.cn == .requestAnswer || packet.cn == .executionResult,
              let station = registry[packet.mn], packet.pw == station.pw else { return false }
        var channel: (any Channel)?
        let (taken, send) = state.withLockedValue { s -> (Bool, HJ212Packet?) in
            guard let key = s.stations[packet.mn]?.current, var request = s.requests[key], request.qn == packet.qn else {
                return (false, nil)
            }
            channel = s.stations[packet.mn]?.channel
            if packet.cn == .requestAnswer {
                if packet.cp.field(named: "QnRtn") == String(HJ212RequestResult.ready.rawValue) {
                    request.state = .accepted
                    s.requests[key] = request
                    s.dirty.insert(key)
                    return (true, nil)
                }
                logger.warning("history request refused by the station", metadata: [
                    "mn": "\(packet.mn)", "qn": "\(packet.qn)", "QnRtn": "\(packet.cp.field(named: "QnRtn") ?? "-")"])
                return (true, retryOrGiveUp(&s, key: key, now: now))
            }
            // Done: sent what it had, or it has none for the span (asking again would not help).
            if let result = packet.cp.field(named: "ExeRtn").flatMap({ Int($0) }).flatMap(HJ212ExecutionResult.init(rawValue:)),
               result == .success || result == .noData {
                request.state = .done
                request.finished = now
                s.requests[key] = request
                s.dirty.insert(key)
                s.stations[packet.mn]?.current = nil
                logger.info("history request answered", metadata: [
                    "mn": "\(packet.mn)", "qn": "\(packet.qn)", "records": "\(request.records)"])
                return (true, next(&s, mn: packet.mn, now: now))
            }
            logger.warning("history request failed at the station", metadata: [
                "mn": "\(packet.mn)", "qn": "\(packet.qn)", "ExeRtn": "\(packet.cp.field(named: "ExeRtn") ?? "-")"])
            return (true, retryOrGiveUp(&s, key: key, now: now))
        }
        if let send, let channel { Self.send(send, on: channel) }
        return taken
    }

    /// Sends again what went unanswered too long, and requests waiting for a free moment;
    /// returns the requests changed since the last tick, to be saved.
    func tick(now: Int64) -> [HistoryRequest] {
        var sends: [(HJ212Packet, any Channel)] = []
        let changed = state.withLockedValue { s -> [HistoryRequest] in
            for mn in s.stations.keys {
                if let key = s.stations[mn]?.current, let request = s.requests[key],
                   request.state != .done, Double(now - request.sent) >= limits.answerTimeout {
                    logger.warning("history request unanswered", metadata: [
                        "mn": "\(mn)", "qn": "\(request.qn)", "attempts": "\(request.attempts)"])
                    if let packet = retryOrGiveUp(&s, key: key, now: now), let channel = s.stations[mn]?.channel {
                        sends.append((packet, channel))
                    }
                } else if s.stations[mn]?.current == nil, let packet = next(&s, mn: mn, now: now),
                          let channel = s.stations[mn]?.channel {
                    sends.append((packet, channel))
                }
            }
            let changed = s.dirty.compactMap { s.requests[$0] }
            s.dirty.removeAll()
            // Finished requests are kept while their QNs are remembered (late records).
            let remembered = Set(s.byQN.values)
            let current = Set(s.stations.values.compactMap(\.current))
            s.requests = s.requests.filter { remembered.contains($0.key) || current.contains($0.key) }
            return changed
        }
        for (packet, channel) in sends { Self.send(packet, on: channel) }
        return changed
    }

    // MARK: Inside the lock

    /// Splits a gap into spans of at most `maxRecordsPerRequest` records onto the station's
    /// queue, from no earlier than `lookBackSeconds` before its end.
    private func queue(_ st: inout StationState, mn: String, cn: DataCommand, from begin: Int64, to end: Int64, spacing: Int64) {
        var start = begin
        if end - start > limits.lookBackSeconds {
            start += (end - start - limits.lookBackSeconds + spacing - 1) / spacing * spacing
            logger.warning("gap longer than the look-back: the oldest records are not asked for", metadata: [
                "mn": "\(mn)", "cn": "\(cn)", "begin": "\(epochToChinaTime(begin))", "from": "\(epochToChinaTime(start))"])
        }
        var dropped: [Span] = []
        while start <= end {
            let stop = min(end, start + Int64(limits.maxRecordsPerRequest - 1) * spacing)
            if st.queue.count >= limits.maxQueuedSpans, let oldest = st.queue.popFirst() { dropped.append(oldest) }
            st.queue.append(Span(cn: cn, begin: start, end: stop))
            start = stop + spacing
        }
        if let first = dropped.first, let last = dropped.last {
            logger.warning("too many gaps waiting: the oldest are not asked for", metadata: [
                "mn": "\(mn)", "spans": "\(dropped.count)", "cn": "\(first.cn)",
                "begin": "\(epochToChinaTime(first.begin))", "end": "\(epochToChinaTime(last.end))"])
        }
    }

    /// The request to send next for `mn`, if it has none outstanding, a span waiting and a
    /// connection open.
    private func next(_ s: inout State, mn: String, now: Int64) -> HJ212Packet? {
        guard var st = s.stations[mn], st.current == nil, st.channel?.isActive == true, let span = st.queue.popFirst() else {
            return nil
        }
        let key = Key(mn: mn, cn: span.cn, begin: span.begin)
        let request = HistoryRequest(mn: mn, cn: span.cn, begin: span.begin, end: span.end, qn: newQN(&s, now: now), sent: now,
                                     attempts: span.attempts + 1)
        st.current = key
        st.askedOn = st.channel
        s.stations[mn] = st
        s.requests[key] = request
        s.dirty.insert(key)
        remember(&s, qn: request.qn, key: key)
        return packet(for: request)
    }

    /// The same request under a new QN, or — after `maxAttempts` — given up (and the next one).
    private func retryOrGiveUp(_ s: inout State, key: Key, now: Int64) -> HJ212Packet? {
        guard var request = s.requests[key] else { return nil }
        if request.attempts >= limits.maxAttempts {
            s.dirty.insert(key)
            request.state = .failed
            request.finished = now
            s.requests[key] = request
            s.stations[key.mn]?.current = nil
            logger.warning("history request given up", metadata: [
                "mn": "\(key.mn)", "begin": "\(epochToChinaTime(request.begin))", "attempts": "\(request.attempts)"])
            return next(&s, mn: key.mn, now: now)
        }
        guard let channel = s.stations[key.mn]?.channel, channel.isActive else {
            // No connection to ask over: wait for the station's next record (and its connection).
            // Not saved: the station may be on another node now, which may have taken it over.
            request.sent = now
            s.requests[key] = request
            return nil
        }
        s.dirty.insert(key)
        s.stations[key.mn]?.askedOn = channel
        request.qn = newQN(&s, now: now)
        request.sent = now
        request.attempts += 1
        request.state = .sent
        s.requests[key] = request
        remember(&s, qn: request.qn, key: key)
        return packet(for: request)
    }

    private func remember(_ s: inout State, qn: String, key: Key) {
        s.byQN[qn] = key
        s.recentQNs.append(qn)
        while s.recentQNs.count > Self.rememberedQNs, let old = s.recentQNs.popFirst() { s.byQN[old] = nil }
    }

    /// `YYYYMMDDhhmmsszzz` of now in China time, increasing over the service's requests.
    private func newQN(_ s: inout State, now: Int64) -> String {
        var milliseconds = Int64(Date().timeIntervalSince1970 * 1000)
        if milliseconds <= s.lastQN { milliseconds = s.lastQN + 1 }
        s.lastQN = milliseconds
        let rest = Int(milliseconds % 1000)
        return epochToChinaTime(milliseconds / 1000) + (rest < 10 ? "00" : rest < 100 ? "0" : "") + String(rest)
    }

    private func packet(for request: HistoryRequest) -> HJ212Packet? {
        guard let station = registry[request.mn] else { return nil }
        logger.info("asking a station for missing records", metadata: [
            "mn": "\(request.mn)", "qn": "\(request.qn)", "cn": "\(request.cn)",
            "begin": "\(epochToChinaTime(request.begin))", "end": "\(epochToChinaTime(request.end))", "attempt": "\(request.attempts)"])
        return HJ212Packet(qn: request.qn, st: IngestAdmission.systemType(of: station.kind), cn: request.cn, pw: station.pw,
                           mn: station.mn, flag: HJ212Flag(wantsReply: true),
                           cp: HJ212CP(fields: [HJ212Field(name: "BeginTime", value: epochToChinaTime(request.begin)),
                                                HJ212Field(name: "EndTime", value: epochToChinaTime(request.end))]))
    }

    private static func send(_ packet: HJ212Packet, on channel: any Channel) {
        guard let bytes = try? packet.frame() else { return }
        channel.writeAndFlush(ByteBuffer(bytes: bytes), promise: nil)
    }
}
