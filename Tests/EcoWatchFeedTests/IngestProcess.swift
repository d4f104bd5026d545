import Foundation
import EcoWatchCore
@testable import EcoWatchFeed

/// A real `ecowatch ingest` on a fresh database in its own temporary folder, on a free loopback
/// port, run as an ordinary user: when the tests run as root it is started through
/// `setpriv --reuid=65534 --regid=65534 --clear-groups`, with the folder and database given to
/// that user.
final class IngestProcess {
    static let nobody: UInt32 = 65534
    static let air = IngestServiceTests.air
    static let other = Station(mn: "330200A0000000F1", pw: "654321", name: LocalizedText(zh: "二号站", en: "Second"),
                               districtID: "haishu", kind: .air, targetClass: nil, codes: ["a34004"],
                               intervalSeconds: 60, codeAliases: [:], particleScale: 1)

    /// Whether the real binary can be run (and, as root, dropped to an ordinary user).
    static var available: Bool {
        EcoWatchExecutable.url() != nil && (getuid() != 0 || FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"))
    }

    let folder: String
    let database: String
    let process = Process()
    let port: Int
    private let stderrPath: String

    /// Starts it with `arguments` after `--listen` and `--db`; on `sharing`'s database (another
    /// node of the same network) when given, else on a new one holding `stations`.
    init(_ arguments: [String] = [], stations: [Station] = [IngestProcess.air, IngestProcess.other],
         sharing other: IngestProcess? = nil) throws {
        let executable = EcoWatchExecutable.url()!
        if let other {
            folder = other.folder
            database = other.database
        } else {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecowatch-ingest-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false,
                                                    attributes: [.posixPermissions: 0o777])
            database = folder + "/ecowatch.sqlite"
            let store = try SQLiteStore(path: database)
            let district = District(id: "haishu", name: LocalizedText(zh: "海曙区", en: "Haishu"), kind: .district,
                                    parentID: nil, coastal: false, population: 1, areaKm2: 1)
            try store.replaceProgramme(Programme(districts: [district], indicators: [], observations: [], tasks: [],
                                                 events: [], stations: stations))
        }
        stderrPath = folder + "/stderr-\(UUID().uuidString)"
        FileManager.default.createFile(atPath: stderrPath, contents: nil)
        let asRoot = getuid() == 0
        if asRoot {
            for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
                chown(folder + "/" + name, Self.nobody, Self.nobody)
            }
            chown(folder, Self.nobody, Self.nobody)
        }
        let command = [executable.path, "ingest", "--listen", "127.0.0.1:0", "--db", database] + arguments
        if asRoot {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=\(Self.nobody)", "--regid=\(Self.nobody)", "--clear-groups"] + command
        } else {
            process.executableURL = executable
            process.arguments = Array(command.dropFirst())
        }
        port = try Self.launch(process, stderrPath: stderrPath)
    }

    /// Runs an `ecowatch ingest` process set up to listen on port 0, its standard error to
    /// `stderrPath`, and returns the port its first line ("listening on 127.0.0.1:PORT, …") names.
    static func launch(_ process: Process, stderrPath: String) throws -> Int {
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        try process.run()
        var text = ""
        while !text.contains("\n") {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
        }
        guard let range = text.range(of: #"listening on 127\.0\.0\.1:(\d+)"#, options: .regularExpression),
              let port = Int(text[range].split(separator: ":").last ?? "") else {
            process.terminate()
            throw IngestServiceError(message: "ecowatch ingest did not start: \(text) \((try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "")")
        }
        return port
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: folder)
    }

    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// The real user id the running service has (from /proc).
    var uid: UInt32? {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Uid:") }) else { return nil }
        return line.split(whereSeparator: { $0 == "\t" || $0 == " " }).dropFirst().first.flatMap { UInt32($0) }
    }

    /// Resident memory of the service in KiB (from /proc).
    var residentKiB: Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return nil }
        return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }
    }

    func client(from source: String? = nil, sendBuffer: Int? = nil) throws -> HJ212Client {
        try HJ212Client(host: "127.0.0.1", port: port, from: source, sendBuffer: sendBuffer)
    }

    /// SIGTERM, then waits for the summary; the exit status.
    @discardableResult
    func stop() -> Int32 {
        process.terminate()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// One value from the database (sqlite3, read only).
    func query(_ sql: String) throws -> String {
        try CrashSafetyTests.sqlite(database, sql)
    }

    /// Waits (at most `seconds`, looking `every` so often) until `condition` holds; whether it did.
    static func wait(seconds: Double, every pause: Double = 0.02, until condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: pause)
        }
        return try condition()
    }

    /// A data frame of `station`: CN `cn`, one record at `time` (China time), QN from `n`.
    static func record(_ station: Station, n: Int, time: Int64, cn: DataCommand = .minute,
                       wantsReply: Bool = true, value: Double = 35, qn: String? = nil) throws -> [UInt8] {
        let qn = qn ?? epochToChinaTime(time) + String(format: "%03d", n % 1000)
        let pollutant = cn == .realTime ? HJ212Pollutant(name: "a34004", rtd: value, flag: "N")
                                        : HJ212Pollutant(name: "a34004", avg: value, flag: "N")
        let packet = HJ212Packet(qn: qn, st: 22, cn: cn, pw: station.pw, mn: station.mn,
                                 flag: HJ212Flag(wantsReply: wantsReply),
                                 cp: HJ212CP(dataTime: epochToChinaTime(time), pollutants: [pollutant]))
        return try packet.frame()
    }

    /// `bytes` with one CRC digit changed.
    static func damaged(_ bytes: [UInt8]) -> [UInt8] {
        var bytes = bytes
        let at = bytes.count - 3
        bytes[at] = bytes[at] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        return bytes
    }
}
