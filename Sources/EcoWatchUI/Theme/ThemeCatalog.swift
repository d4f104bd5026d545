import Foundation

/// Where themes are found: directories searched in order, the user's first, then the bundled
/// `themes/`. A theme's name is its file's name without `.toml`.
public struct ThemeCatalog: Hashable, Sendable {
    public var directories: [String]

    public init(directories: [String]) {
        self.directories = directories
    }

    /// The user's theme directory (`$XDG_CONFIG_HOME/ecowatch/themes`, by default
    /// `~/.config/ecowatch/themes`) followed by `bundled`.
    public static func standard(environment: [String: String], bundled: String) -> ThemeCatalog {
        var config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
        if config == nil, let home = environment["HOME"], !home.isEmpty { config = home + "/.config" }
        return ThemeCatalog(directories: (config.map { [$0 + "/ecowatch/themes"] } ?? []) + [bundled])
    }

    /// The names of every theme in the directories, sorted, each once.
    public func availableNames() -> [String] {
        var names = Set<String>()
        for directory in directories {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for file in files where file.hasSuffix(".toml") { names.insert(String(file.dropLast(5))) }
        }
        return names.sorted()
    }

    /// The path of the theme called `name` (or `name` itself when it is a path to a `.toml`).
    ///
    /// - Throws: `ThemeError` listing the available names and where it looked.
    public func path(of name: String) throws(ThemeError) -> String {
        if name.hasSuffix(".toml") || name.contains("/") {
            guard FileManager.default.fileExists(atPath: name) else {
                throw ThemeError(message: "no theme file \(name)")
            }
            return name
        }
        for directory in directories {
            let candidate = directory + "/" + name + ".toml"
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
        }
        let available = availableNames()
        throw ThemeError(message: "no theme named \"\(name)\" (available: "
                         + (available.isEmpty ? "none" : available.joined(separator: ", "))
                         + "; looked in " + directories.joined(separator: ", ") + ")")
    }
}
