import Foundation
import Testing
import EcoWatchCore

/// `ecowatch report feed` (the real binary, table format) fits 80 columns in English and in
/// Chinese (two columns a character) with the longest things it can show: frame starts of 120
/// bytes, a peer of 21 characters, the longest refusal reasons, unregistered MNs. Nothing a duty
/// officer needs is lost: each bad frame's time (Beijing), peer, reason, MN and the start of the
/// frame, cut with `…`; the CSV keeps every field whole.
@Suite struct FeedReportWidthTests {
    static func report(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = try #require(EcoWatchBinary.url())
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(arguments)")
        return String(decoding: data, as: UTF8.self)
    }

    @Test(.enabled(if: EcoWatchBinary.url() != nil))
    func theFeedReportFits80ColumnsInEnglishAndChinese() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecowatch-feedwidth-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("ecowatch.sqlite").path
        _ = try Self.report(["report", "feed", "--db", path])  // made and filled with the sample data
        let store = try SQLiteStore(path: path)
        let now = Int64(Date().timeIntervalSince1970)
        let frame = Array(("##0101QN=20240115090000001;ST=22;CN=2011;PW=654321;MN=330200A0000000F1;Flag=5;"
                           + "CP=&&DataTime=20240115090000;a34004-Rtd=35,a34004-Flag=N&&ABCD\r\n").utf8)
        let samples = [
            BadFrameSample(peer: "203.113.254.254:65535", time: now - 60, reason: .missingField, mn: "330200A0000000F1", bytes: frame),
            BadFrameSample(peer: "127.0.0.1:40000", time: now - 30, reason: .wrongFlag, mn: nil, bytes: Array(repeating: 0x01, count: 200)),
            BadFrameSample(peer: "127.0.0.1:40001", time: now, reason: .crc, mn: "330200A0000000T1", bytes: frame),
        ]
        try store.recordBadFrameSamples(samples)
        try store.recordRefusals([
            RefusalCount(time: now, reason: .wrongMN, mn: RefusalCount.otherMNs, count: 123_456),
            RefusalCount(time: now, reason: .missingField, mn: "330200A0000000F1", count: 7),
        ])
        try store.recordHistoryRequests([
            HistoryRequest(mn: "330200A0000000T1", cn: .minute, begin: now - 86_400 * 2, end: now - 3600, qn: "20240115090000001",
                           sent: now, attempts: 3, state: .accepted, records: 12_345),
        ])

        for language in ["en", "zh"] {
            let text = try Self.report(["report", "feed", "--db", path, "--lang", language])
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let widest = lines.map { displayWidth($0) }.max() ?? 0
            #expect(widest <= 80, "\(language): a line \(widest) columns wide")
            for sample in samples {
                let row = try #require(lines.firstIndex { $0.contains(sample.peer) }, "\(language): no row for \(sample.peer)\n\(text)")
                let cells = lines[row]
                #expect(cells.hasPrefix(String(formatMoment(sample.time).dropFirst(5))))
                #expect(cells.contains(Strings.refusalReason(sample.reason)[language == "zh" ? .zh : .en]))
                #expect(cells.contains(sample.mn ?? "—"))
                // The frame's start on the line under it, cut with an ellipsis.
                let start = lines[row + 1].trimmingCharacters(in: .whitespaces)
                #expect(start.hasSuffix("…") && sample.excerpt.hasPrefix(start.dropLast()), "\(start)")
                #expect(start.count > 60)
            }
        }
        // The CSV keeps each frame start whole.
        let csv = try Self.report(["report", "feed", "--db", path, "--format", "csv"])
        for sample in samples { #expect(csv.contains(sample.excerpt)) }
    }
}
