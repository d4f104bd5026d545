import EcoWatchCore

// Release build only: swift run -c release --package-path Benchmarks ecowatch-bench [render] [feed]
let programme = try sampleProgramme()
let chosen = Set(CommandLine.arguments.dropFirst())
if chosen.isEmpty || chosen.contains("render") {
    for m in renderBenchmarks(programme) { report(m) }
    report(evaluationBenchmark(programme))
}
if chosen.isEmpty || chosen.contains("feed") {
    _ = decodeBenchmark()
    _ = try ingestBenchmark(programme)
}
