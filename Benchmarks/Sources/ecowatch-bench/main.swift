import EcoWatchCore

// Release build only: swift run -c release --package-path Benchmarks ecowatch-bench
let programme = try sampleProgramme()
for m in renderBenchmarks(programme) { report(m) }
report(evaluationBenchmark(programme))
