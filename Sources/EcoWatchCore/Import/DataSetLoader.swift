import Foundation

/// Reads the bundled data set's files (see `sample-data/README.md`) into a `Programme`,
/// checking every row and every cross-reference. The first problem found is thrown as an
/// `ImportError` naming the file and line; nothing is half-loaded.
public enum DataSetLoader {
    /// The files a data set folder holds.
    public static let fileNames = ["districts.csv", "indicators.csv", "observations.csv",
                                   "stations.csv", "tasks.toml", "task_events.csv"]

    /// Loads the data set in `directory`; `displayPath` is how file names appear in errors.
    public static func load(directory: URL, displayPath: String? = nil) throws(ImportError) -> Programme {
        let shown = displayPath ?? directory.path
        func read(_ name: String) throws(ImportError) -> (String, SourceText) {
            let path = shown.hasSuffix("/") ? shown + name : shown + "/" + name
            let url = directory.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw ImportError(file: path, line: nil, message: "cannot read the file (is the data folder complete? it needs \(fileNames.joined(separator: ", ")))")
            }
            return (path, try SourceText.decode(Array(data), file: path))
        }
        let (districtsPath, districtsText) = try read("districts.csv")
        let (indicatorsPath, indicatorsText) = try read("indicators.csv")
        let (observationsPath, observationsText) = try read("observations.csv")
        let (stationsPath, stationsText) = try read("stations.csv")
        let (tasksPath, tasksText) = try read("tasks.toml")
        let (eventsPath, eventsText) = try read("task_events.csv")

        let districts = try parseDistricts(file: districtsPath, source: districtsText)
        let indicators = try parseIndicators(file: indicatorsPath, source: indicatorsText)
        let observations = try parseObservations(file: observationsPath, source: observationsText,
                                                 districts: districts, indicators: indicators)
        for indicator in indicators {
            if let year = indicator.baselineYear,
               !observations.contains(where: { $0.indicatorID == indicator.id && $0.areaID == cityAreaID && $0.month.year == year }) {
                throw ImportError(file: observationsPath, line: nil,
                                  message: "indicator \(SourceText.quoted(indicator.id)) is judged against its \(year) figure, but there is no city observation in \(year)")
            }
        }
        let stations = try parseStations(file: stationsPath, source: stationsText, districts: districts)
        let tasks = try TaskFileParser.parse(file: tasksPath, source: tasksText,
                                             districtIDs: Set(districts.map(\.id)),
                                             indicatorIDs: Set(indicators.map(\.id)))
        let events = try parseEvents(file: eventsPath, source: eventsText, tasks: tasks)
        return Programme(districts: districts, indicators: indicators, observations: observations,
                         tasks: tasks, events: events, stations: stations)
    }

    static func parseDistricts(file: String, source: SourceText) throws(ImportError) -> [District] {
        let table = try CSVTable(file: file, source: source, required: [
            "id", "name_zh", "name_en", "kind", "parent", "coastal", "population", "area_km2"])
        var seen: Set<String> = []
        var districts: [District] = []
        for row in table.rows {
            let id = try table.required(row, "id")
            guard isIdentifier(id) else {
                throw table.error(row, "id \(SourceText.quoted(id)) must be lower-case letters, digits and _ (pinyin, e.g. beilun)")
            }
            guard id != cityAreaID else { throw table.error(row, "id \(SourceText.quoted(id)) is reserved for the city as a whole") }
            guard seen.insert(id).inserted else { throw table.error(row, "duplicate district \(SourceText.quoted(id))") }
            let kind = try table.choice(row, "kind", DistrictKind.self)
            let parent = table.text(row, "parent")
            if kind == .zone, parent.isEmpty {
                throw table.error(row, "zone \(SourceText.quoted(id)) needs a parent division")
            }
            districts.append(District(
                id: id, name: LocalizedText(zh: try table.required(row, "name_zh"), en: try table.required(row, "name_en")),
                kind: kind, parentID: parent.isEmpty ? nil : parent, coastal: try table.bool(row, "coastal"),
                population: try table.integer(row, "population"), areaKm2: try table.number(row, "area_km2")))
        }
        for (district, row) in zip(districts, table.rows) {
            if let parent = district.parentID, !seen.contains(parent) || parent == district.id {
                throw table.error(row, "unknown parent district \(SourceText.quoted(parent))")
            }
        }
        return districts
    }

    static func parseIndicators(file: String, source: SourceText) throws(ImportError) -> [Indicator] {
        let table = try CSVTable(file: file, source: source, required: [
            "id", "domain", "name_zh", "name_en", "unit", "better", "comparator", "target",
            "deadline", "scope", "aggregation", "headline", "precision", "baseline"])
        var seen: Set<String> = []
        var indicators: [Indicator] = []
        for row in table.rows {
            let id = try table.required(row, "id")
            guard isIdentifier(id) else { throw table.error(row, "id \(SourceText.quoted(id)) must be lower-case letters, digits and _") }
            guard seen.insert(id).inserted else { throw table.error(row, "duplicate indicator \(SourceText.quoted(id))") }
            let precision = try table.integer(row, "precision")
            guard (0...4).contains(precision) else {
                throw table.error(row, "column \"precision\": \(precision) decimal places is out of range (0 to 4)")
            }
            let baseline = try table.optionalInteger(row, "baseline")
            if baseline != nil, !table.text(row, "target").isEmpty {
                throw table.error(row, "indicator \(SourceText.quoted(id)) has both a target and a baseline year: leave \"target\" empty, it is the baseline year's figure")
            }
            indicators.append(Indicator(
                id: id, domain: try table.choice(row, "domain", Domain.self),
                name: LocalizedText(zh: try table.required(row, "name_zh"), en: try table.required(row, "name_en")),
                unit: table.text(row, "unit"), better: try table.choice(row, "better", Direction.self),
                comparator: try table.choice(row, "comparator", Comparator.self),
                target: baseline == nil ? try table.number(row, "target") : .nan, deadline: try table.optionalDay(row, "deadline"),
                scope: try table.choice(row, "scope", Scope.self),
                aggregation: try table.choice(row, "aggregation", Aggregation.self),
                headline: try table.bool(row, "headline"), precision: precision, baselineYear: baseline))
        }
        return indicators
    }

    static func parseObservations(file: String, source: SourceText, districts: [District],
                                  indicators: [Indicator]) throws(ImportError) -> [Observation] {
        let table = try CSVTable(file: file, source: source, required: ["indicator", "area", "month", "value"])
        let byID = Dictionary(uniqueKeysWithValues: indicators.map { ($0.id, $0) })
        let districtByID = Dictionary(uniqueKeysWithValues: districts.map { ($0.id, $0) })
        var seen: Set<String> = []
        var observations: [Observation] = []
        observations.reserveCapacity(table.rows.count)
        for row in table.rows {
            let indicatorID = try table.required(row, "indicator")
            guard let indicator = byID[indicatorID] else {
                throw table.error(row, "unknown indicator \(SourceText.quoted(indicatorID)) (not in indicators.csv)")
            }
            let area = try table.required(row, "area")
            if area != cityAreaID {
                guard let district = districtByID[area] else {
                    throw table.error(row, "unknown area \(SourceText.quoted(area)) (a district ID from districts.csv, or \(cityAreaID))")
                }
                guard indicator.applies(to: district) else {
                    throw table.error(row, "indicator \(SourceText.quoted(indicatorID)) has no figures by district in \(SourceText.quoted(area)) (scope \(indicator.scope.rawValue))")
                }
            }
            let monthText = try table.required(row, "month")
            guard let month = YearMonth(iso: monthText) else {
                throw table.error(row, "column \"month\": \(SourceText.quoted(monthText)) is not a month (expected YYYY-MM)")
            }
            guard seen.insert("\(indicatorID)|\(area)|\(monthText)").inserted else {
                throw table.error(row, "duplicate observation of \(indicatorID) in \(area) for \(monthText)")
            }
            observations.append(Observation(indicatorID: indicatorID, areaID: area, month: month,
                                            value: try table.number(row, "value")))
        }
        return observations
    }

    static func parseStations(file: String, source: SourceText, districts: [District]) throws(ImportError) -> [Station] {
        let table = try CSVTable(file: file, source: source, required: [
            "mn", "pw", "name_zh", "name_en", "district", "kind", "target_class", "codes",
            "interval_s", "aliases", "particle_unit", "water_body"])
        let districtIDs = Set(districts.map(\.id))
        var seen: Set<String> = []
        var stations: [Station] = []
        for row in table.rows {
            let mn = try table.required(row, "mn")
            guard mn.count <= 24, mn.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                throw table.error(row, "mn \(SourceText.quoted(mn)) must be up to 24 ASCII letters and digits (HJ 212 MN)")
            }
            guard seen.insert(mn).inserted else { throw table.error(row, "duplicate station mn \(SourceText.quoted(mn))") }
            let pw = try table.required(row, "pw")
            guard pw.utf8.count == 6, pw.allSatisfy({ $0.isASCII && !$0.isWhitespace && $0 != ";" && $0 != "=" }) else {
                throw table.error(row, "pw \(SourceText.quoted(pw)) must be 6 characters (HJ 212 PW)")
            }
            let district = try table.required(row, "district")
            guard districtIDs.contains(district) else {
                throw table.error(row, "unknown district \(SourceText.quoted(district)) (not in districts.csv)")
            }
            let kind = try table.choice(row, "kind", StationKind.self)
            let targetClass = table.text(row, "target_class")
            switch kind {
            case .air where !targetClass.isEmpty:
                throw table.error(row, "an air station has no target class (leave target_class empty)")
            case .water where WaterClass(text: targetClass).map { $0 == .worseThanV } ?? true:
                throw table.error(row, "target_class \(SourceText.quoted(targetClass)) is not a GB 3838 class (I, II, III, IV or V)")
            case .sea where SeaClass(text: targetClass).map { $0 == .worseThanFour } ?? true:
                throw table.error(row, "target_class \(SourceText.quoted(targetClass)) is not a GB 3097 class (1, 2, 3 or 4)")
            default: break
            }
            let codes = table.text(row, "codes").split(separator: " ").map(String.init)
            guard !codes.isEmpty else { throw table.error(row, "column \"codes\" lists no pollutant codes") }
            let interval = try table.integer(row, "interval_s")
            guard interval > 0 else { throw table.error(row, "interval_s must be a positive number of seconds") }
            var aliases: [String: String] = [:]
            for pair in table.text(row, "aliases").split(separator: " ") {
                let parts = pair.split(separator: "=", omittingEmptySubsequences: false)
                guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                    throw table.error(row, "alias \(SourceText.quoted(pair)) must be NAME=code (e.g. PM25=a34004)")
                }
                aliases[String(parts[0])] = String(parts[1])
            }
            let scale: Double
            switch table.text(row, "particle_unit") {
            case "", "ug": scale = 1
            case "ng": scale = 0.001
            case let other: throw table.error(row, "particle_unit \(SourceText.quoted(other)) is not ug or ng")
            }
            let isLake: Bool
            switch table.text(row, "water_body") {
            case "", "river": isLake = false
            case "lake": isLake = true
            case let other: throw table.error(row, "water_body \(SourceText.quoted(other)) is not river or lake")
            }
            stations.append(Station(
                mn: mn, pw: pw,
                name: LocalizedText(zh: try table.required(row, "name_zh"), en: try table.required(row, "name_en")),
                districtID: district, kind: kind, targetClass: targetClass.isEmpty ? nil : targetClass,
                codes: codes, intervalSeconds: interval, codeAliases: aliases, particleScale: scale, isLake: isLake))
        }
        return stations
    }

    static func parseEvents(file: String, source: SourceText, tasks: [RectificationTask]) throws(ImportError) -> [TaskEvent] {
        let table = try CSVTable(file: file, source: source, required: [
            "task", "date", "kind", "progress", "milestone_year", "flags_risk", "actor", "note_zh", "note_en"])
        let taskByID = Dictionary(uniqueKeysWithValues: tasks.map { ($0.id, $0) })
        var events: [TaskEvent] = []
        var firstLine: [TaskEvent: Int] = [:]
        for row in table.rows {
            let taskID = try table.required(row, "task")
            guard let task = taskByID[taskID] else { throw table.error(row, "unknown task \(SourceText.quoted(taskID)) (not in tasks.toml)") }
            let kind = try table.choice(row, "kind", TaskEventKind.self)
            let progress = try table.optionalInteger(row, "progress")
            if let progress, !(0...100).contains(progress) {
                throw table.error(row, "progress \(progress) is outside 0–100")
            }
            if kind == .progress, progress == nil { throw table.error(row, "a progress event needs a progress value") }
            let year = try table.optionalInteger(row, "milestone_year")
            if kind == .milestone {
                guard let year else { throw table.error(row, "a milestone event needs milestone_year") }
                guard task.milestones.contains(where: { $0.year == year }) else {
                    throw table.error(row, "task \(taskID) has no milestone for \(year)")
                }
            }
            let event = TaskEvent(
                taskID: taskID, date: try table.day(row, "date"), kind: kind, progress: progress,
                milestoneYear: year, flagsRisk: try table.bool(row, "flags_risk"),
                note: LocalizedText(zh: table.text(row, "note_zh"), en: table.text(row, "note_en")),
                actor: table.text(row, "actor"))
            // The same event twice would count twice (a second visit, a second interview).
            if let earlier = firstLine.updateValue(firstLine[event] ?? row.line, forKey: event) {
                throw table.error(row, "duplicate event: lines \(earlier) and \(row.line) both record \(taskID) \(kind.rawValue) on \(event.date); remove one")
            }
            events.append(event)
        }
        return events
    }

    static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }
    }
}
