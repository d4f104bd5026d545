// Fuzz target `dataset`: the data set's per-file parsers (`DataSetLoader.parseDistricts`,
// `parseIndicators`, `parseObservations`, `parseStations`, `parseEvents` and
// `TaskFileParser.parse`). Every input goes to all six: the header row (or the lack of
// `[[task]]` tables) turns the wrong ones away at once, so the seeds can be plain cuts of the
// sample data. Cross-references are checked against a fixed reference set below.
//
// Invariants beyond "does not trap":
// - an `ImportError` names the file it was given, a line of the input, and says something;
// - what parses holds no duplicate IDs and refers only to the reference set.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDataSet(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = fuzzText(data, size)
    let lines = lineCount(text)
    let reference = Reference.shared

    func check<T>(_ file: String, _ parse: () throws(ImportError) -> T) -> T? {
        do {
            return try parse()
        } catch {
            invariant(error.file == file, "error names \(error.file), not \(file)")
            if let line = error.line {
                invariant((1...lines).contains(line), "\(file): error line \(line) outside 1…\(lines): \(error)")
            }
            invariant(!error.message.isEmpty, "\(file): empty error message")
            return nil
        }
    }

    if let districts = check("districts.csv", { () throws(ImportError) in
        try DataSetLoader.parseDistricts(file: "districts.csv", source: SourceText(text)) }) {
        invariant(Set(districts.map(\.id)).count == districts.count, "duplicate district IDs")
    }
    if let indicators = check("indicators.csv", { () throws(ImportError) in
        try DataSetLoader.parseIndicators(file: "indicators.csv", source: SourceText(text)) }) {
        invariant(Set(indicators.map(\.id)).count == indicators.count, "duplicate indicator IDs")
    }
    if let observations = check("observations.csv", { () throws(ImportError) in
        try DataSetLoader.parseObservations(file: "observations.csv", source: SourceText(text),
                                            districts: reference.districts,
                                            indicators: reference.indicators) }) {
        for o in observations {
            invariant(reference.indicatorIDs.contains(o.indicatorID), "unknown indicator \(o.indicatorID) accepted")
            invariant(o.areaID == cityAreaID || reference.districtIDs.contains(o.areaID),
                      "unknown area \(o.areaID) accepted")
            invariant(o.value.isFinite, "a non-finite value accepted")
        }
    }
    if let stations = check("stations.csv", { () throws(ImportError) in
        try DataSetLoader.parseStations(file: "stations.csv", source: SourceText(text), districts: reference.districts) }) {
        invariant(Set(stations.map(\.mn)).count == stations.count, "duplicate station MNs")
        for s in stations {
            invariant(reference.districtIDs.contains(s.districtID), "unknown district \(s.districtID) accepted")
            invariant(s.mn.utf8.count <= 24 && s.pw.utf8.count == 6, "MN or PW of the wrong length accepted")
        }
    }
    if let tasks = check("tasks.toml", { () throws(ImportError) in
        try TaskFileParser.parse(file: "tasks.toml", source: SourceText(text), districtIDs: reference.districtIDs,
                                 indicatorIDs: reference.indicatorIDs) }) {
        invariant(Set(tasks.map(\.id)).count == tasks.count, "duplicate task IDs")
        for task in tasks {
            invariant(task.deadline.map { $0 > task.start } ?? true, "\(task.id): deadline not after start")
            invariant((task.horizon == .longTerm) == !task.milestones.isEmpty,
                      "\(task.id): milestones and horizon disagree")
        }
    }
    if let events = check("task_events.csv", { () throws(ImportError) in
        try DataSetLoader.parseEvents(file: "task_events.csv", source: SourceText(text), tasks: reference.tasks) }) {
        for e in events {
            invariant(reference.taskIDs.contains(e.taskID), "unknown task \(e.taskID) accepted")
            invariant(e.progress.map { (0...100).contains($0) } ?? true, "progress outside 0…100 accepted")
        }
    }
    return 0
}

/// The districts, indicators and tasks that observations, stations, tasks and events may refer
/// to: a small consistent cut of `sample-data/`, parsed once by the same parsers.
private struct Reference: Sendable {
    let districts: [District]
    let indicators: [Indicator]
    let tasks: [RectificationTask]
    let districtIDs: Set<String>
    let indicatorIDs: Set<String>
    let taskIDs: Set<String>

    static let shared: Reference = {
        do {
            let districts = try DataSetLoader.parseDistricts(file: "reference districts", source: SourceText("""
                id,name_zh,name_en,kind,parent,coastal,population,area_km2
                haishu,海曙区,Haishu District,district,,false,1141800,595.0
                jiangbei,江北区,Jiangbei District,district,,false,489600,208.2
                zhenhai,镇海区,Zhenhai District,district,,true,502000,246.0
                beilun,北仑区,Beilun District,district,,true,818300,599.0
                yinzhou,鄞州区,Yinzhou District,district,,true,1643600,814.0
                meishan,梅山,Meishan,zone,beilun,true,30000,70.0
                """))
            let indicators = try DataSetLoader.parseIndicators(file: "reference indicators", source: SourceText("""
                id,domain,name_zh,name_en,unit,better,comparator,target,deadline,scope,aggregation,headline,precision,baseline
                pm25,air,PM2.5年均浓度,PM2.5 annual mean,µg/m³,lower,<,26,2022-12-31,district,year-mean,true,0,
                good_air_days,air,空气质量优良天数比率,Share of days with good air (AQI ≤ 100),%,higher,>=,90,2022-12-31,district,year-mean,true,1,
                pm25_trend,air,PM2.5浓度(双减双控),"PM2.5, year on year",µg/m³,lower,improves,0,,district,year-mean,false,0,
                o3_trend,air,臭氧浓度(双减双控),"O3, year on year",µg/m³,lower,improves,0,,district,year-mean,false,0,
                diesel_obd_networked,air,重型柴油货车远程在线监控联网率,Heavy diesel trucks with networked OBD,%,higher,>=,100,2021-12-31,city,latest,false,1,
                nearshore_good_water,marine,近岸海域优良水质比例,Good near-shore water,%,higher,improves,0,,coastal,latest,true,1,
                firms_rectified,industry,“散弱乱”企业整治,Scattered firms rectified,家,higher,>=,1500,2021-12-31,district,cumulative,false,0,
                """))
            let districtIDs = Set(districts.map(\.id)), indicatorIDs = Set(indicators.map(\.id))
            let tasks = try TaskFileParser.parse(file: "reference tasks", source: SourceText("""
                [[task]]
                id = "R01"
                title_zh = "重型营运柴油货车远程在线监控联网"
                title_en = "Networked remote OBD on heavy diesel trucks"
                domain = "air"
                horizon = "2021"
                start = "2021-04-01"
                deadline = "2021-12-31"
                target_zh = "具备条件的重型柴油货车全部联网"
                target_en = "Every qualifying heavy diesel truck networked"
                measures_zh = ["督促车辆加装OBD并联网"]
                measures_en = ["Have OBD units fitted and networked"]
                lead_unit_zh = "市生态环境局"
                lead_unit_en = "Municipal Ecology and Environment Bureau"
                indicators = ["diesel_obd_networked"]

                [[task]]
                id = "R16"
                title_zh = "PM2.5和臭氧“双减双控”"
                title_en = "PM2.5 and ozone: double reduction, double control"
                domain = "air"
                horizon = "long-term"
                start = "2021-11-03"
                target_zh = "PM2.5平均浓度低于26微克/立方米"
                target_en = "PM2.5 mean below 26 µg/m³"
                measures_zh = ["严控新增耗煤项目"]
                measures_en = ["Allow no new coal use without offsets"]
                lead_unit_zh = "市生态环境局"
                lead_unit_en = "Municipal Ecology and Environment Bureau"
                indicators = ["pm25", "good_air_days"]

                [[task.milestone]]
                year = 2022
                description_zh = "全市PM2.5平均浓度低于26微克/立方米"
                description_en = "City PM2.5 mean below 26 µg/m³"

                [[task.milestone]]
                year = 2023
                description_zh = "优良天数比率恢复至90%以上"
                description_en = "Good-air days back above 90%"
                """), districtIDs: districtIDs, indicatorIDs: indicatorIDs)
            return Reference(districts: districts, indicators: indicators, tasks: tasks,
                             districtIDs: districtIDs, indicatorIDs: indicatorIDs,
                             taskIDs: Set(tasks.map(\.id)))
        } catch {
            fatalError("the fuzz target's own reference data does not load: \(error)")
        }
    }()
}
