// swift-tools-version: 6.0
import PackageDescription

// Benchmarks live in their own package so that `swift test` stays quick.
// Run: swift run -c release --package-path Benchmarks ecowatch-bench [name …]
let package = Package(
    name: "EcoWatchBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "EcoWatch", path: ".."),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .executableTarget(
            name: "ecowatch-bench",
            dependencies: [
                .product(name: "EcoWatchCore", package: "EcoWatch"),
                .product(name: "EcoWatchUI", package: "EcoWatch"),
                .product(name: "EcoWatchFeed", package: "EcoWatch"),
                .product(name: "EcoWatchTerminal", package: "EcoWatch"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
    ]
)
