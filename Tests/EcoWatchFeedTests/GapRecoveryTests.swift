import Foundation
import Testing
import EcoWatchCore
@testable import EcoWatchFeed

/// Gaps asked back, end to end over loopback: the real `ecowatch simulate` plays two stations
/// whose minute records skip periods now and then; the real `ecowatch ingest` (as an ordinary
/// user) sees each gap, asks the station for it with an HJ 212 history request, and stores the
/// answer: every record generated ends up in the database, and `report feed` says so.
@Suite(.serialized) struct GapRecoveryTests {
    static let periods = 90
    /// Two stations of two codes each: the records expected are twice the records generated.
    static let stations = [IngestProcess.air,
                           Station(mn: "330200A0000000F2", pw: "654321", name: LocalizedText(zh: "二号站", en: "Second"),
                                   districtID: "haishu", kind: .air, targetClass: nil, codes: ["a34004", "a21004"],
                                   intervalSeconds: 60, codeAliases: [:], particleScale: 1)]

    @Test(.enabled(if: IngestProcess.available))
    func everyRecordASimulatedOutageSkippedIsAskedBackAndStored() throws {
        let ingest = try IngestProcess(stations: Self.stations)
        // The backlog's last period is the minute the simulator starts in (or a later one).
        let lastPeriod = Int64(Date().timeIntervalSince1970) / 60 * 60
        // No --duration: it runs until every skipped record is back (or the wait below gives up),
        // then SIGTERM; a gap is seen only after a later record, so a fixed run could end on one.
        let simulate = Process()
        simulate.executableURL = try #require(EcoWatchExecutable.url())
        simulate.arguments = ["simulate", "--to", "127.0.0.1:\(ingest.port)", "--db", ingest.database, "--records", "minute",
                              "--periods", String(Self.periods), "--outages", "0.2", "--rate", "500", "--seed", "7"]
        let output = Pipe()
        simulate.standardOutput = output
        simulate.standardError = FileHandle.nullDevice
        try simulate.run()
        defer { if simulate.isRunning { simulate.terminate() } }

        // Done when each station's minute records run without a hole from its first to the
        // backlog's last (the outages' records asked back and stored) and every request saved
        // is answered. Fails (after a minute) when a gap is not asked back.
        func complete() throws -> Bool {
            try ingest.query("""
                SELECT (SELECT count(*) FROM (SELECT min(time) AS first, max(time) AS last, count(DISTINCT time) AS n
                            FROM reading WHERE cn = 2051 GROUP BY mn) WHERE n = (last - first) / 60 + 1 AND last >= \(lastPeriod))
                    || ' ' || (SELECT count(*) FROM history_request WHERE state != 'done')
                    || ' ' || (SELECT count(*) > 0 FROM history_request)
                """) == "2 0 1"
        }
        let allBack = try IngestProcess.wait(seconds: 60, every: 0.2, until: complete)
        simulate.terminate()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        simulate.waitUntilExit()
        let stored = try ingest.query("SELECT mn, min(time), max(time), count(DISTINCT time) FROM reading GROUP BY mn")
        let problems = ingest.stderr.split(separator: "\n").filter { !$0.contains(" info ") }.joined(separator: "\n")
        #expect(allBack, "records with holes or requests unanswered after 60 s: \(stored); \(text); \(problems)")
        #expect(simulate.terminationStatus == 0, "\(text)")

        func number(before words: String) -> Int? {
            guard let range = text.range(of: #"(\d+) "# + words, options: .regularExpression) else { return nil }
            return Int(text[range].split(separator: " ").first ?? "")
        }
        let skipped = try #require(number(before: "held back by station outages"), "\(text)")
        let generated = try #require(number(before: "records generated"), "\(text)")
        let resent = try #require(number(before: "records"), "\(text)")
        #expect(skipped > 5, "the outages skipped too little to test: \(text)")
        #expect(resent == skipped, "\(text)")

        // Every record of every station is in the database, once (the simulator is stopped: its
        // last frames are committed before their 9014, so nothing more comes).
        let expected = String(generated * 2)
        #expect(try ingest.query("SELECT count(*) FROM reading WHERE cn = 2051") == expected, "\(stored) of \(expected)")
        #expect(try ingest.query("SELECT count(*) FROM (SELECT DISTINCT mn, time FROM reading)") == String(generated))
        // The requests are saved (on stopping at the latest) with what they brought back.
        #expect(ingest.stop() == 0)
        #expect(try ingest.query("SELECT count(*) FROM history_request WHERE state != 'done'") == "0")
        let requests = Int(try ingest.query("SELECT count(*) FROM history_request")) ?? 0
        #expect(requests > 0 && requests <= skipped)

        let report = Process()
        report.executableURL = try #require(EcoWatchExecutable.url())
        report.arguments = ["report", "feed", "--db", ingest.database, "--format", "json"]
        let json = Pipe()
        report.standardOutput = json
        try report.run()
        let data = json.fileHandleForReading.readDataToEndOfFile()
        report.waitUntilExit()
        let feed = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let history = try #require(feed["historyRequests"] as? [String: Any])
        #expect(history["requests"] as? Int == requests)
        #expect(history["done"] as? Int == requests)
        #expect(history["failed"] as? Int == 0)
        let records = try #require(history["records"] as? Int)
        #expect(records == skipped * 2, "readings recovered: \(records), records skipped: \(skipped)")
        print("gap recovery: \(generated) minute records of 2 stations, \(skipped) skipped by outages, \(requests) history "
              + "requests, all answered, \(records) readings recovered")
    }

    /// The packets `client` receives within `seconds` until `enough` holds of them.
    static func receive(_ client: HJ212Client, seconds: Double, until enough: ([HJ212Packet]) -> Bool) -> [HJ212Packet] {
        var packets: [HJ212Packet] = []
        let deadline = Date().addingTimeInterval(seconds)
        while !enough(packets), Date() < deadline {
            if let packet = client.receive(timeout: 0.2) { packets.append(packet) }
        }
        return packets
    }

    /// "Since it was last seen", across two ingest nodes on one database (started before any
    /// record, so neither knows the station from its start): a station sends minute records to
    /// one, goes away, and comes back to the other with a record ten minutes on; that node asks
    /// it for the minutes it missed (CN 2051, BeginTime…EndTime) and stores the answer. Back on
    /// the first node with real-time data only, it is asked for the minutes since its last
    /// record, whichever node stored it, up to two before now.
    @Test(.enabled(if: IngestProcess.available && FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
    func aStationBackOnAnotherNodeIsAskedForWhatItMissedSinceItWasLastSeen() throws {
        let station = IngestProcess.air
        let first = try IngestProcess(stations: [station])
        let second = try IngestProcess(sharing: first)
        if getuid() == 0 { #expect(second.uid == IngestProcess.nobody) }
        let t0 = Int64(Date().timeIntervalSince1970) / 60 * 60 - 40 * 60
        func minute(_ k: Int64) -> Int64 { t0 + k * 60 }
        do {
            let client = try first.client()
            for k in 0..<5 {
                try client.send(IngestProcess.record(station, n: Int(k), time: minute(Int64(k))))
                #expect(client.receive(timeout: 20)?.cn == .dataAnswer, "\(first.stderr)")
            }
        }

        let client = try second.client()
        try client.send(IngestProcess.record(station, n: 15, time: minute(15)))
        var packets = Self.receive(client, seconds: 20) { p in p.contains { $0.cn == .dataAnswer } && p.contains { $0.cn == .minute } }
        #expect(packets.contains { $0.cn == .dataAnswer })
        let request = try #require(packets.first { $0.cn == .minute }, "no history request: \(packets) \(second.stderr)")
        #expect(request.mn == station.mn && request.pw == station.pw && request.st == 22 && request.flag.wantsReply)
        #expect(request.cp.field(named: "BeginTime") == epochToChinaTime(minute(5)))
        #expect(request.cp.field(named: "EndTime") == epochToChinaTime(minute(14)))
        // Answered as a station does: 9011, the records under the request's QN, 9012.
        try client.send(request.requestAnswer(.ready).frame())
        for k in 5...14 { try client.send(IngestProcess.record(station, n: k, time: minute(Int64(k)), wantsReply: false, qn: request.qn)) }
        try client.send(request.executionResult(.success).frame())
        let stored = try IngestProcess.wait(seconds: 20) {
            try first.query("SELECT count(*) FROM reading WHERE cn = 2051 AND time BETWEEN \(minute(0)) AND \(minute(15))") == "16"
        }
        let count = try first.query("SELECT count(*) FROM reading")
        #expect(stored, "\(count) of 16 stored; \(second.stderr)")
        let answered = try IngestProcess.wait(seconds: 20) {
            try first.query("SELECT state || ' ' || records FROM history_request WHERE begin = \(minute(5))") == "done 10"
        }
        #expect(answered, "\(second.stderr)")
        #expect(second.stop() == 0)

        // Back on the first node (it saw the station up to minute 4 itself) with real-time data.
        let again = try first.client()
        try again.send(IngestProcess.record(station, n: 99, time: Int64(Date().timeIntervalSince1970), cn: .realTime))
        packets = Self.receive(again, seconds: 20) { p in p.contains { $0.cn == .dataAnswer } && p.contains { $0.cn == .minute } }
        let since = try #require(packets.first { $0.cn == .minute }, "no history request: \(packets) \(first.stderr)")
        #expect(since.cp.field(named: "BeginTime") == epochToChinaTime(minute(16)))
        let end = try #require(since.cp.field(named: "EndTime").flatMap(chinaTimeToEpoch))
        #expect(end >= minute(37) && end <= Int64(Date().timeIntervalSince1970) - 120, "EndTime \(epochToChinaTime(end))")
        // It has none: done, nothing recovered, not asked again.
        try again.send(since.executionResult(.noData).frame())
        let done = try IngestProcess.wait(seconds: 20) {
            try first.query("SELECT state || ' ' || records FROM history_request WHERE begin = \(minute(16))") == "done 0"
        }
        #expect(done, "\(first.stderr)")
        #expect(first.stop() == 0)
    }

    /// A station that moves while a history request is unanswered is asked for it again where
    /// it is now, as one more attempt and at once, not after the answer timeout (600 s here):
    /// on a new connection to the same node, and on another node sharing the database, which
    /// takes the request over from it (the station's records stand past the gap, so the look-up
    /// of where they stand does not show it). Real binaries as an ordinary user, over loopback.
    @Test(.enabled(if: IngestProcess.available && FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
    func aRequestUnansweredWhenTheStationMovesIsAskedAgainWhereItIsNow() throws {
        let station = IngestProcess.air
        let options = ["--gap-timeout", "600"]
        let first = try IngestProcess(options, stations: [station])
        let second = try IngestProcess(options, sharing: first)
        let t0 = Int64(Date().timeIntervalSince1970) / 60 * 60 - 40 * 60
        func minute(_ k: Int64) -> Int64 { t0 + k * 60 }
        func span(_ request: HJ212Packet) -> String {
            "\(request.cp.field(named: "BeginTime") ?? "?")-\(request.cp.field(named: "EndTime") ?? "?")"
        }
        let gap = "\(epochToChinaTime(minute(5)))-\(epochToChinaTime(minute(9)))"
        // Sends minute records from `k` on, each waiting for its 9014, until a history request
        // comes (at most 20 s): the close of the connection before may reach the node a moment
        // after the first record on this one.
        func sendUntilAsked(_ client: HJ212Client, from k: Int64) throws -> HJ212Packet? {
            var k = k
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline {
                try client.send(IngestProcess.record(station, n: Int(k), time: minute(k)))
                let packets = Self.receive(client, seconds: 1) { p in p.contains { $0.cn == .minute } }
                if let request = packets.first(where: { $0.cn == .minute }) { return request }
                k += 1
            }
            return nil
        }

        var asked: [HJ212Packet] = []
        do {
            let client = try first.client()
            for k: Int64 in [0, 1, 2, 3, 4] {
                try client.send(IngestProcess.record(station, n: Int(k), time: minute(k)))
                #expect(client.receive(timeout: 20)?.cn == .dataAnswer, "\(first.stderr)")
            }
            asked.append(try #require(try sendUntilAsked(client, from: 10), "no history request: \(first.stderr)"))
            #expect(span(asked[0]) == gap)
        }
        // Not answered: the station is on a new connection to the same node.
        do {
            let client = try first.client()
            let again = try #require(try sendUntilAsked(client, from: 11), "not asked again on the new connection: \(first.stderr)")
            #expect(span(again) == gap && again.qn != asked[0].qn)
            asked.append(again)
        }
        #expect(try IngestProcess.wait(seconds: 20) {
            try first.query("SELECT state || ' ' || attempts FROM history_request WHERE begin = \(minute(5))") == "sent 2"
        }, "\((try? first.query("SELECT * FROM history_request")) ?? "")")

        // Not answered either: the station moves to the other node, with a minute record later on
        // (the minutes between are another gap, asked for after this one).
        let client = try second.client()
        try client.send(IngestProcess.record(station, n: 40, time: minute(40)))
        let packets = Self.receive(client, seconds: 20) { p in p.contains { $0.cn == .dataAnswer } && p.contains { $0.cn == .minute } }
        let taken = try #require(packets.first { $0.cn == .minute }, "the other node does not ask: \(packets) \(second.stderr)")
        #expect(span(taken) == gap && !asked.map(\.qn).contains(taken.qn))
        // Answered there, as a station does: 9011, the records under the request's QN, 9012.
        try client.send(taken.requestAnswer(.ready).frame())
        for k: Int64 in 5...9 {
            try client.send(IngestProcess.record(station, n: Int(k), time: minute(k), wantsReply: false, qn: taken.qn))
        }
        try client.send(taken.executionResult(.success).frame())
        #expect(try IngestProcess.wait(seconds: 20) {
            try first.query("SELECT state || ' ' || records || ' ' || attempts FROM history_request WHERE begin = \(minute(5))")
                == "done 5 3"
        }, "\((try? first.query("SELECT * FROM history_request")) ?? "") \(second.stderr)")
        #expect(second.stop() == 0)
        // The node the station left saves nothing over it as it stops.
        #expect(first.stop() == 0)
        #expect(try first.query("SELECT state || ' ' || records || ' ' || attempts FROM history_request WHERE begin = \(minute(5))")
                == "done 5 3")
        #expect(try first.query("SELECT count(*) FROM reading WHERE time BETWEEN \(minute(5)) AND \(minute(9))") == "5")
    }

    /// The tracker's limits are options of `ecowatch ingest`: `--gap-span 4` asks for a gap of
    /// nine minutes four at a time; a value out of range is one line and a non-zero exit.
    @Test(.enabled(if: IngestProcess.available))
    func theGapLimitsAreOptionsOfIngest() throws {
        let station = IngestProcess.air
        let ingest = try IngestProcess(["--gap-span", "4", "--gap-attempts", "1", "--gap-look-back", "1"], stations: [station])
        let t0 = chinaTimeToEpoch("20240115000000")!
        let client = try ingest.client()
        for k: Int64 in [0, 10] {
            try client.send(IngestProcess.record(station, n: Int(k), time: t0 + k * 60))
        }
        var spans: [String] = []
        for _ in 0..<3 {
            let packets = Self.receive(client, seconds: 20) { p in p.contains { $0.cn == .minute } }
            guard let request = packets.first(where: { $0.cn == .minute }) else { break }
            spans.append("\(request.cp.field(named: "BeginTime") ?? "?")-\(request.cp.field(named: "EndTime") ?? "?")")
            try client.send(request.executionResult(.noData).frame())
        }
        #expect(spans == ["20240115000100-20240115000400", "20240115000500-20240115000800", "20240115000900-20240115000900"],
                "\(ingest.stderr)")
        #expect(ingest.stop() == 0)

        let bad = Process()
        let executable = try #require(EcoWatchExecutable.url())
        bad.executableURL = executable
        bad.arguments = ["ingest", "--listen", "127.0.0.1:0", "--db", ingest.database, "--gap-span", "0"]
        let errors = Pipe()
        bad.standardError = errors
        bad.standardOutput = FileHandle.nullDevice
        try bad.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        bad.waitUntilExit()
        #expect(bad.terminationStatus != 0)
        #expect(text.contains("--gap-span must be from 1 to 1000 records, not 0"), "\(text)")
    }
}
