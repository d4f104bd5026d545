import EcoWatchCore
import EcoWatchUI
import Foundation

/// The repository, found from this file's place in it.
func repositoryRoot() -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
}

/// The bundled sample data.
func sampleProgramme() throws -> Programme {
    try DataSetLoader.load(directory: repositoryRoot().appendingPathComponent("sample-data"), displayPath: "sample-data")
}

/// Render + diff of a full overview: the work of one frame when something on it changed.
func renderBenchmarks(_ programme: Programme) -> [Measurement] {
    [(80, 24), (200, 60), (400, 120)].map { size in
        let state = AppState(programme: programme, asOf: Day(iso: "2026-11-29")!, today: Day(iso: "2026-11-29")!,
                             language: .zh, width: size.0, height: size.1)
        var previous = render(state)
        var runs = 0
        let m = measure("render + diff overview \(size.0)x\(size.1)") {
            let next = render(state)
            runs &+= CanvasDiff.runs(from: previous, to: next).count
            previous = next
        }
        precondition(runs >= 0)
        return m
    }
}

/// Re-evaluating the whole programme for a new as-of day (the time machine's step).
func evaluationBenchmark(_ programme: Programme) -> Measurement {
    let evaluator = IndicatorEvaluator(programme: programme)
    var day = Day(iso: "2022-01-15")!
    return measure("time machine: evaluate as of a new day", warmup: 5, iterations: 100) {
        day = day.adding(months: 1)
        _ = DashboardSnapshot(programme: programme, evaluator: evaluator, asOf: day)
    }
}

/// Render + diff at 200×60 with a live feed: the overview's band, and a station's screen with a
/// week of hourly history (the frames the duty console redraws as values arrive).
func liveRenderBenchmarks(_ programme: Programme) -> [Measurement] {
    let now: Int64 = 1_795_900_000
    var statuses: [StationStatus] = []
    for (i, station) in programme.stations.enumerated() {
        var latest: [LatestValue] = []
        for code in station.codes {
            let particle = code == "a34004" || code == "a34002"
            let value = Double(20 + (i * 7) % 90) / (particle ? station.particleScale : 1)
            let flag: DataFlag = i % 9 == 0 ? .fault : .normal
            latest.append(LatestValue(code: code, value: value, flag: flag, time: now - 30, dataType: .realTime))
        }
        let seen: Int64 = i % 11 == 0 ? now - 4000 : now - 30
        statuses.append(StationStatus(station: station, latest: latest, lastSeen: seen, now: now))
    }
    var alarms: [Alarm] = []
    for i in 0..<12 {
        let cleared: Int64? = i % 3 == 0 ? now - 60 : nil
        let by: String? = i % 2 == 0 ? "duty" : nil
        let at: Int64? = i % 2 == 0 ? now - 100 : nil
        alarms.append(Alarm(id: Int64(i), mn: programme.stations[i].mn, rule: .aqi, started: now - Int64(i) * 300,
                            amount: Double(110 + i), cleared: cleared, acknowledgedBy: by, acknowledgedAt: at))
    }
    let live = LiveSnapshot(taken: now, stations: statuses, alarms: alarms, feed: FeedCounts())
    let air = programme.stations.first { $0.kind == .air }!
    let starts = (0..<HistorySpan.week.periods).map { now - 3600 * Int64(HistorySpan.week.periods - $0) }
    var series: [String: [Int64: SeriesPoint]] = [:]
    for code in air.codes {
        var points: [Int64: SeriesPoint] = [:]
        for (i, start) in starts.enumerated() {
            points[start] = SeriesPoint(start: start, count: 60, mean: 40 + 30 * sin(Double(i) / 6), low: 20, high: 90)
        }
        series[code] = points
    }
    let history = StationHistory(station: air, span: .week, starts: starts, series: series, alarms: alarms, refusals: 3, taken: now)
    var results: [Measurement] = []
    for (name, route) in [("overview (live)", Route.overview), ("station screen, 7 d", Route.station(air.mn))] {
        var state = AppState(programme: programme, asOf: Day(iso: "2026-11-29")!, today: Day(iso: "2026-11-29")!,
                             language: .zh, width: 200, height: 60)
        state.live = live
        if route != .overview { state.stack.append(route) }
        state.stationSpan = .week
        _ = reduce(&state, .stationLoaded(history))
        var previous = render(state)
        var runs = 0
        results.append(measure("render + diff \(name) 200x60") {
            let next = render(state)
            runs &+= CanvasDiff.runs(from: previous, to: next).count
            previous = next
        })
        precondition(runs >= 0)
    }
    return results
}
