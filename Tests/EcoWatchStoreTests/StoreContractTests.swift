import EcoWatchCore
import EcoWatchPostgres
import Foundation
import Testing

/// The `EcoWatchStore` contract: every test runs against every back end (SQLite and
/// PostgreSQL), each on a fresh database, so a gap in either shows up here.
@Suite struct StoreContractTests {
    static func frame(_ mn: String, _ qn: String, _ time: Int64, _ values: [(String, Double, DataFlag)], cn: DataCommand = .realTime) -> IngestFrame {
        IngestFrame(mn: mn, qn: qn, dataType: cn,
                    readings: values.map { Reading(mn: mn, code: $0.0, time: time, dataType: cn, value: $0.1, flag: $0.2) })
    }

    /// 2024-01-31 16:00 UTC is 2024-02-01 00:00 in Beijing: a new local day and month.
    static let monthTurn: Int64 = 1_706_716_800

    @Test(arguments: StoreBackend.allCases)
    func theProgrammeComesBackAsItWasStored(backend: StoreBackend) throws {
        let database = try backend.makeDatabase()
        defer { database.remove() }
        let programme = try SampleData.programme()
        try database.open().replaceProgramme(programme)
        let loaded = try database.open().loadProgramme()
        #expect(loaded.districts == programme.districts)
        #expect(loaded.indicators == programme.indicators)
        #expect(Set(loaded.observations) == Set(programme.observations))
        #expect(loaded.tasks == programme.tasks.sorted { $0.id < $1.id })
        #expect(loaded.events == programme.events)
        #expect(loaded.stations == programme.stations)
    }

    @Test(arguments: StoreBackend.allCases)
    func replacingTheProgrammeKeepsLiveData(backend: StoreBackend) throws {
        let database = try backend.makeDatabase()
        defer { database.remove() }
        let store = try database.open()
        var programme = try SampleData.programme()
        try store.replaceProgramme(programme)
        let mn = programme.stations[0].mn
        #expect(try store.ingest([Self.frame(mn, "20240101000000000", 1000, [("a34004", 12, .normal)])]) == [.stored(added: 1, corrected: 0)])
        _ = try store.raiseAlarm(NewAlarm(mn: mn, rule: .aqi, started: 1000, amount: 160))
        programme.stations.removeLast()
        try store.replaceProgramme(programme)
        #expect(try store.loadProgramme().stations.count == programme.stations.count)
        #expect(try store.latestValues()[mn]?.map(\.value) == [12])
        #expect(try store.alarms(includeClosed: true, limit: 10).count == 1)
    }

    /// A record is MN, CN, DataTime and code: a resend under any QN is a duplicate, the same
    /// record with another value is a correction (the roll-ups follow), a new time is added.
    @Test(arguments: StoreBackend.allCases)
    func recordsAreStoredOnceByIdentityAndCorrectionsReplaceThem(backend: StoreBackend) throws {
        let database = try backend.makeDatabase()
        defer { database.remove() }
        let store = try database.open()
        let frame = Self.frame("M1", "20220101000000000", 1000, [("a34004", 38.2, .normal), ("a21004", 20, .normal)])
        let resent = Self.frame("M1", "20220101000500000", 1000, [("a34004", 38.2, .normal), ("a21004", 20, .normal)])
        let corrected = Self.frame("M1", "20220101000600000", 1000, [("a34004", 30, .normal), ("a21004", 20, .normal)])
        let next = Self.frame("M1", "20220101000100000", 1060, [("a34004", 40, .normal)])
        #expect(try store.ingest([frame]) == [.stored(added: 2, corrected: 0)])
        #expect(try store.ingest([resent, next, next]) == [.duplicate, .stored(added: 1, corrected: 0), .duplicate])
        #expect(try store.ingest([corrected]) == [.stored(added: 0, corrected: 1)])
        let counts = try store.feedCounts()
        #expect(counts.accepted == 3)
        #expect(counts.duplicates == 2)
        #expect(counts.corrected == 1)
        #expect(try store.latestValues()["M1"]?.map(\.value) == [20, 40])
        let hour = try store.series(mn: "M1", code: "a34004", grain: .hour, from: 0, to: 10_000)
        #expect(hour.map(\.count) == [2])
        #expect(hour.map(\.low) == [30])
        #expect(hour.map(\.high) == [40])
    }

    /// One batch holding a new record, a resend, a correction of a stored record, a record given
    /// twice (then a third time) and a history frame is judged frame by frame, as if the frames
    /// came one at a time: what a batch of new records only would not show.
    @Test(arguments: StoreBackend.allCases)
    func aBatchMixingNewResentCorrectedAndRepeatedRecordsIsJudgedFrameByFrame(backend: StoreBackend) throws {
        let database = try backend.makeDatabase()
        defer { database.remove() }
        let store = try database.open()
        #expect(try store.ingest([Self.frame("M1", "1", 1000, [("a34004", 38, .normal), ("a21004", 20, .normal)])]) == [.stored(added: 2, corrected: 0)])
        let batch = [
            Self.frame("M1", "2", 1060, [("a34004", 41, .normal)]),
            Self.frame("M1", "3", 1000, [("a34004", 38, .normal), ("a21004", 20, .normal)]),
            Self.frame("M1", "4", 1000, [("a34004", 30, .normal), ("a21004", 20, .normal)]),
            Self.frame("M2", "5", 1000, [("a34004", 5, .normal)]),
            Self.frame("M2", "6", 1000, [("a34004", 7, .normal)]),
            Self.frame("M2", "7", 1000, [("a34004", 7, .normal)]),
            Self.frame("M1", "8", 1200, [("a34004", 44, .maintenance)], cn: .minute),
        ]
        #expect(try store.ingest(batch) == [.stored(added: 1, corrected: 0), .duplicate, .stored(added: 0, corrected: 1),
                                            .stored(added: 1, corrected: 0), .stored(added: 0, corrected: 1), .duplicate,
                                            .stored(added: 1, corrected: 0)])
        #expect(try store.feedCounts() == FeedCounts(accepted: 6, duplicates: 2, corrected: 2))
        #expect(try store.latestValues()["M1"]?.map(\.value) == [20, 44])
        #expect(try store.latestValues()["M2"]?.map(\.value) == [7])
        #expect(try store.recordTimes(mn: "M1") == [.minute: 1200])
        let m1 = try store.series(mn: "M1", code: "a34004", grain: .day, from: 0, to: 100_000)
        #expect(m1.map(\.count) == [2] && m1.map(\.low) == [30] && m1.map(\.high) == [41], "\(m1)")
        let m2 = try store.series(mn: "M2", code: "a34004", grain: .month, from: 0, to: 10_000_000)
        #expect(m2.map(\.count) == [1] && m2.map(\.low) == [7] && m2.map(\.high) == [7], "\(m2)")
        // The frame log: the first frame and the five of the batch that stored something.
        let logged = try store.pruneFrameLog(receivedBefore: Int64(Date().timeIntervalSince1970) + 3600, limit: 100)
        #expect(logged == 6)
    }

    @Test(arguments: StoreBackend.allCases)
    func latestKeepsTheNewestValueWhateverTheArrivalOrder(backend: StoreBackend) throws {
        let database = try backend.makeDatabase()
        defer { database.remove() }
        let store = try database.open()
        _ = try store.ingest([Self.frame("M1", "2", 2000, [("w21003", 0.8, .normal)], cn: .hourly),
                              Self.frame("M1", "1", 1000, [("w21003", 0.3, .normal)], cn: .hourly)])
        _ = try store.ingest([Self.frame("M1", "0", 500, [("w21003", 0.1, .normal), ("w01009", 7.5, .fault)], cn: .hourly)])
        let latest = try store.latestValues()["M1"] ?? []
        #expect(latest == [LatestValue(code: "w01009", value: 7.5, flag: .fault, time: 500, dataType: .hourly),
                           LatestValue(code: "w21003", value: 0.8, flag: .normal, time: 2000, dataType: .hourly)])
        #expect(try store.lastSeen()["M1"] == 2000)
        // Two records of one time in one transaction: the later frame's stands, as it would one by one.
        _ = try store.ingest([Self.frame("M1", "3", 3000, [("w21003", 0.4, .normal)], cn: .minute),
                              Self.frame("M1", "4", 3000, [("w21003", 0.6, .normal)], cn: .hourly),
                              Self.frame("M1", "5", 2500, [("w21003", 0.5, .normal)], cn: .hourly)])
        #expect(try store.latestValues()["M1"]?.last == LatestValue(code: "w21003", value: 0.6, flag: .normal, time: 3000, dataType: .hourly))
    }

    /// Frames across hour, Beijing-day and Beijing-month boundaries, with non-N flags, in
    /// overlapping batches (resent frames) and out of order.
    @Test(arguments: StoreBackend.allCases)
    func rollUpsAreExactAcrossBoundariesAndResends(backend: StoreBackend) throws {
        let database = try backend.makeDatabase()
        defer { database.remove() }
        let store = try database.open()
        var frames: [IngestFrame] = []
        for k in 0..<40 {
            let time = Self.monthTurn - 5 * 3600 + Int64(k) * 1234
            let flag: DataFlag = k % 7 == 3 ? .maintenance : k % 11 == 5 ? .fault : .normal
            frames.append(Self.frame("A1", "q\(k)", time, [("a34004", Double(k % 9) + 0.25, .normal), ("a21004", Double(40 - k), flag)]))
        }
        _ = try store.ingest(Array(frames[0..<30].reversed()))
        _ = try store.ingest(Array(frames[20...]))
        var expected: [RollupGrain: [Int64: (n: Int, total: Double, low: Double, high: Double)]] = [:]
        for frame in frames {
            for reading in frame.readings where reading.code == "a21004" && reading.flag == .normal {
                for grain in RollupGrain.allCases {
                    let start = grain.periodStart(reading.time)
                    var t = expected[grain, default: [:]][start] ?? (0, 0, .infinity, -.infinity)
                    t = (t.n + 1, t.total + reading.value, min(t.low, reading.value), max(t.high, reading.value))
                    expected[grain, default: [:]][start] = t
                }
            }
        }
        for grain in RollupGrain.allCases {
            let points = try store.series(mn: "A1", code: "a21004", grain: grain, from: Self.monthTurn - 40 * 86_400,
                                          to: Self.monthTurn + 40 * 86_400)
            let want = (expected[grain] ?? [:]).sorted { $0.key < $1.key }
            #expect(points.map(\.start) == want.map(\.key), "\(grain)")
            #expect(points.map(\.count) == want.map(\.value.n), "\(grain)")
            #expect(points.map(\.low) == want.map(\.value.low), "\(grain)")
            #expect(points.map(\.high) == want.map(\.value.high), "\(grain)")
            for (point, w) in zip(points, want) {
                #expect(abs(point.mean - w.value.total / Double(w.value.n)) < 1e-9, "\(grain)")
            }
        }
        // Beijing months: the turn splits the history in two months.
        let months = try store.series(mn: "A1", code: "a34004", grain: .month, from: 0, to: Self.monthTurn + 90 * 86_400)
        #expect(months.map(\.start) == [RollupGrain.month.periodStart(Self.monthTurn - 1), Self.monthTurn])
    }

    @Test(arguments: StoreBackend.allCases)
    func rebuildingTheRollUpsGivesWhatIngestKept(backend: StoreBackend) throws {
        let database = try backend.makeDatabase()
        defer { database.remove() }
        let store = try database.open()
        var frames: [IngestFrame] = []
        for k in 0..<30 {
            let time: Int64 = Self.monthTurn - 3 * 86_400 + Int64(k) * 7_777
            let flag = k % 4 == 0 ? DataFlag.maintenance : .normal
            frames.append(Self.frame("A1", "q\(k)", time, [("a34004", Double(k) * 1.5, flag)]))
        }
        _ = try store.ingest(frames)
        func all() throws -> [[SeriesPoint]] {
            try RollupGrain.allCases.map { try store.series(mn: "A1", code: "a34004", grain: $0, from: 0, to: Self.monthTurn * 2) }
        }
        let kept = try all()
        switch store {
        case let sqlite as SQLiteStore: try sqlite.rebuildRollups()
        case let postgres as PostgresStore: try postgres.rebuildRollups()
        default: Issue.record("no rebuild for \(type(of: store))")
        }
        let rebuilt = try all()
        #expect(rebuilt.map { $0.map(\.start) } == kept.map { $0.map(\.start) })
        #expect(rebuilt.map { $0.map(\.count) } == kept.map { $0.map(\.count) })
        #expect(rebuilt.map { $0.map(\.low) } == kept.map { $0.map(\.low) })
        #expect(rebuilt.map { $0.map(\.high) } == kept.map { $0.map(\.high) })
    }

    @Test(arguments: StoreBackend.allCases)
    func refusalsAreCountedByReasonStationAndMinute(backend: StoreBackend) throws {
        let database = try backend.makeDatabase()
        defer { database.remove() }
        let store = try database.open()
        try store.replaceProgramme(try SampleData.programme())
        let mn = try store.loadProgramme().stations[0].mn
        try store.recordRefusals([RefusalCount(time: 6000, reason: .crc, mn: mn, count: 1)])
        try store.recordRefusals([RefusalCount(time: 6030, reason: .crc, mn: mn, count: 2),
                                  RefusalCount(time: 6100, reason: .wrongPW, mn: "X9", count: 1),
                                  RefusalCount(time: 6110, reason: .length, mn: nil, count: 4)])
        #expect(try store.feedCounts().refused == [.crc: 3, .wrongPW: 1, .length: 4])
        #expect(try store.refusalCount(mn: mn, since: 6000) == 3)
        #expect(try store.refusalCount(mn: mn, since: 6060) == 0)
        let listed = try store.refusals(since: 0, limit: 10)
        #expect(listed.map(\.count) == [4, 3, 1])
        #expect(listed.first?.mn == nil)
        try store.recordBadFrameSamples([BadFrameSample(peer: "127.0.0.1:5000", time: 6000, reason: .crc, mn: mn, bytes: Array("##0101QN=1".utf8))])
        #expect(try store.badFrameSamples().map(\.excerpt) == ["##0101QN=1"])
    }

    @Test(arguments: StoreBackend.allCases)
    func alarmsOpenOnceClearAndKeepTheirAcknowledgement(backend: StoreBackend) throws {
        let database = try backend.makeDatabase()
        defer { database.remove() }
        let store = try database.open()
        let first = try store.raiseAlarm(NewAlarm(mn: "M1", rule: .aqi, started: 100, amount: 132))
        let again = try database.open().raiseAlarm(NewAlarm(mn: "M1", rule: .aqi, started: 200, amount: 140))
        #expect(first == again)
        #expect(first.amount == 132)
        try store.acknowledgeAlarm(id: first.id, operator: "王值班", at: 150)
        try store.acknowledgeAlarm(id: first.id, operator: "someone else", at: 160)
        try store.clearAlarm(mn: "M1", rule: .aqi, at: 300)
        let log = try database.open().alarms(includeClosed: true, limit: 10)
        #expect(log.count == 1)
        #expect(log.first?.acknowledgedBy == "王值班")
        #expect(log.first?.acknowledgedAt == 150)
        #expect(log.first?.cleared == 300)
        #expect(try store.alarms(includeClosed: false, limit: 10).isEmpty)
        let next = try store.raiseAlarm(NewAlarm(mn: "M1", rule: .aqi, started: 400, amount: 150))
        #expect(next.id != first.id)
        #expect(try store.alarms(includeClosed: false, limit: 10).map(\.id) == [next.id])
        #expect(try store.alarms(includeClosed: true, limit: 10).map(\.id) == [next.id, first.id])
        #expect(try store.alarms(since: 350, limit: 10).map(\.id) == [next.id])
        #expect(try store.alarms(since: 250, limit: 10).map(\.id) == [next.id, first.id])
        #expect(try store.alarms(mn: "M1", limit: 1).map(\.id) == [next.id])
    }

    @Test(arguments: StoreBackend.allCases)
    func aStationsHistoryRequestsAreItsOwnNewestFirstWithItsTotals(backend: StoreBackend) throws {
        let database = try backend.makeDatabase()
        defer { database.remove() }
        let store = try database.open()
        var old = HistoryRequest(mn: "M1", cn: .minute, begin: 1000, end: 1600, qn: "1", sent: 2000)
        let new = HistoryRequest(mn: "M1", cn: .hourly, begin: 3600, end: 7200, qn: "2", sent: 8000, attempts: 3, state: .failed, finished: 9000)
        let other = HistoryRequest(mn: "M2", cn: .minute, begin: 1000, end: 1600, qn: "3", sent: 9500, records: 7)
        try store.recordHistoryRequests([old, new, other])
        old.state = .done
        old.finished = 2100
        old.records = 11
        try store.recordHistoryRequests([old])

        let m1 = try store.historyRequests(mn: "M1", limit: 10)
        #expect(m1.latest == [new, old])
        #expect(m1.totals.requests == 2)
        #expect(m1.totals.attempts == 4)
        #expect(m1.totals.done == 1)
        #expect(m1.totals.failed == 1)
        #expect(m1.totals.records == 11)
        let limited = try store.historyRequests(mn: "M1", limit: 1)
        #expect(limited.latest == [new])
        #expect(limited.totals.requests == 2)
        #expect(try store.historyRequests(mn: "M9", limit: 10).latest.isEmpty)
        #expect(try store.historyRequests(mn: "M9", limit: 10).totals == HistoryRequestTotals())
        let all = try store.historyRequests(limit: 10)
        #expect(all.latest == [other, new, old])
        #expect(all.totals.records == 18)
    }

    /// Two nodes sharing the store: the station moved from A to B, B took A's request over and
    /// finished it, and A, on a half-open connection, retried and later gave up. A's copies do
    /// not replace B's finished row, nor an open row with more attempts; the attempt that
    /// finished a request can still count the records that come after its answer.
    @Test(arguments: StoreBackend.allCases)
    func aStaleCopyOfAHistoryRequestDoesNotReplaceAFinishedOrNewerRow(backend: StoreBackend) throws {
        let database = try backend.makeDatabase()
        defer { database.remove() }
        let nodeA = try database.open()
        let nodeB = try database.open()
        let fromA = HistoryRequest(mn: "M1", cn: .minute, begin: 1000, end: 1600, qn: "A1", sent: 2000)
        try nodeA.recordHistoryRequests([fromA])
        var takenOver = HistoryRequest(mn: "M1", cn: .minute, begin: 1000, end: 1600, qn: "B2", sent: 2040, attempts: 2)
        try nodeB.recordHistoryRequests([takenOver])
        takenOver.state = .done
        takenOver.finished = 2050
        takenOver.records = 4
        try nodeB.recordHistoryRequests([takenOver])

        var retried = fromA
        retried.qn = "A2"
        retried.sent = 2060
        retried.attempts = 2
        try nodeA.recordHistoryRequests([retried])
        #expect(try nodeB.historyRequests(mn: "M1", limit: 10).latest == [takenOver])
        var givenUp = retried
        givenUp.qn = "A3"
        givenUp.sent = 2090
        givenUp.attempts = 3
        try nodeA.recordHistoryRequests([givenUp])
        givenUp.state = .failed
        givenUp.finished = 2120
        try nodeA.recordHistoryRequests([givenUp])
        #expect(try nodeB.historyRequests(mn: "M1", limit: 10).latest == [takenOver])

        // Late records of the attempt that finished it are still counted.
        takenOver.records = 6
        try nodeB.recordHistoryRequests([takenOver])
        #expect(try nodeA.historyRequests(mn: "M1", limit: 10).latest == [takenOver])

        // An open row is not replaced by a copy of fewer attempts, but is by one of as many.
        var open = HistoryRequest(mn: "M1", cn: .hourly, begin: 3600, end: 7200, qn: "B5", sent: 8000, attempts: 2)
        try nodeB.recordHistoryRequests([open])
        try nodeA.recordHistoryRequests([HistoryRequest(mn: "M1", cn: .hourly, begin: 3600, end: 7200, qn: "A4", sent: 8010)])
        #expect(try nodeB.historyRequests(mn: "M1", limit: 1).latest == [open])
        open.state = .accepted
        try nodeB.recordHistoryRequests([open])
        #expect(try nodeA.historyRequests(mn: "M1", limit: 1).latest == [open])
    }

    /// What a node the station connects to takes over: every open request of the station,
    /// however many finished ones are newer, and the finished rows of the spans it names;
    /// other stations' requests are not read.
    @Test(arguments: StoreBackend.allCases)
    func aStationsOpenHistoryRequestsAreReadWithoutLimitWithTheSpansNamed(backend: StoreBackend) throws {
        let database = try backend.makeDatabase()
        defer { database.remove() }
        let store = try database.open()
        let sent = HistoryRequest(mn: "M1", cn: .minute, begin: 1000, end: 1600, qn: "1", sent: 2000, attempts: 2)
        let accepted = HistoryRequest(mn: "M1", cn: .hourly, begin: 3600, end: 7200, qn: "2", sent: 2100, state: .accepted)
        var finished: [HistoryRequest] = []
        for k: Int64 in 1...10 {
            let state: HistoryRequest.State = k == 10 ? .failed : .done
            finished.append(HistoryRequest(mn: "M1", cn: .minute, begin: 10_000 + k * 1000, end: 10_600 + k * 1000,
                                           qn: "d\(k)", sent: 30_000 + k, state: state, finished: 30_010 + k))
        }
        let elsewhere = HistoryRequest(mn: "M2", cn: .minute, begin: 1000, end: 1600, qn: "3", sent: 2200)
        try store.recordHistoryRequests([sent, accepted, elsewhere] + finished)
        #expect(try store.historyRequests(mn: "M1", openOr: []) == [sent, accepted])
        #expect(try store.historyRequests(mn: "M1", openOr: [(.minute, 20_000), (.minute, 1000), (.daily, 5)])
                == [sent, finished[9], accepted])
        #expect(try store.historyRequests(mn: "M9", openOr: [(.minute, 1000)]).isEmpty)
    }

    /// Where a station's minute, hourly and daily records stand: the newest DataTime of each CN,
    /// whatever the order they came in; real-time data and other stations do not count.
    @Test(arguments: StoreBackend.allCases)
    func recordTimesAreEachStationsNewestRecordOfEachKind(backend: StoreBackend) throws {
        let database = try backend.makeDatabase()
        defer { database.remove() }
        let store = try database.open()
        #expect(try store.recordTimes(mn: "M1").isEmpty)
        _ = try store.ingest([Self.frame("M1", "1", 1060, [("a34004", 1, .normal)], cn: .minute),
                              Self.frame("M1", "2", 1000, [("a34004", 2, .normal)], cn: .minute),
                              Self.frame("M1", "3", 3600, [("a34004", 3, .normal)], cn: .hourly),
                              Self.frame("M1", "4", 9000, [("a34004", 4, .normal)]),
                              Self.frame("M2", "5", 2000, [("a34004", 5, .normal)], cn: .minute)])
        _ = try store.ingest([Self.frame("M1", "6", 960, [("a34004", 6, .normal)], cn: .minute),
                              Self.frame("M1", "7", 3600, [("a34004", 3, .normal)], cn: .hourly)])
        #expect(try store.recordTimes(mn: "M1") == [.minute: 1060, .hourly: 3600])
        #expect(try store.recordTimes(mn: "M2") == [.minute: 2000])
        // Another connection (another node) sees the same.
        #expect(try database.open().recordTimes(mn: "M1") == [.minute: 1060, .hourly: 3600])
    }

    /// The frame log is pruned oldest first, a bounded number at a time; frames received after
    /// the time stay, and the feed's counters and the records are not touched.
    @Test(arguments: StoreBackend.allCases)
    func theFrameLogIsPrunedOldestFirstInBoundedRounds(backend: StoreBackend) throws {
        let database = try backend.makeDatabase()
        defer { database.remove() }
        let store = try database.open()
        #expect(try store.pruneFrameLog(receivedBefore: 1, limit: 10) == 0)
        let frames = (0..<3).map { Self.frame("M1", String($0), 1000 + Int64($0) * 60, [("a34004", 1, .normal)], cn: .minute) }
        _ = try store.ingest(frames + [frames[0]])
        let now = Int64(Date().timeIntervalSince1970)
        #expect(try store.pruneFrameLog(receivedBefore: now - 3600, limit: 10) == 0)
        #expect(try store.pruneFrameLog(receivedBefore: now + 3600, limit: 2) == 2)
        #expect(try store.pruneFrameLog(receivedBefore: now + 3600, limit: 2) == 1)
        #expect(try store.pruneFrameLog(receivedBefore: now + 3600, limit: 2) == 0)
        let counts = try store.feedCounts()
        #expect(counts.accepted == 3 && counts.duplicates == 1)
        #expect(try store.series(mn: "M1", code: "a34004", grain: .hour, from: 0, to: 10_000).map(\.count) == [3])
    }

    /// A station's codes in one read: each code's periods as if read alone, none of another
    /// station's or outside the span, and a code with nothing left out.
    @Test(arguments: StoreBackend.allCases)
    func severalCodesAreReadAtOnceAsEachAlone(backend: StoreBackend) throws {
        let database = try backend.makeDatabase()
        defer { database.remove() }
        let store = try database.open()
        _ = try store.ingest([
            Self.frame("M1", "1", 3600, [("a34004", 10, .normal), ("a34002", 20, .normal)]),
            Self.frame("M1", "2", 7200 + 60, [("a34004", 30, .normal), ("a21026", 5, .normal)]),
            Self.frame("M1", "3", 3 * 3600, [("a34004", 99, .normal)]),
            Self.frame("M2", "4", 3600, [("a34004", 50, .normal)]),
        ])
        let codes = ["a34004", "a34002", "a21026", "a05024"]
        let together = try store.series(mn: "M1", codes: codes, grain: .hour, from: 3600, to: 3 * 3600)
        // Each code's own hours of M1 only (M2's 50 is not in them), the hour at `to` left out.
        #expect(Set(together.keys) == ["a34004", "a34002", "a21026"])
        let expected: [String: [(start: Int64, mean: Double, count: Int)]] = [
            "a34004": [(3600, 10, 1), (7200, 30, 1)], "a34002": [(3600, 20, 1)], "a21026": [(7200, 5, 1)],
        ]
        for (code, points) in expected {
            #expect(together[code]?.map(\.start) == points.map(\.start), "\(code)")
            #expect(together[code]?.map(\.mean) == points.map(\.mean), "\(code)")
            #expect(together[code]?.map(\.count) == points.map(\.count), "\(code)")
        }
        // The hour at `to` is stored: a span one hour longer has it.
        #expect(try store.series(mn: "M1", codes: ["a34004"], grain: .hour, from: 3600, to: 4 * 3600)["a34004"]?.map(\.mean) == [10, 30, 99])
        #expect(try store.series(mn: "M1", codes: [], grain: .hour, from: 0, to: 10_000).isEmpty)
    }

    @Test(arguments: StoreBackend.allCases)
    func theChangeTokenMovesWhenAnotherConnectionCommits(backend: StoreBackend) throws {
        let database = try backend.makeDatabase()
        defer { database.remove() }
        let watcher = try database.open()
        let writer = try database.open()
        let before = try watcher.changeToken()
        #expect(try watcher.changeToken() == before)
        _ = try writer.ingest([Self.frame("M1", "1", 1000, [("a34004", 1, .normal)])])
        #expect(try eventually { try watcher.changeToken() != before })
        let after = try watcher.changeToken()
        _ = try writer.raiseAlarm(NewAlarm(mn: "M1", rule: .aqi, started: 1, amount: 1))
        #expect(try eventually { try watcher.changeToken() != after })
    }
}
