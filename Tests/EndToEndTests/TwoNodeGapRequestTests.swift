import Foundation
import Testing
import EcoWatchCore
import EcoWatchFeed
import PostgresTestSupport

/// Gap requests with two ingest nodes on one PostgreSQL database (issue 14, requirement 4): a
/// gap is asked for only by the node that holds the station's connection, once. A station on
/// node A skips records: A asks, B (no connection for it) does not. The station moves to node B
/// and skips again: B asks for that gap alone, not again for what A already recovered, and A
/// asks nothing more.
@Suite(.serialized) struct TwoNodeGapRequestTests {
    /// One station's logger by hand: minute records (CN 2051) over one connection at a time,
    /// each waited for; history requests answered from what it generated (9011, the records
    /// under the request's QN, 9012), noted with the node they came from.
    final class Logger {
        let station: Station
        private var client: HJ212Client?
        private var node = ""
        private var sequence = 0
        private(set) var requests: [(node: String, begin: Int64, end: Int64)] = []

        init(_ station: Station) { self.station = station }

        func connect(port: Int, node: String) throws {
            client = try HJ212Client(host: "127.0.0.1", port: port)
            self.node = node
        }

        func disconnect() { client = nil }

        func record(at time: Int64, qn: String? = nil) -> HJ212Packet {
            sequence += 1
            let pollutants = station.codes.enumerated().map { HJ212Pollutant(name: $0.element, avg: Double($0.offset) + 10.5, flag: "N") }
            return HJ212Packet(qn: qn ?? epochToChinaTime(time) + String(format: "%03d", sequence % 1000),
                               st: IngestAdmission.systemType(of: station.kind), cn: .minute, pw: station.pw, mn: station.mn,
                               flag: HJ212Flag(wantsReply: true), cp: HJ212CP(dataTime: epochToChinaTime(time), pollutants: pollutants))
        }

        /// Sends the record of `time` and waits for its 9014, answering requests meanwhile.
        func send(_ time: Int64) throws {
            let client = try #require(client)
            let packet = record(at: time)
            try client.send(packet.frame())
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline {
                guard let reply = client.receive(timeout: 0.5) else {
                    if client.isClosed { throw NodeError("\(node) closed the connection") }
                    continue
                }
                if reply.cn == .dataAnswer, reply.qn == packet.qn { return }
                try answer(reply, on: client)
            }
            throw NodeError("no 9014 from \(node) for \(packet.qn)")
        }

        /// Reads the connection for `seconds`, answering what comes.
        func serve(until condition: () throws -> Bool, seconds: Double) throws -> Bool {
            let client = try #require(client)
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if try condition() { return true }
                if let packet = client.receive(timeout: 0.1) { try answer(packet, on: client) }
            }
            return try condition()
        }

        private func answer(_ packet: HJ212Packet, on client: HJ212Client) throws {
            guard packet.cn.isHistory, let begin = packet.cp.field(named: "BeginTime").flatMap(chinaTimeToEpoch),
                  let end = packet.cp.field(named: "EndTime").flatMap(chinaTimeToEpoch) else { return }
            requests.append((node, begin, end))
            try client.send(packet.requestAnswer(.ready).frame())
            for time in stride(from: begin, through: end, by: 60) {
                try client.send(record(at: time, qn: packet.qn).frame())
            }
            try client.send(packet.executionResult(.success).frame())
        }
    }

    @Test(.enabled(if: EcoWatchBinary.url() != nil))
    func onlyTheNodeHoldingTheConnectionAsksAndOnlyOnce() throws {
        let binary = try #require(EcoWatchBinary.url())
        let root = try #require(EcoWatchBinary.packageRoot())
        let server = try PostgresTestServer.shared()
        let (name, url) = try server.makeDatabase(prefix: "gaps")
        let folder = try IngestNode.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try IngestNode.run(binary, ["import", "--db", url, "--data", root.appendingPathComponent("sample-data").path])
        func pg(_ sql: String) throws -> String { try server.psql(sql, database: name).trimmingCharacters(in: .whitespacesAndNewlines) }

        let station = try #require(try Self.minuteStation(pg))
        let logger = Logger(station)
        let base = (Int64(Date().timeIntervalSince1970) / 60) * 60 - 20 * 60
        func t(_ k: Int64) -> Int64 { base + k * 60 }
        func requests() throws -> [String] {
            try pg("SELECT begin_time || '-' || end_time || ' ' || state FROM history_request WHERE mn = '\(station.mn)' ORDER BY begin_time")
                .split(separator: "\n").map(String.init)
        }
        func asked(_ node: IngestNode) -> Int {
            node.stderr.split(separator: "\n").filter { $0.contains("asking a station for missing records") && $0.contains(station.mn) }.count
        }

        // 1. On node A: two records, then node B starts (the station's records already stored).
        let a = try IngestNode(binary: binary, database: url, folder: folder, name: "a")
        defer { a.stop() }
        try logger.connect(port: a.port, node: "a")
        try logger.send(t(0))
        try logger.send(t(1))
        let b = try IngestNode(binary: binary, database: url, folder: folder, name: "b")
        defer { b.stop() }

        // 2. It skips t2…t4: A asks for them; B has no connection for it and asks nothing.
        try logger.send(t(5))
        #expect(try logger.serve(until: { try requests() == ["\(t(2))-\(t(4)) done"] }, seconds: 30), "\((try? requests()) ?? [])")
        #expect(logger.requests.map { "\($0.node) \($0.begin)-\($0.end)" } == ["a \(t(2))-\(t(4))"])

        // 3. Its line to A breaks; it connects to B, goes on, and skips t7…t8: B asks for those alone.
        logger.disconnect()
        try logger.connect(port: b.port, node: "b")
        try logger.send(t(6))
        try logger.send(t(9))
        let expected = ["\(t(2))-\(t(4)) done", "\(t(7))-\(t(8)) done"]
        #expect(try logger.serve(until: { try requests() == expected }, seconds: 30), "\((try? requests()) ?? [])")
        #expect(logger.requests.map { "\($0.node) \($0.begin)-\($0.end)" } == ["a \(t(2))-\(t(4))", "b \(t(7))-\(t(8))"])

        // Each node sent one request in all (a node's log lists every request it sends), and
        // every record is stored once.
        _ = try logger.serve(until: { false }, seconds: 1.5)
        #expect(asked(a) == 1, "\(a.stderr)")
        #expect(asked(b) == 1, "\(b.stderr)")
        #expect(try requests() == expected)
        #expect(try pg("SELECT count(DISTINCT time) FROM reading WHERE mn = '\(station.mn)' AND cn = 2051") == "10")
        #expect(try pg("SELECT count(*) FROM reading WHERE mn = '\(station.mn)' AND cn = 2051") == String(10 * station.codes.count))
    }

    /// A registered station whose minute records are due every minute (interval 60 s).
    static func minuteStation(_ pg: (String) throws -> String) throws -> Station? {
        let row = try pg("SELECT mn, pw, kind, codes FROM station WHERE interval_s = 60 ORDER BY position LIMIT 1").split(separator: "|").map(String.init)
        guard row.count == 4, let kind = StationKind(rawValue: row[2]) else { return nil }
        return Station(mn: row[0], pw: row[1], name: LocalizedText(zh: "站", en: "Station"), districtID: "haishu", kind: kind,
                       targetClass: nil, codes: row[3].split(separator: " ").map(String.init), intervalSeconds: 60,
                       codeAliases: [:], particleScale: 1)
    }
}
