import Foundation
import Logging
import NIOCore
import NIOEmbedded
import Testing
import EcoWatchCore
@testable import EcoWatchFeed

/// The gap tracker's pacing: one request outstanding per station, a bounded span per request,
/// a new QN for each retry and a limit on them; the request as HJ 212-2017 frames it.
@Suite struct GapTrackerTests {
    static let station = IngestServiceTests.air
    static let t0 = chinaTimeToEpoch("20240115080000")!

    static func minute(_ time: Int64, qn: String = "20240115090000000") -> IngestFrame {
        IngestFrame(mn: station.mn, qn: qn, dataType: .minute,
                    readings: [Reading(mn: station.mn, code: "a34004", time: time, dataType: .minute, value: 30, flag: .normal)])
    }

    static func sentRequests(_ channel: EmbeddedChannel) throws -> [HJ212Packet] {
        var packets: [HJ212Packet] = []
        while let buffer = try channel.readOutbound(as: ByteBuffer.self) {
            packets.append(try HJ212Packet(frame: Array(buffer.readableBytesView)[...]))
        }
        return packets
    }

    static func answer(_ request: HJ212Packet, cn: DataCommand, field: String, value: Int) -> HJ212Packet {
        HJ212Packet(qn: request.qn, st: 91, cn: cn, pw: station.pw, mn: station.mn, flag: HJ212Flag(wantsReply: false),
                    cp: HJ212CP(fields: [HJ212Field(name: field, value: String(value))]))
    }

    @Test func aLongGapIsAskedForInBoundedSpansOneAtATimeRetriedThenGivenUp() throws {
        let channel = EmbeddedChannel()
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 9)).wait()
        let tracker = GapTracker(stations: [Self.station.mn: Self.station], logger: Logger(label: "test"))
        let limit = tracker.limits.maxRecordsPerRequest
        let now = Self.t0 + 86_400
        tracker.committed(Self.minute(Self.t0), outcome: .stored(added: 1, corrected: 0), on: channel, now: now)
        #expect(try Self.sentRequests(channel).isEmpty)
        // 299 minutes missing, then a record.
        tracker.committed(Self.minute(Self.t0 + 300 * 60), outcome: .stored(added: 1, corrected: 0), on: channel, now: now)
        let first = try #require(try Self.sentRequests(channel).first)
        #expect(first.cn == .minute && first.st == 22 && first.pw == Self.station.pw && first.mn == Self.station.mn)
        #expect(first.flag.wantsReply)
        #expect(first.cp.field(named: "BeginTime") == epochToChinaTime(Self.t0 + 60))
        #expect(first.cp.field(named: "EndTime") == epochToChinaTime(Self.t0 + Int64(limit) * 60))
        // Another gap meanwhile: queued, not sent (one request outstanding).
        tracker.committed(Self.minute(Self.t0 + 310 * 60), outcome: .stored(added: 1, corrected: 0), on: channel, now: now)
        #expect(try Self.sentRequests(channel).isEmpty)

        // The answer: 9011, two records under the request's QN, 9012; then the next span goes out.
        #expect(tracker.answered(Self.answer(first, cn: .requestAnswer, field: "QnRtn", value: 1), now: now))
        for k in 1...2 {
            tracker.committed(Self.minute(Self.t0 + Int64(k) * 60, qn: first.qn), outcome: .stored(added: 1, corrected: 0),
                              on: channel, now: now)
        }
        #expect(tracker.answered(Self.answer(first, cn: .executionResult, field: "ExeRtn", value: 1), now: now + 1))
        let second = try #require(try Self.sentRequests(channel).first)
        #expect(second.qn != first.qn)
        #expect(second.cp.field(named: "BeginTime") == epochToChinaTime(Self.t0 + Int64(limit + 1) * 60))
        #expect(second.cp.field(named: "EndTime") == epochToChinaTime(Self.t0 + 240 * 60))
        var saved = tracker.tick(now: now + 1)
        #expect(saved.contains { $0.qn == first.qn && $0.state == .done && $0.records == 2 })

        // Unanswered: sent again under a new QN until the limit, then given up; the next span follows.
        var qns = [second.qn]
        for attempt in 2...tracker.limits.maxAttempts {
            saved = tracker.tick(now: now + 1 + Int64(attempt - 1) * 31)
            let again = try #require(try Self.sentRequests(channel).first)
            #expect(again.cp.field(named: "BeginTime") == second.cp.field(named: "BeginTime"))
            #expect(!qns.contains(again.qn))
            qns.append(again.qn)
        }
        saved = tracker.tick(now: now + 1 + Int64(tracker.limits.maxAttempts) * 31)
        #expect(saved.contains { $0.begin == Self.t0 + Int64(limit + 1) * 60 && $0.state == .failed
            && $0.attempts == tracker.limits.maxAttempts })
        let third = try #require(try Self.sentRequests(channel).first)
        #expect(third.cp.field(named: "BeginTime") == epochToChinaTime(Self.t0 + 241 * 60))
        #expect(third.cp.field(named: "EndTime") == epochToChinaTime(Self.t0 + 299 * 60))
        // A 9012 for a QN not outstanding is not the tracker's.
        #expect(!tracker.answered(Self.answer(first, cn: .executionResult, field: "ExeRtn", value: 1), now: now))
    }

    @Test func realTimeDataAndSpacingFollowTheStationsInterval() throws {
        let channel = EmbeddedChannel()
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 9)).wait()
        let slow = Station(mn: "330200W000000001", pw: "111111", name: LocalizedText(zh: "水", en: "Water"), districtID: "haishu",
                           kind: .water, targetClass: "III", codes: ["w21003"], intervalSeconds: 3600)
        let tracker = GapTracker(stations: [Self.station.mn: Self.station, slow.mn: slow], logger: Logger(label: "test"))
        func frame(_ s: Station, _ cn: DataCommand, _ time: Int64) -> IngestFrame {
            IngestFrame(mn: s.mn, qn: "q", dataType: cn, readings: [Reading(mn: s.mn, code: s.codes[0], time: time, dataType: cn,
                                                                           value: 1, flag: .normal)])
        }
        // Real-time data has no history request, however far apart.
        tracker.committed(frame(Self.station, .realTime, Self.t0), outcome: .stored(added: 1, corrected: 0), on: channel)
        tracker.committed(frame(Self.station, .realTime, Self.t0 + 9_000), outcome: .stored(added: 1, corrected: 0), on: channel)
        #expect(try Self.sentRequests(channel).isEmpty)
        // Hourly records an hour apart: no gap; three hours after the one in the database: two missing.
        tracker.connected(frame(slow, .hourly, Self.t0 + 3600), recordTimes: [.hourly: Self.t0], now: Self.t0 + 3600)
        tracker.committed(frame(slow, .hourly, Self.t0 + 3600), outcome: .stored(added: 1, corrected: 0), on: channel)
        #expect(try Self.sentRequests(channel).isEmpty)
        tracker.committed(frame(slow, .hourly, Self.t0 + 4 * 3600), outcome: .stored(added: 1, corrected: 0), on: channel)
        let request = try #require(try Self.sentRequests(channel).first)
        #expect(request.cn == .hourly && request.st == 21 && request.pw == slow.pw)
        #expect(request.cp.field(named: "BeginTime") == epochToChinaTime(Self.t0 + 2 * 3600))
        #expect(request.cp.field(named: "EndTime") == epochToChinaTime(Self.t0 + 3 * 3600))
    }

    /// Since it was last seen: on a station's first frame on a connection, where the database
    /// (every node's) says its records stand is taken in; the periods due since then are asked
    /// for, its own CN's up to the frame, the others' up to a whole spacing before now, and never
    /// further back than the look-back.
    @Test func aStationThatConnectsAgainIsAskedForWhatItMissedSinceItWasLastSeen() throws {
        let channel = EmbeddedChannel()
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 9)).wait()
        let tracker = GapTracker(stations: [Self.station.mn: Self.station], logger: Logger(label: "test"))
        func realTime(_ time: Int64) -> IngestFrame {
            IngestFrame(mn: Self.station.mn, qn: "q", dataType: .realTime,
                        readings: [Reading(mn: Self.station.mn, code: "a34004", time: time, dataType: .realTime, value: 1, flag: .normal)])
        }
        // Minute records stored up to t0 (by this node or another); it comes back half an hour
        // later with real-time data: the minutes up to two before now are asked for at once.
        let now = Self.t0 + 1800 + 30
        tracker.connected(realTime(now), recordTimes: [.minute: Self.t0], now: now)
        tracker.committed(realTime(now), outcome: .stored(added: 1, corrected: 0), on: channel, now: now)
        let request = try #require(try Self.sentRequests(channel).first)
        #expect(request.cn == .minute)
        #expect(request.cp.field(named: "BeginTime") == epochToChinaTime(Self.t0 + 60))
        #expect(request.cp.field(named: "EndTime") == epochToChinaTime(Self.t0 + 28 * 60))
        // "No data" is an answer: done, not retried.
        #expect(tracker.answered(Self.answer(request, cn: .executionResult, field: "ExeRtn", value: 100), now: now))
        #expect(tracker.tick(now: now + 100).contains { $0.qn == request.qn && $0.state == .done })
        #expect(try Self.sentRequests(channel).isEmpty)

        // Records stored by another node meanwhile (up to 20 min after t0; this node saw up to 28):
        // the next connection's minute record at 40 asks for 29…39 only, and nothing for now.
        let later = Self.t0 + 40 * 60
        tracker.connected(Self.minute(later), recordTimes: [.minute: Self.t0 + 20 * 60], now: later + 5)
        #expect(try Self.sentRequests(channel).isEmpty)
        tracker.committed(Self.minute(later), outcome: .stored(added: 1, corrected: 0), on: channel, now: later + 5)
        let gap = try #require(try Self.sentRequests(channel).first)
        #expect(gap.cp.field(named: "BeginTime") == epochToChinaTime(Self.t0 + 29 * 60))
        #expect(gap.cp.field(named: "EndTime") == epochToChinaTime(Self.t0 + 39 * 60))
        #expect(tracker.answered(Self.answer(gap, cn: .executionResult, field: "ExeRtn", value: 1), now: later + 6))

        // Away ten days: only the look-back's worth is asked for, from its first minute.
        let away = later + 10 * 86_400
        tracker.connected(Self.minute(away), recordTimes: [.minute: later], now: away)
        tracker.committed(Self.minute(away), outcome: .stored(added: 1, corrected: 0), on: channel, now: away)
        let back = try #require(try Self.sentRequests(channel).first)
        #expect(back.cp.field(named: "BeginTime") == epochToChinaTime(away - 60 - tracker.limits.lookBackSeconds))
        #expect(back.cp.field(named: "EndTime") == epochToChinaTime(away - 60 - tracker.limits.lookBackSeconds
                                                                    + Int64(tracker.limits.maxRecordsPerRequest - 1) * 60))
    }
    static func connectedChannel() throws -> EmbeddedChannel {
        let channel = EmbeddedChannel()
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 9)).wait()
        return channel
    }

    /// A station whose connection closes while a request is unanswered is asked again on its
    /// next connection as soon as a frame comes over it (an attempt more, a new QN), not after
    /// the answer timeout; a connection still open beside it keeps the request where it is.
    @Test func aRequestUnansweredWhenTheConnectionClosesIsAskedAgainOnTheNextOne() throws {
        let tracker = GapTracker(stations: [Self.station.mn: Self.station], logger: Logger(label: "test"))
        let now = Self.t0 + 86_400
        let old = try Self.connectedChannel()
        tracker.committed(Self.minute(Self.t0), outcome: .stored(added: 1, corrected: 0), on: old, now: now)
        tracker.committed(Self.minute(Self.t0 + 10 * 60), outcome: .stored(added: 1, corrected: 0), on: old, now: now)
        let first = try #require(try Self.sentRequests(old).first)

        // A second connection while the first is open: not asked there.
        let beside = try Self.connectedChannel()
        tracker.committed(Self.minute(Self.t0 + 11 * 60), outcome: .stored(added: 1, corrected: 0), on: beside, now: now + 1)
        #expect(try Self.sentRequests(beside).isEmpty)

        try old.close().wait()
        let new = try Self.connectedChannel()
        tracker.committed(Self.minute(Self.t0 + 12 * 60), outcome: .stored(added: 1, corrected: 0), on: new, now: now + 2)
        let again = try #require(try Self.sentRequests(new).first, "not asked again on the new connection")
        #expect(again.cp.field(named: "BeginTime") == first.cp.field(named: "BeginTime"))
        #expect(again.cp.field(named: "EndTime") == first.cp.field(named: "EndTime"))
        #expect(again.qn != first.qn)
        #expect(tracker.tick(now: now + 2).contains { $0.qn == again.qn && $0.attempts == 2 && $0.state == .sent })
        // Answered on the new connection: done.
        #expect(tracker.answered(Self.answer(again, cn: .executionResult, field: "ExeRtn", value: 1), now: now + 3))
        #expect(tracker.tick(now: now + 3).contains { $0.qn == again.qn && $0.state == .done })
    }

    /// Another node sharing the store takes over a request left unanswered when the station
    /// moved (its attempts counted on, asked first, its periods not asked twice); one asked as
    /// often as allowed is given up, not asked again; and the node the station left, seeing it
    /// finished elsewhere when the station comes back, does not ask it again.
    @Test func anotherNodeTakesOverARequestLeftUnansweredWhenTheStationMoved() throws {
        let stations = [Self.station.mn: Self.station]
        let a = GapTracker(stations: stations, logger: Logger(label: "a"))
        let b = GapTracker(stations: stations, logger: Logger(label: "b"))
        let now = Self.t0 + 86_400
        let onA = try Self.connectedChannel()
        a.committed(Self.minute(Self.t0), outcome: .stored(added: 1, corrected: 0), on: onA, now: now)
        a.committed(Self.minute(Self.t0 + 10 * 60), outcome: .stored(added: 1, corrected: 0), on: onA, now: now)
        let asked = try #require(try Self.sentRequests(onA).first)
        var database = a.tick(now: now)
        #expect(database.count == 1 && database[0].attempts == 1)
        try onA.close().wait()

        // The station's first frame on B: its records stand at minute 10, the request is in the store.
        let onB = try Self.connectedChannel()
        let frame = Self.minute(Self.t0 + 11 * 60)
        b.connected(frame, recordTimes: [.minute: Self.t0 + 10 * 60], requests: database, now: now + 5)
        b.committed(frame, outcome: .stored(added: 1, corrected: 0), on: onB, now: now + 5)
        let taken = try Self.sentRequests(onB)
        #expect(taken.count == 1, "\(taken)")
        #expect(taken.first?.cp.field(named: "BeginTime") == asked.cp.field(named: "BeginTime"))
        #expect(taken.first?.cp.field(named: "EndTime") == asked.cp.field(named: "EndTime"))
        let saved = b.tick(now: now + 5)
        #expect(saved.count == 1 && saved.first?.attempts == 2 && saved.first?.qn == taken.first?.qn, "\(saved)")
        // A, with no connection to ask over, saves nothing over B's row.
        #expect(a.tick(now: now + 100).isEmpty)
        #expect(try Self.sentRequests(onA).isEmpty)

        // B gets it done; the station comes back to A, which takes it as finished.
        let request = try #require(taken.first)
        #expect(b.answered(Self.answer(request, cn: .executionResult, field: "ExeRtn", value: 1), now: now + 6))
        database = b.tick(now: now + 6)
        let back = try Self.connectedChannel()
        let later = Self.minute(Self.t0 + 12 * 60)
        a.connected(later, recordTimes: [.minute: Self.t0 + 11 * 60], requests: database, now: now + 7)
        a.committed(later, outcome: .stored(added: 1, corrected: 0), on: back, now: now + 7)
        #expect(try Self.sentRequests(back).isEmpty)
        #expect(a.tick(now: now + 200).isEmpty)

        // A request already asked as often as allowed: given up by the node it reaches, not sent.
        let c = GapTracker(stations: stations, logger: Logger(label: "c"))
        var spent = database[0]
        spent.state = .sent
        spent.attempts = c.limits.maxAttempts
        let onC = try Self.connectedChannel()
        c.connected(later, recordTimes: [.minute: Self.t0 + 11 * 60], requests: [spent], now: now + 8)
        c.committed(later, outcome: .stored(added: 1, corrected: 0), on: onC, now: now + 8)
        #expect(try Self.sentRequests(onC).isEmpty)
        #expect(c.tick(now: now + 8).contains { $0.begin == spent.begin && $0.state == .failed })
    }

    /// A request for the periods since the station was last seen, taken over by another node,
    /// is not asked for a second time by that node's own look-up of where the records stand.
    @Test func aRequestTakenOverIsNotAskedTwiceBySinceLastSeen() throws {
        let b = GapTracker(stations: [Self.station.mn: Self.station], logger: Logger(label: "b"))
        let now = Self.t0 + 3600
        // Another node asked for minutes 1…30 since t0 (the station's last record) and got no answer.
        let open = HistoryRequest(mn: Self.station.mn, cn: .minute, begin: Self.t0 + 60, end: Self.t0 + 30 * 60,
                                  qn: "20240115090000001", sent: now - 60)
        let onB = try Self.connectedChannel()
        let realTime = IngestFrame(mn: Self.station.mn, qn: "q", dataType: .realTime,
                                   readings: [Reading(mn: Self.station.mn, code: "a34004", time: now, dataType: .realTime,
                                                      value: 1, flag: .normal)])
        b.connected(realTime, recordTimes: [.minute: Self.t0], requests: [open], now: now)
        b.committed(realTime, outcome: .stored(added: 1, corrected: 0), on: onB, now: now)
        let first = try #require(try Self.sentRequests(onB).first)
        #expect(first.cp.field(named: "BeginTime") == epochToChinaTime(open.begin))
        #expect(first.cp.field(named: "EndTime") == epochToChinaTime(open.end))
        #expect(b.answered(Self.answer(first, cn: .executionResult, field: "ExeRtn", value: 100), now: now + 1))
        // Then the minutes after it, up to two before now.
        let second = try #require(try Self.sentRequests(onB).first)
        #expect(second.cp.field(named: "BeginTime") == epochToChinaTime(open.end + 60))
        #expect(second.cp.field(named: "EndTime") == epochToChinaTime(now - 120))
    }
}
