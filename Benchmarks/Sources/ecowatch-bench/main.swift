import EcoWatchCore
import Foundation

// Release build only:
//   swift build -c release --package-path Benchmarks                      # the benchmarks
//   swift build -c release --package-path Benchmarks --product ecowatch    # startup, idle
//   Benchmarks/.build/release/ecowatch-bench [name …] [--iterations N] [--connections N,N,…]
// Names: render, terminal, decode, ingest, startup, idle, memory; feed = decode + ingest;
// backfill, locked, badflood, drippers, rss (the release `ecowatch ingest` under issue 10's loads);
// pgingest (the release `ecowatch ingest` on PostgreSQL beside COPY, 1, 10 and 100 connections
// unless --connections, --runs N each (3), on a private server or the one `--db postgresql://…`
// names). No name runs them all but pgingest (idle takes about a minute).
var arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String, in arguments: inout [String]) -> String? {
    guard let flag = arguments.firstIndex(of: name), flag + 1 < arguments.count else { return nil }
    defer { arguments.removeSubrange(flag...(flag + 1)) }
    return arguments[flag + 1]
}
let decodeIterations = option("--iterations", in: &arguments).flatMap { Int($0) } ?? 400_000
let chosenConnections = option("--connections", in: &arguments).map { $0.split(separator: ",").compactMap { Int($0) } }
let connectionCounts = chosenConnections ?? [1, 10, 100, 1000]
let postgresURL = option("--db", in: &arguments)
let runs = option("--runs", in: &arguments).flatMap { Int($0) }.map { max(1, $0) } ?? 3
let known: Set = ["render", "terminal", "decode", "ingest", "feed", "startup", "idle", "memory",
                  "backfill", "locked", "badflood", "drippers", "rss", "pgingest"]
let chosen = Set(arguments)
if let unknown = chosen.subtracting(known).first {
    print("unknown benchmark \(unknown); choose from \(known.sorted().joined(separator: ", "))")
    exit(2)
}
func wanted(_ names: String...) -> Bool { chosen.isEmpty || names.contains(where: chosen.contains) }

let programme = try sampleProgramme()
if wanted("render") {
    for m in renderBenchmarks(programme) { report(m) }
    for m in liveRenderBenchmarks(programme) { report(m) }
    report(evaluationBenchmark(programme))
}
if wanted("terminal") {
    try terminalBytesBenchmark(programme)
}
if wanted("decode", "feed") {
    _ = decodeBenchmark(count: decodeIterations)
}
if wanted("ingest", "feed") {
    for connections in connectionCounts {
        _ = try ingestBenchmark(programme, connections: connections)
    }
}
if chosen.contains("pgingest") {
    try postgresIngestBenchmark(programme, database: postgresURL, connections: chosenConnections ?? [1, 10, 100], runs: runs)
}
if wanted("backfill") { try backfillBenchmark() }
if wanted("locked") { try lockedStoreBenchmark(seconds: Double(ProcessInfo.processInfo.environment["LOCK_SECONDS"] ?? "60") ?? 60) }
if wanted("badflood") { try badFloodBenchmark() }
if wanted("drippers") { try drippersBenchmark() }
if wanted("rss") { try ingestMemoryBenchmark(connections: connectionCounts.count == 1 ? connectionCounts[0] : 1_000) }
if wanted("startup", "memory") {
    try startupBenchmark()
}
if wanted("idle") {
    try idleBenchmark()
}
peakMemoryReport()
