import Foundation

/// Finds the built `ecowatch` executable for end-to-end tests, in this order:
///
/// 1. `ECOWATCH_BIN`, when set (a release build, an installed binary);
/// 2. beside the test bundle: `swift test` runs the tests from the same bin folder
///    (`.build/debug` or `.build/release`) that holds the executable it built;
/// 3. `<package>/.build/debug/ecowatch`, the package root found by walking up from this
///    file to `Package.swift`.
///
/// `swift test` builds every target, the executable included, before it runs the tests.
enum EcoWatchBinary {
    static func url(filePath: String = #filePath) -> URL? {
        let fileManager = FileManager.default
        var candidates: [URL] = []
        if let explicit = ProcessInfo.processInfo.environment["ECOWATCH_BIN"], !explicit.isEmpty {
            candidates.append(URL(fileURLWithPath: explicit))
        }
        for bundle in Bundle.allBundles {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("ecowatch"))
        }
        if let root = packageRoot(from: filePath) {
            candidates.append(root.appendingPathComponent(".build/debug/ecowatch"))
        }
        return candidates.first { fileManager.isExecutableFile(atPath: $0.path) }
    }

    /// The folder holding `Package.swift`, walking up from `filePath`.
    static func packageRoot(from filePath: String = #filePath) -> URL? {
        var directory = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return directory
            }
            directory.deleteLastPathComponent()
        }
        return nil
    }
}
