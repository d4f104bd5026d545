import Foundation
import Testing
@testable import EcoWatchCore

@Suite struct DataSetLoaderTests {
    @Test func loadsAValidDataSet() throws {
        let p = try MiniDataSet().load()
        #expect(p.districts.map(\.id) == ["haishu", "beilun", "meishan"])
        #expect(p.district("meishan")?.parentID == "beilun")
        #expect(p.indicators.first?.name.en == "PM2.5, annual mean")
        #expect(p.observations.count == 4)
        #expect(p.tasks.map(\.id) == ["R01", "R02"])
        #expect(p.tasks[0].measures.count == 2)
        #expect(p.tasks[1].milestones.map(\.year) == [2022])
        #expect(p.events.first?.note.zh == "进度,过半")
        #expect(p.stations.first?.particleScale == 0.001)
        #expect(p.stations.first?.standardCode(for: "PM25") == "a34004")
        #expect(p.stations.last?.targetClass == "III")
    }

    func error(_ overrides: [String: String]) throws -> ImportError? {
        let set = try MiniDataSet(replacing: overrides)
        do {
            _ = try set.load()
            return nil
        } catch {
            return error
        }
    }

    @Test func aMalformedLineNamesFileAndLine() throws {
        let e = try error(["observations.csv": MiniDataSet.file("observations.csv", line: 3, with: "pm25,ningbo,2022-02")])
        #expect(e?.description == "data/observations.csv:3: 3 fields, expected 4 as in the header | pm25,ningbo,2022-02")
    }

    @Test func anUnknownDistrictIsRefused() throws {
        let e = try error(["observations.csv": MiniDataSet.file("observations.csv", line: 4, with: "pm25,atlantis,2022-01,33")])
        #expect(e?.file == "data/observations.csv")
        #expect(e?.line == 4)
        #expect(e?.message.contains("unknown area \"atlantis\"") == true)
    }

    @Test func anUnknownIndicatorInATaskIsRefusedAtItsLine() throws {
        let tasks = MiniDataSet.files["tasks.toml"]!.replacingOccurrences(of: "indicators = [\"pm25\"]", with: "indicators = [\"pm99\"]")
        let e = try error(["tasks.toml": tasks])
        #expect(e?.description == "data/tasks.toml:18: unknown indicator \"pm99\" (not in indicators.csv) | indicators = [\"pm99\"]")
    }

    @Test func aDuplicateTaskIsRefused() throws {
        let tasks = MiniDataSet.files["tasks.toml"]!.replacingOccurrences(of: "id = \"R02\"", with: "id = \"R01\"")
        let e = try error(["tasks.toml": tasks])
        #expect(e?.message == "duplicate task \"R01\"")
        #expect(e?.line == 21)
    }

    @Test func anUnparseableDateIsRefused() throws {
        let e = try error(["task_events.csv": MiniDataSet.file("task_events.csv", line: 2, with: "R01,2022-06-31,progress,50,,false,x,a,b")])
        #expect(e?.description == "data/task_events.csv:2: column \"date\": \"2022-06-31\" is not a date (expected YYYY-MM-DD) | R01,2022-06-31,progress,50,,false,x,a,b")
    }

    @Test func aMissingColumnIsRefused() throws {
        let e = try error(["districts.csv": MiniDataSet.file("districts.csv", line: 1, with: "id,name_zh,name_en,kind,parent,coastal,population")])
        #expect(e?.line == 1)
        #expect(e?.message.hasPrefix("missing column \"area_km2\"") == true)
    }

    @Test func marineDataForAnInlandDistrictIsRefused() throws {
        let e = try error(["observations.csv": MiniDataSet.file("observations.csv", line: 5, with: "sea_good,haishu,2022-01,60")])
        #expect(e?.message == "indicator \"sea_good\" has no figures by district in \"haishu\" (scope coastal)")
    }

    @Test func aTOMLSyntaxErrorNamesItsLine() throws {
        let tasks = MiniDataSet.files["tasks.toml"]!.replacingOccurrences(of: "title_en = \"Task one\"", with: "title_en = \"Task one")
        let e = try error(["tasks.toml": tasks])
        #expect(e?.file == "data/tasks.toml")
        #expect(e?.line == 4)
    }

    @Test func aMissingFileIsNamed() throws {
        let set = try MiniDataSet()
        try FileManager.default.removeItem(at: set.directory.appendingPathComponent("stations.csv"))
        #expect(throws: ImportError.self) { try set.load() }
        do { _ = try set.load() } catch { #expect(error.file == "data/stations.csv") }
    }

    @Test func theBundledSampleDataLoads() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let p = try DataSetLoader.load(directory: root.appendingPathComponent("sample-data"), displayPath: "sample-data")
        #expect(p.districts.count == 14)
        #expect(p.tasks.count == 19)
        #expect(p.tasks.filter { $0.horizon == .y2021 }.count == 7)
        #expect(p.tasks.filter { $0.horizon == .y2022 }.count == 8)
        #expect(p.tasks.filter { $0.horizon == .longTerm }.count == 4)
        for district in p.districts where district.kind != .zone {
            #expect(p.stations.filter { $0.districtID == district.id }.count >= 3, "\(district.id) needs 3 stations")
        }
    }
}
