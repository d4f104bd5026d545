import Foundation
import Testing

/// `ecowatch snapshot --lang zh` of every view, on a database with live values and one alarm of
/// each rule, says no unit, class or state in English; `snapshot` below the smallest frame is
/// an error naming it.
@Suite("Chinese snapshots", .serialized)
struct ChineseSnapshotTests {
    /// Every view DESIGN.md lists, with IDs that have the units and classes to show.
    static let views = ["overview", "district:beilun", "district:haishu", "indicator:firms_rectified",
                        "indicator:sme_parks", "indicator:mines_restored", "indicator:good_water_sections",
                        "indicator:shoreline_km", "task:R05", "task:R17", "tasks", "overdue", "stations",
                        "stations:beilun", "station:330206W000000003", "station:330206S000000004",
                        "station:330206A000000001", "alarms"]
    /// English words for units, classes and states that have a Chinese name.
    static var english: Regex<(Substring, Substring)> { /\b(firms|parks|mines|ha|km|t\/month|[Cc]lass|[Ww]orse|stale|STALE|never|open|cleared|refused|silent|min|n\/a|city-wide|none)\b/ }

    struct Run {
        let status: Int32
        let output: String
        let errors: String
    }

    static func run(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = try #require(EcoWatchBinary.url(), "build the executable first (swift build)")
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
                   errors: String(decoding: errors, as: UTF8.self))
    }

    /// A database with a day of generated readings for every station and one open alarm of each rule.
    static let database: String? = {
        guard let root = EcoWatchBinary.packageRoot() else { return nil }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ecowatch-zh-\(UUID().uuidString).sqlite").path
        let data = root.appendingPathComponent("sample-data").path
        guard let generated = try? run(["generate", "--stations", "1", "--years", "1", "--interval", "1d", "--db", path, "--data", data]),
              generated.status == 0 else { return nil }
        let now = Int(Date().timeIntervalSince1970)
        let sql = """
            INSERT INTO alarm (mn, rule, started, value, amount) VALUES
            ('330206W000000003', 'water-class', \(now), '', 4), ('330206S000000004', 'sea-class', \(now), '', 5),
            ('330206A000000001', 'stale', \(now), '', 12), ('330206A000000001', 'refusals', \(now), '', 7),
            ('330206A000000001', 'aqi', \(now), '', 132);
            """
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sqlite.arguments = ["sqlite3", path, sql]
        guard (try? sqlite.run()) != nil else { return nil }
        sqlite.waitUntilExit()
        return sqlite.terminationStatus == 0 ? path : nil
    }()

    @Test(arguments: views)
    func aChineseSnapshotHasNoEnglishUnitOrClassWord(view: String) throws {
        let database = try #require(Self.database, "a generated database")
        for size in ["80x24", "200x60"] {
            let run = try Self.run(["snapshot", "--db", database, "--lang", "zh", "--view", view, "--size", size])
            #expect(run.status == 0, "\(view) \(size): \(run.errors)")
            let words = run.output.matches(of: Self.english).map { String($0.output.0) }
            #expect(words.isEmpty, "\(view) \(size): \(words)\n\(run.output)")
            // The same view in English does use them (the check can fail).
            if view == "alarms", size == "200x60" {
                let en = try Self.run(["snapshot", "--db", database, "--lang", "en", "--view", view, "--size", size])
                #expect(en.output.contains("Class IV") && en.output.contains("silent 12 min"))
            }
        }
    }

    @Test func theChineseStationReportHasChineseHeadersAndClasses() throws {
        let database = try #require(Self.database, "a generated database")
        let run = try Self.run(["report", "stations", "--db", database, "--lang", "zh", "--district", "beilun"])
        #expect(run.status == 0, "\(run.errors)")
        let header = run.output.split(separator: "\n").first.map(String.init) ?? ""
        #expect(header.contains("设备号") && header.contains("水质/AQI") && !header.contains("mn"))
        #expect(run.output.matches(of: Self.english).isEmpty, "\(run.output)")
    }

    @Test func aSnapshotBelowTheSmallestFrameFailsNamingIt() throws {
        let run = try Self.run(["snapshot", "--size", "100x10", "--view", "overview"])
        #expect(run.status != 0)
        #expect(run.errors.contains("--size 100x10 is below the smallest frame the console draws, 60x16"))
        #expect(run.output.isEmpty)
    }
}
