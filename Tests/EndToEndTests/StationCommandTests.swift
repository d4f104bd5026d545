import Foundation
import Testing
import EcoWatchCore

/// `report series` and `snapshot --view station:MN` as scripts run them: the real binary on a
/// database holding a station's readings.
@Suite("station commands", .serialized)
struct StationCommandTests {
    /// 2026-11-29 00:00 China time.
    static let midnight: Int64 = 1_795_881_600

    struct Run { let status: Int32; let out: String; let err: String }

    func database() throws -> (String, Station) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ecowatch-series-\(UUID().uuidString).sqlite").path
        let root = try #require(EcoWatchBinary.packageRoot())
        let programme = try DataSetLoader.load(directory: root.appendingPathComponent("sample-data"), displayPath: "sample-data")
        let store = try SQLiteStore(path: path)
        try store.replaceProgramme(programme)
        let station = try #require(programme.stations.first { $0.kind == .air && $0.particleScale == 1 })
        let values: [(Int64, Double, DataFlag)] = [(3600, 20, .normal), (3 * 3600, 40, .normal), (4 * 3600, 500, .fault), (26 * 3600, 30, .normal)]
        _ = try store.ingest(values.map { offset, value, flag in
            IngestFrame(mn: station.mn, qn: "\(offset)", dataType: .hourly,
                        readings: [Reading(mn: station.mn, code: "a34004", time: Self.midnight + offset, dataType: .hourly, value: value, flag: flag)])
        })
        return (path, station)
    }

    func run(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = try #require(EcoWatchBinary.url(), "build the executable first (swift build)")
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile(), errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, out: String(decoding: output, as: UTF8.self), err: String(decoding: errors, as: UTF8.self))
    }

    @Test func aSeriesHasOneRowPerDayFromValidValuesOnly() throws {
        let (db, station) = try database()
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + s) } }
        let csv = try run(["report", "series", "--db", db, "--station", station.mn, "--code", "a34004", "--grain", "day",
                           "--from", "2026-11-29", "--to", "2026-11-30", "--format", "csv"])
        #expect(csv.status == 0, "\(csv.err)")
        let lines = csv.out.replacingOccurrences(of: "\u{FEFF}", with: "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(lines == ["start,count,mean,min,max",
                          "2026-11-29T00:00:00+08:00,2,30,20,40",
                          "2026-11-30T00:00:00+08:00,1,30,30,30"])
        let json = try run(["report", "series", "--db", db, "--station", station.mn, "--code", "PM2.5", "--grain", "hour",
                            "--from", "2026-11-29", "--to", "2026-11-29", "--format", "json"])
        #expect(json.status == 0)
        #expect(json.out.contains("\"start\": \"2026-11-29T01:00:00+08:00\""))
        #expect(!json.out.contains("500"))
    }

    @Test(arguments: [
        (["--station", "NOPE"], "--station \"NOPE\": no station with MN \"NOPE\"; list them with `ecowatch report stations`"),
        (["--code", "w21003"], "--code \"w21003\": station "),
        (["--grain", "week"], "--grain \"week\" is not a grain; choose hour, day or month"),
        (["--from", "2026-11-31"], "--from \"2026-11-31\" is not a date; expected YYYY-MM-DD"),
        (["--from", "2026-12-05"], "--from 2026-12-05 is after --to 2026-11-30: the range runs backwards"),
    ])
    func badSeriesInputIsOneClearLine(change: [String], message: String) throws {
        let (db, station) = try database()
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + s) } }
        var options = ["--station": station.mn, "--code": "a34004", "--grain": "day", "--from": "2026-11-29", "--to": "2026-11-30"]
        options[change[0]] = change[1]
        let result = try run(["report", "series", "--db", db] + options.sorted { $0.key < $1.key }.flatMap { [$0.key, $0.value] })
        #expect(result.status != 0)
        #expect(result.out.isEmpty)
        let lines = result.err.split(separator: "\n")
        #expect(lines.count == 1, "\(result.err)")
        #expect(result.err.contains(message), "\(result.err)")
    }

    @Test func aStationSnapshotAndAnUnknownOne() throws {
        let (db, station) = try database()
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + s) } }
        let shot = try run(["snapshot", "--db", db, "--view", "station:" + station.mn, "--size", "120x40", "--lang", "en"])
        #expect(shot.status == 0, "\(shot.err)")
        #expect(shot.out.contains(station.name.en))
        #expect(shot.out.contains("PM2.5 Fine particulate matter"))
        let unknown = try run(["snapshot", "--db", db, "--view", "station:NOPE"])
        #expect(unknown.status != 0)
        #expect(unknown.err.split(separator: "\n").count == 1)
        #expect(unknown.err.contains("no station with MN \"NOPE\"; list them with `ecowatch report stations`"))
    }
}
