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
