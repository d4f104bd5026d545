import Foundation

/// Finds the built `ecowatch` executable for the tests that run it as a child process:
/// `ECOWATCH_BIN` when set, else beside the test bundle (`swift test` runs from the bin folder
/// that holds it), else `<package>/.build/debug/ecowatch`, the package found by walking up
/// from this file to `Package.swift`.
enum EcoWatchExecutable {
    static func url(filePath: String = #filePath) -> URL? {
        var candidates: [URL] = []
        if let explicit = ProcessInfo.processInfo.environment["ECOWATCH_BIN"], !explicit.isEmpty {
            candidates.append(URL(fileURLWithPath: explicit))
        }
        for bundle in Bundle.allBundles {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("ecowatch"))
        }
        var directory = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                candidates.append(directory.appendingPathComponent(".build/debug/ecowatch"))
                break
            }
            directory.deleteLastPathComponent()
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
