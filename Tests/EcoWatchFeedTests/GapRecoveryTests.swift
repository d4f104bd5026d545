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
        let stations = Self.stations
        let simulate = Process()
        simulate.executableURL = try #require(EcoWatchExecutable.url())
        simulate.arguments = ["simulate", "--to", "127.0.0.1:\(ingest.port)", "--db", ingest.database, "--records", "minute",
                              "--periods", String(Self.periods), "--outages", "0.2", "--rate", "500", "--duration", "1.5",
                              "--seed", "7"]
        let output = Pipe()
        simulate.standardOutput = output
        simulate.standardError = FileHandle.nullDevice
        try simulate.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        simulate.waitUntilExit()
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

        // Every record of every station is in the database, once.
        let expected = String(generated * 2)
        let allThere = try IngestProcess.wait(seconds: 20) { try ingest.query("SELECT count(*) FROM reading WHERE cn = 2051") == expected }
        let stored = try ingest.query("SELECT mn, count(*) FROM reading GROUP BY mn")
        #expect(allThere, "\(stored) of \(expected); \(ingest.stderr.split(separator: "\n").filter { !$0.contains(" info ") }.joined(separator: "\n"))")
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
}
