import Foundation

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

/// Builds a large, realistic history and loads it through the store's bulk API
/// (`EcoWatchStore.bulkLoad`), chunk by chunk: the same seed gives the same history on any back end.
public enum HistoryGenerator {
    /// Readings per chunk (one transaction each).
    static let chunkRows = 400_000

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

    /// Writes the history of `stations` into `store` (already holding the programme; no readings
    /// unless `replacing`, which replaces them) through its bulk API.
    public static func generate(into store: any EcoWatchStore, stations: [Station], plan: GenerationPlan, replacing: Bool = false,
                                progress: (GenerationProgress) -> Void) throws -> GenerationSummary {
        let clock = ContinuousClock()
        let started = clock.now
        func elapsed() -> Double {
            let d = clock.now - started
            return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        }
        let total = rowCount(stations: stations, plan: plan)
        var lastReport = -1.0
        let stored = try store.bulkLoad(HistoryChunks(stations: stations, plan: plan, chunkRows: chunkRows), replacing: replacing) { step in
            let now = elapsed()
            switch step {
            case .stored(let readings):
                guard now - lastReport >= 0.5 else { return }
                lastReport = now
                progress(GenerationProgress(phase: .readings, rowsDone: readings, rowsTotal: total, elapsed: now))
            case .finishing:
                progress(GenerationProgress(phase: .indexes, rowsDone: total, rowsTotal: total, elapsed: now))
            }
        }
        let seconds = elapsed()
        progress(GenerationProgress(phase: .done, rowsDone: stored, rowsTotal: total, elapsed: seconds))
        return GenerationSummary(stations: stations.count, readings: stored, seconds: seconds)
    }
}

/// The generated history of `stations`, in chunks of about `chunkRows` readings: station after
/// station, each reading time with all its codes. Deterministic for the plan's seed.
public struct HistoryChunks: Sequence, IteratorProtocol {
    private let stations: [Station]
    private let plan: GenerationPlan
    private let chunkRows: Int
    /// The HJ 212 CN of data at this interval: daily, hourly, minute or real-time.
    private let cn: DataCommand
    private var random: GeneratorRandom
    private var stationIndex = 0
    private var time: Int64
    private var episodeLeft = 0

    public init(stations: [Station], plan: GenerationPlan, chunkRows: Int) {
        self.stations = stations
        self.plan = plan
        self.chunkRows = Swift.max(1, chunkRows)
        cn = plan.interval >= 86_400 ? .daily : plan.interval >= 3600 ? .hourly : plan.interval >= 60 ? .minute : .realTime
        random = GeneratorRandom(seed: plan.seed)
        time = plan.firstTime
    }

    public mutating func next() -> [Reading]? {
        var chunk: [Reading] = []
        chunk.reserveCapacity(chunkRows + 16)
        while stationIndex < stations.count, chunk.count < chunkRows {
            let station = stations[stationIndex]
            // Episodes: about one start in 300 readings, lasting a few hours to two days.
            if episodeLeft > 0 { episodeLeft -= 1 } else if random.unit() < 0.003 {
                episodeLeft = Int(Swift.max(1, (3600 + random.unit() * 44 * 3600) / Double(plan.interval)))
            }
            let moment = HistoryShape.Moment(time: time)
            for code in station.codes {
                let value = HistoryShape.value(code: code, station: station, at: moment, episode: episodeLeft > 0, random: &random)
                let flag: DataFlag = random.unit() < 0.02
                    ? [.maintenance, .calibration, .fault, .overRange, .communicationError, .stopped, .manuallySet][Int(random.next() % 7)]
                    : .normal
                chunk.append(Reading(mn: station.mn, code: code, time: time, dataType: cn, value: value, flag: flag))
            }
            time += plan.interval
            if time > plan.end {
                stationIndex += 1
                time = plan.firstTime
                episodeLeft = 0
            }
        }
        return chunk.isEmpty ? nil : chunk
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
