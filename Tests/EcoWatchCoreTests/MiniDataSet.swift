import Foundation
@testable import EcoWatchCore

/// A small valid data set written to a temporary folder, for importer and store tests.
/// `replacing` swaps one file's text to inject a fault.
struct MiniDataSet {
    static let files: [String: String] = [
        "districts.csv": """
            id,name_zh,name_en,kind,parent,coastal,population,area_km2
            haishu,海曙区,Haishu District,district,,false,1000000,595
            beilun,北仑区,Beilun District,district,,true,800000,599
            meishan,梅山,Meishan,zone,beilun,true,30000,70

            """,
        "indicators.csv": """
            id,domain,name_zh,name_en,unit,better,comparator,target,deadline,scope,aggregation,headline,precision,baseline
            pm25,air,PM2.5年均浓度,"PM2.5, annual mean",µg/m³,lower,<,26,2022-12-31,district,year-mean,true,0,
            sea_good,marine,近岸海域优良水质比例,Good near-shore water,%,higher,improves,0,,coastal,latest,true,1,

            """,
        "observations.csv": """
            indicator,area,month,value
            pm25,ningbo,2022-01,30
            pm25,ningbo,2022-02,20
            pm25,beilun,2022-01,33
            sea_good,beilun,2022-01,60

            """,
        "stations.csv": """
            mn,pw,name_zh,name_en,district,kind,target_class,codes,interval_s,aliases,particle_unit,water_body
            33020001A0000001,123456,北仑空气站,Beilun air,beilun,air,,a34004 a34002,3600,PM25=a34004,ng,
            33020001W0000001,654321,海曙水站,Haishu water,haishu,water,III,w01009 w21003,3600,,,river

            """,
        "tasks.toml": """
            [[task]]
            id = "R01"
            title_zh = "任务一"
            title_en = "Task one"
            domain = "air"
            horizon = "2022"
            start = "2021-11-03"
            deadline = "2022-12-31"
            target_zh = "目标"
            target_en = "Target"
            measures_zh = ["措施一", "措施二"]
            measures_en = ["Measure one", "Measure two"]
            lead_unit_zh = "市生态环境局"
            lead_unit_en = "Municipal Ecology and Environment Bureau"
            co_units_zh = ["北仑区政府"]
            co_units_en = ["Beilun District Government"]
            districts = ["beilun"]
            indicators = ["pm25"]

            [[task]]
            id = "R02"
            title_zh = "任务二"
            title_en = "Task two"
            domain = "water"
            horizon = "long-term"
            start = "2021-11-03"
            target_zh = "目标"
            target_en = "Target"
            measures_zh = ["措施"]
            measures_en = ["Measure"]
            lead_unit_zh = "市治水办"
            lead_unit_en = "Water office"
            districts = []
            indicators = []

            [[task.milestone]]
            year = 2022
            description_zh = "年度目标"
            description_en = "Yearly milestone"

            """,
        "task_events.csv": """
            task,date,kind,progress,milestone_year,flags_risk,actor,note_zh,note_en
            R01,2022-06-30,progress,50,,false,市生态环境局,"进度,过半",Half done
            R02,2022-12-20,milestone,,2022,false,市治水办,完成,Met

            """,
    ]

    let directory: URL

    init(replacing overrides: [String: String] = [:]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ecowatch-data-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, text) in Self.files.merging(overrides, uniquingKeysWith: { _, new in new }) {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
    }

    func load() throws(ImportError) -> Programme {
        try DataSetLoader.load(directory: directory, displayPath: "data")
    }

    /// The file's text with `line` (1-based) replaced.
    static func file(_ name: String, line: Int, with text: String) -> String {
        var lines = files[name]!.components(separatedBy: "\n")
        lines[line - 1] = text
        return lines.joined(separator: "\n")
    }
}

/// A temporary database path, removed with its WAL files by `remove()`.
struct TemporaryDatabase {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("ecowatch-\(UUID().uuidString).sqlite").path

    func remove() {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
