import Foundation
import GRDB

/// What `HistoryGenerator` builds: how many stations, over which span, how often.
public struct GenerationPlan: Hashable, Sendable {
    /// Synthetic stations added to the programme's own.
    public var syntheticStations: Int
    /// The last reading's time (seconds since 1970); the history runs back `span` seconds from it.
    public var end: Int64
    public var span: Int64
    /// Seconds between two readings of a station.
    public var interval: Int64
    public var seed: UInt64

    public init(syntheticStations: Int, end: Int64, span: Int64, interval: Int64, seed: UInt64 = 2021) {
        self.syntheticStations = syntheticStations
        self.end = end - end % interval
        self.span = span
        self.interval = interval
        self.seed = seed
    }

    /// Reading times per station.
    public var steps: Int64 { span / interval }
    public var firstTime: Int64 { end - (steps - 1) * interval }
}

/// Progress of a generation, for a progress bar.
public struct GenerationProgress: Sendable {
    public enum Phase: String, Sendable { case readings, indexes, done }
    public let phase: Phase
    public let rowsDone: Int
    public let rowsTotal: Int
    public let elapsed: Double
}

/// What a generation wrote.
public struct GenerationSummary: Hashable, Sendable {
    public let stations: Int
    public let readings: Int
    public let seconds: Double
}

/// Builds a large, realistic history straight into an EcoWatch database, fast: prepared
/// statements in large transactions with the journal off, the `reading` index dropped during
/// the load and rebuilt after, and the roll-ups computed in bulk (`INSERT … SELECT … GROUP BY`)
/// after each station's readings, while they are still in the cache.
public enum HistoryGenerator {
    /// Rows per transaction.
    static let batchRows = 400_000

    /// `count` synthetic stations spread over the programme's districts: six in ten air, three
    /// water, one seawater (coastal districts; inland ones get water instead). Codes follow the
    /// programme's own stations of each kind.
    public static func syntheticStations(count: Int, programme: Programme, interval: Int64) -> [Station] {
        let districts = programme.districts.isEmpty
            ? [District(id: "ningbo", name: LocalizedText(zh: "宁波", en: "Ningbo"), kind: .district, parentID: nil,
                        coastal: true, population: 0, areaKm2: 0)]
            : programme.districts
        func codes(_ kind: StationKind, _ fallback: String) -> [String] {
            programme.stations.first { $0.kind == kind }?.codes ?? fallback.split(separator: " ").map(String.init)
        }
        let air = codes(.air, "a34004 a34002 a21026 a21004 a21005 a05024")
        let water = codes(.water, "w01009 w01019 w01018 w21003 w21011 w21001 w01001")
        let sea = codes(.sea, "w21017 w21018 w01009 w01001")
        return (0..<count).map { i in
            let district = districts[i % districts.count]
            var kind: StationKind = [.air, .air, .air, .air, .air, .air, .water, .water, .water, .sea][(i / districts.count) % 10]
            if kind == .sea, !district.coastal { kind = .water }
            let letter = kind == .air ? "A" : kind == .water ? "W" : "S"
            let number = String(i + 1)
            let mn = "330299" + letter + String(repeating: "0", count: max(0, 9 - number.count)) + number
            return Station(mn: mn, pw: String(mn.suffix(6)),
                           name: LocalizedText(zh: district.name.zh + "合成站" + number, en: district.name.en + " synthetic " + number),
                           districtID: district.id, kind: kind,
                           targetClass: kind == .air ? nil : kind == .water ? (i % 2 == 0 ? "II" : "III") : "2",
                           codes: kind == .air ? air : kind == .water ? water : sea,
                           intervalSeconds: Int(interval), isLake: kind == .water && i % 5 == 0)
        }
    }

    /// Rows `generate` will write for these stations.
    public static func rowCount(stations: [Station], plan: GenerationPlan) -> Int {
        stations.reduce(0) { $0 + $1.codes.count } * Int(plan.steps)
    }

    /// Writes the history of `stations` into the database at `path` (already an EcoWatch
    /// database holding the programme, and no readings). Nobody else may use the file meanwhile:
    /// the journal is off during the load, so an interrupted generation leaves a file to delete.
    public static func generate(path: String, stations: [Station], plan: GenerationPlan,
                                progress: (GenerationProgress) -> Void) throws -> GenerationSummary {
        let clock = ContinuousClock()
        let started = clock.now
        func elapsed() -> Double {
            let d = clock.now - started
            return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        }
        let total = rowCount(stations: stations, plan: plan)
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = OFF")
            try db.execute(sql: "PRAGMA synchronous = OFF")
            try db.execute(sql: "PRAGMA cache_size = -262144")
            try db.execute(sql: "PRAGMA temp_store = FILE")
        }
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "DROP INDEX IF EXISTS reading_identity")
                var done = 0
                var random = GeneratorRandom(seed: plan.seed)
                var last: [(mn: String, code: String, value: Double, flag: DataFlag, time: Int64)] = []
                try db.execute(sql: "BEGIN")
                let insert = try db.makeStatement(sql: "INSERT INTO reading VALUES (?,?,?,?,?,?)")
                var inBatch = 0
                var lastReport = 0.0
                // The HJ 212 CN of data at this interval: daily, hourly, minute or real-time.
                let cn: DataCommand = plan.interval >= 86_400 ? .daily : plan.interval >= 3600 ? .hourly : plan.interval >= 60 ? .minute : .realTime
                for station in stations {
                    let firstRowID = (try Int64.fetchOne(db, sql: "SELECT max(rowid) FROM reading") ?? 0) + 1
                    let codes = station.codes
                    var episodeLeft = 0
                    var time = plan.firstTime
                    var values = [Double](repeating: 0, count: codes.count)
                    var flags = [DataFlag](repeating: .normal, count: codes.count)
                    while time <= plan.end {
                        // Episodes: about one start in 300 readings, lasting a few hours to two days.
                        if episodeLeft > 0 { episodeLeft -= 1 } else if random.unit() < 0.003 {
                            episodeLeft = Int(max(1, (3600 + random.unit() * 44 * 3600) / Double(plan.interval)))
                        }
                        let moment = HistoryShape.Moment(time: time)
                        for (k, code) in codes.enumerated() {
                            let value = HistoryShape.value(code: code, station: station, at: moment, episode: episodeLeft > 0, random: &random)
                            let flag: DataFlag = random.unit() < 0.02
                                ? [.maintenance, .calibration, .fault, .overRange, .communicationError, .stopped, .manuallySet][Int(random.next() % 7)]
                                : .normal
                            try insert.execute(arguments: [station.mn, code, time, cn.rawValue, value, flag.rawValue])
                            values[k] = value
                            flags[k] = flag
                        }
                        done += codes.count
                        inBatch += codes.count
                        if inBatch >= batchRows {
                            try db.execute(sql: "COMMIT; BEGIN")
                            inBatch = 0
                            let now = elapsed()
                            if now - lastReport >= 0.5 {
                                lastReport = now
                                progress(GenerationProgress(phase: .readings, rowsDone: done, rowsTotal: total, elapsed: now))
                            }
                        }
                        time += plan.interval
                    }
                    for (k, code) in codes.enumerated() {
                        last.append((station.mn, code, values[k], flags[k], plan.end))
                    }
                    try RollupGrain.rollUpLoadedStation(db, mn: station.mn, firstRowID: firstRowID)
                }
                let upsertLatest = try db.makeStatement(sql: """
                    INSERT INTO latest VALUES (?,?,?,?,?,?) ON CONFLICT (mn, code) DO UPDATE SET value = excluded.value,
                        flag = excluded.flag, time = excluded.time, cn = excluded.cn WHERE excluded.time >= latest.time
                    """)
                for l in last {
                    try upsertLatest.execute(arguments: [l.mn, l.code, l.value, l.flag.rawValue, l.time, cn.rawValue])
                }
                try db.execute(sql: Schema.recordTimesFromLatestSQL)
                try db.execute(sql: "COMMIT")
                progress(GenerationProgress(phase: .indexes, rowsDone: done, rowsTotal: total, elapsed: elapsed()))
                try db.execute(sql: Schema.readingIdentityIndexSQL)
                try db.execute(sql: "PRAGMA journal_mode = WAL")
            }
            try queue.close()
        } catch let error as StoreError {
            throw error
        } catch {
            throw SQLiteStore.storeError(error, path: path)
        }
        let seconds = elapsed()
        progress(GenerationProgress(phase: .done, rowsDone: total, rowsTotal: total, elapsed: seconds))
        return GenerationSummary(stations: stations.count, readings: total, seconds: seconds)
    }
}

/// A `generate` option that cannot be used, with the message to show.
public struct GenerationOptionError: Error, Hashable, CustomStringConvertible {
    public let description: String
}

/// The checks of `ecowatch generate`'s options, here so they are tested with the generator.
public enum GenerationOptions {
    /// Parses `30s`, `15m`, `1h`, `1d` into seconds (at most a year).
    public static func interval(_ text: String) throws(GenerationOptionError) -> Int64 {
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        guard let unit = text.last.flatMap({ units[$0] }), let count = Int64(text.dropLast()),
              count > 0, count <= 366 * 86_400 / unit else {
            throw GenerationOptionError(description: "--interval \"\(text)\" is not an interval; expected a whole number and a unit s, m, h or d, such as 1h, 15m or 1d")
        }
        return count * unit
    }

    /// Refuses a station or year count that is not above zero.
    public static func check(stations: Int, years: Int) throws(GenerationOptionError) {
        if stations <= 0 { throw GenerationOptionError(description: "--stations must be a whole number above zero, not \(stations)") }
        if years <= 0 { throw GenerationOptionError(description: "--years must be a whole number above zero, not \(years)") }
    }
}
