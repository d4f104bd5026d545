import Foundation
import EcoWatchUI

/// Finds and loads themes by name: the user's folder first, then the bundled one.
enum ThemeSetup {
    static var catalog: ThemeCatalog {
        ThemeCatalog(directories: [Locations.userThemes()] + (Locations.bundledThemes().map { [$0] } ?? []))
    }

    /// The theme named `name`; a missing slot falls back to the default's (reported once on stderr).
    static func load(name: String, reportMissing: Bool = true) throws -> Theme {
        let path = try catalog.path(of: name)
        let loaded = try Theme.load(contentsOf: path)
        if reportMissing, !loaded.missingSlots.isEmpty {
            FileHandle.standardError.write(Data("ecowatch: \(path): no colour for \(loaded.missingSlots.map(\.rawValue).joined(separator: ", ")); using the default theme's\n".utf8))
        }
        return loaded.theme
    }

    /// Every theme name available, for cycling with `t`.
    static func names() -> [String] { catalog.availableNames() }
}
