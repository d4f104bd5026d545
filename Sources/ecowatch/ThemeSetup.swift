import Foundation
import EcoWatchUI

/// Finds and loads themes by name: the user's folder first, then the bundled one.
enum ThemeSetup {
    static var catalog: ThemeCatalog {
        ThemeCatalog(directories: [Locations.userThemes()] + (Locations.bundledThemes().map { [$0] } ?? []))
    }

    /// The theme named `name`, with the slots it leaves to the default theme's colours.
    static func loaded(name: String) throws -> LoadedTheme {
        try Theme.load(contentsOf: try catalog.path(of: name))
    }

    /// The theme named `name` before the console starts; its missing slots are reported on stderr
    /// (in the console, the footer says it, once per theme).
    static func load(name: String) throws -> Theme {
        let path = try catalog.path(of: name)
        let loaded = try Theme.load(contentsOf: path)
        if !loaded.missingSlots.isEmpty {
            FileHandle.standardError.write(Data("ecowatch: \(path): no colour for \(loaded.missingSlots.map(\.rawValue).joined(separator: ", ")); using the default theme's\n".utf8))
        }
        return loaded.theme
    }

    /// Every theme name available, for cycling with `t`.
    static func names() -> [String] { catalog.availableNames() }
}
