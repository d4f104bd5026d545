// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "EcoWatch",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "ecowatch", targets: ["ecowatch"]),
        .library(name: "EcoWatchCore", targets: ["EcoWatchCore"]),
        .library(name: "EcoWatchFeed", targets: ["EcoWatchFeed"]),
        .library(name: "EcoWatchPostgres", targets: ["EcoWatchPostgres"]),
        .library(name: "EcoWatchUI", targets: ["EcoWatchUI"]),
        .library(name: "EcoWatchTerminal", targets: ["EcoWatchTerminal"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .target(
            name: "EcoWatchCore",
            dependencies: [.product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "EcoWatchFeed",
            dependencies: [
                "EcoWatchCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "DequeModule", package: "swift-collections"),
            ]
        ),
        .target(
            name: "EcoWatchPostgres",
            dependencies: ["EcoWatchCore", .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        .target(name: "EcoWatchUI", dependencies: ["EcoWatchCore"]),
        .systemLibrary(
            name: "CNcursesw",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        .target(name: "EcoWatchTerminal", dependencies: ["EcoWatchCore", "EcoWatchUI", "CNcursesw"]),
        .executableTarget(
            name: "ecowatch",
            dependencies: [
                "EcoWatchCore", "EcoWatchFeed", "EcoWatchPostgres", "EcoWatchUI", "EcoWatchTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "EcoWatchCoreTests", dependencies: ["EcoWatchCore"]),
        .testTarget(name: "EcoWatchFeedTests", dependencies: ["EcoWatchFeed", .product(name: "NIOEmbedded", package: "swift-nio")]),
        // A private PostgreSQL server for the tests that need one (started by the tests themselves).
        .target(name: "PostgresTestSupport", path: "Tests/PostgresTestSupport"),
        .testTarget(name: "EcoWatchStoreTests", dependencies: [
            "EcoWatchCore", "EcoWatchPostgres", "PostgresTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "EcoWatchUITests", dependencies: ["EcoWatchUI"]),
        .testTarget(name: "EcoWatchTerminalTests", dependencies: [
            "EcoWatchTerminal", "EcoWatchCore", "EcoWatchUI", "EcoWatchPostgres", "PostgresTestSupport",
        ]),
        .testTarget(name: "EndToEndTests", dependencies: [
            "EcoWatchCore", "EcoWatchFeed", "EcoWatchPostgres", "PostgresTestSupport",
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        ]),
    ]
)
