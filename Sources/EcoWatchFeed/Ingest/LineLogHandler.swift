import Foundation
import Logging

/// A swift-log handler that writes each message as one line, `time level message key=value…`
/// (`2026-12-01T18:30:00Z warning refused crc: … peer=127.0.0.1:40312 reason=crc`), to `write`:
/// stderr for `ecowatch ingest`, a file for the demo, a list in tests.
public struct LineLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    private let write: @Sendable (String) -> Void

    public init(level: Logger.Level = .info, write: @escaping @Sendable (String) -> Void) {
        self.logLevel = level
        self.write = write
    }

    /// Lines on standard error.
    public static func standardError(level: Logger.Level = .info) -> LineLogHandler {
        LineLogHandler(level: level) { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line = Date().formatted(.iso8601) + " \(event.level) \(event.message)"
        let all = metadata.merging(event.metadata ?? [:]) { _, new in new }
        for (key, value) in all.sorted(by: { $0.key < $1.key }) { line += " \(key)=\(value)" }
        write(line)
    }
}
