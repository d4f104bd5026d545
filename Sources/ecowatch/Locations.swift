import Foundation
import EcoWatchCore

/// Where EcoWatch finds its database, data set and themes (DESIGN.md, "Where things live").
enum Locations {
    /// `--db`, else `$ECOWATCH_DB`, else `$XDG_DATA_HOME/ecowatch/ecowatch.sqlite`, else
    /// `~/.local/share/ecowatch/ecowatch.sqlite`: a file path or a `postgresql://` URL.
    static func database(_ option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let option { return option }
        if let variable = environment["ECOWATCH_DB"], !variable.isEmpty { return variable }
        let base = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        return base + "/ecowatch/ecowatch.sqlite"
    }

    /// `database(option)`, with the default's folder created when missing. A folder named by
    /// `--db` is never created: a path in a folder that does not exist is refused by the store.
    static func preparedDatabase(_ option: String?) throws -> String {
        let path = database(option)
        guard option == nil else { return path }
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw CommandFailure("cannot create the folder \(folder) for the default database: \(error.localizedDescription); give --db PATH")
        }
        return path
    }

    /// `--data`, else `./sample-data`, else the `sample-data` of the package the executable was built in.
    static func dataDirectory(_ option: String?) throws -> String {
        if let option { return option }
        if FileManager.default.fileExists(atPath: "sample-data/districts.csv") { return "sample-data" }
        if let root = packageRoot(), FileManager.default.fileExists(atPath: root + "/sample-data/districts.csv") {
            return root + "/sample-data"
        }
        throw CommandFailure("cannot find the sample data: no ./sample-data and none beside the executable; give --data DIR")
    }

    /// The bundled `themes` folder: `./themes`, else the one in the executable's package.
    static func bundledThemes() -> String? {
        if FileManager.default.fileExists(atPath: "themes/default.toml") { return "themes" }
        if let root = packageRoot(), FileManager.default.fileExists(atPath: root + "/themes/default.toml") {
            return root + "/themes"
        }
        return nil
    }

    /// `$XDG_CONFIG_HOME/ecowatch/themes`, else `~/.config/ecowatch/themes`.
    static func userThemes(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        return base + "/ecowatch/themes"
    }

    /// The package folder holding the executable (`<root>/.build/<config>/ecowatch`), found by
    /// walking up from the executable; else the folder this source file was compiled from.
    static func packageRoot() -> String? {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
            url.deleteLastPathComponent()
        }
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return FileManager.default.fileExists(atPath: source.appendingPathComponent("Package.swift").path) ? source.path : nil
    }
}

/// A command that cannot do its job: one line on stderr, exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
