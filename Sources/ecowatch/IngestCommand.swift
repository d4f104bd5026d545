import ArgumentParser
import Foundation
import Logging
import EcoWatchCore
import EcoWatchFeed

/// `ecowatch ingest`: the HJ 212-2017 receiver, until SIGINT or SIGTERM.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Receive HJ 212-2017 frames over TCP into the database.",
        discussion: """
            Frames are checked (length, CRC, MN and PW against the station registry, ST, CN) and \
            stored in group commits; a frame asking for a reply gets 9014 only after it is committed, \
            or 9011 with the reason it was refused. A station sending faster than the database \
            commits is slowed (its connection is not read), never refused. Refusals, dropped \
            connections and storage faults are logged on stderr. Ctrl-C or \
            SIGTERM stops accepting, commits what has arrived and prints a summary.

            Gaps are asked back: when a station's minute, hourly or daily records miss a period \
            (between two it sent, or since its newest record in the database when it connects), \
            the service sends it an HJ 212 history request (CN 2051/2061/2031, BeginTime/EndTime) \
            over its connection and stores the answer; one request at a time per station, at most \
            --gap-span records each, asked again after --gap-timeout s up to --gap-attempts times, \
            never further back than --gap-look-back days. `ecowatch report feed` shows them.
            """)

    @Option(name: .long, help: ArgumentHelp("Address and port to listen on (loopback by default).", valueName: "host:port"))
    var listen: String = "127.0.0.1:9212"

    @OptionGroup var store: StoreOptions

    @Option(name: .customLong("max-connections"), help: ArgumentHelp("Connections served at once.", valueName: "n"))
    var maxConnections: Int = 1024

    @Option(name: .customLong("max-per-address"), help: ArgumentHelp("Connections from one source address at once.", valueName: "n"))
    var maxPerAddress: Int = 64

    @Option(name: .customLong("idle-timeout"), help: ArgumentHelp("Seconds of silence before a connection is dropped.", valueName: "s"))
    var idleTimeout: Double = 60

    @Option(name: .customLong("frame-deadline"), help: ArgumentHelp("Seconds within which a frame begun must be complete.", valueName: "s"))
    var frameDeadline: Double = 10

    @Option(name: .customLong("bad-frame-limit"), help: ArgumentHelp("Bad frames in a row after which a peer is disconnected and turned away.", valueName: "n"))
    var badFrameLimit: Int = 20

    @Option(name: .customLong("hold-off"), help: ArgumentHelp("Seconds a peer disconnected for bad frames is turned away.", valueName: "s"))
    var holdOff: Double = 60

    @Option(name: .customLong("max-frame-length"), help: ArgumentHelp("Longest data segment accepted, in bytes (HJ 212-2017: 1024).", valueName: "n"))
    var maxFrameLength: Int = HJ212Frame.defaultMaxDataLength

    @Option(name: .customLong("alarm-raise-after"), help: ArgumentHelp("Seconds a condition must hold before its alarm is raised.", valueName: "s"))
    var alarmRaiseAfter: Int = 60

    @Option(name: .customLong("alarm-clear-after"), help: ArgumentHelp("Seconds an alarm's condition must be gone before it clears.", valueName: "s"))
    var alarmClearAfter: Int = 120

    @Option(name: .customLong("gap-span"), help: ArgumentHelp("Gaps: records asked for per history request at most.", valueName: "n"))
    var gapSpan: Int = 120

    @Option(name: .customLong("gap-timeout"), help: ArgumentHelp("Gaps: seconds to wait for a station's answer before asking again.", valueName: "s"))
    var gapTimeout: Double = 30

    @Option(name: .customLong("gap-attempts"), help: ArgumentHelp("Gaps: attempts per history request before it is given up.", valueName: "n"))
    var gapAttempts: Int = 3

    @Option(name: .customLong("gap-look-back"), help: ArgumentHelp("Gaps: days back from a gap's end that records are asked for.", valueName: "days"))
    var gapLookBack: Int = 7

    func validate() throws {
        _ = try parseHostPort(listen, option: "--listen")
        if !(1...1_000).contains(gapSpan) { throw ValidationError("--gap-span must be from 1 to 1000 records, not \(gapSpan)") }
        if !(gapTimeout > 0) { throw ValidationError("--gap-timeout must be a number of seconds above zero") }
        if !(1...10).contains(gapAttempts) { throw ValidationError("--gap-attempts must be from 1 to 10, not \(gapAttempts)") }
        if !(1...31).contains(gapLookBack) { throw ValidationError("--gap-look-back must be from 1 to 31 days, not \(gapLookBack)") }
        if alarmRaiseAfter < 0 { throw ValidationError("--alarm-raise-after must be a whole number of seconds, zero or more, not \(alarmRaiseAfter)") }
        if alarmClearAfter < 0 { throw ValidationError("--alarm-clear-after must be a whole number of seconds, zero or more, not \(alarmClearAfter)") }
        if maxConnections < 1 { throw ValidationError("--max-connections must be at least 1, not \(maxConnections)") }
        if maxPerAddress < 1 { throw ValidationError("--max-per-address must be at least 1, not \(maxPerAddress)") }
        if !(idleTimeout > 0) { throw ValidationError("--idle-timeout must be a number of seconds above zero") }
        if !(frameDeadline > 0) { throw ValidationError("--frame-deadline must be a number of seconds above zero") }
        if badFrameLimit < 1 { throw ValidationError("--bad-frame-limit must be at least 1, not \(badFrameLimit)") }
        if !(holdOff >= 0) { throw ValidationError("--hold-off must be a number of seconds, zero or more") }
        if !(64...9_999).contains(maxFrameLength) { throw ValidationError("--max-frame-length must be from 64 to 9999 bytes (the length field has 4 digits), not \(maxFrameLength)") }
    }

    func run() throws {
        let (host, port) = try parseHostPort(listen, option: "--listen")
        let location = try store.location()
        let database = try store.open()
        let stations = try database.loadProgramme().stations
        let configuration = IngestConfiguration(host: host, port: port, maxConnections: maxConnections,
                                                maxConnectionsPerAddress: maxPerAddress,
                                                maxDataLength: maxFrameLength, idleTimeout: idleTimeout,
                                                frameDeadline: frameDeadline, badFrameLimit: badFrameLimit,
                                                holdOffSeconds: holdOff, alarmRaiseAfter: Int64(alarmRaiseAfter),
                                                alarmClearAfter: Int64(alarmClearAfter), gapRecordsPerRequest: gapSpan,
                                                gapAnswerTimeout: gapTimeout, gapAttempts: gapAttempts,
                                                gapLookBackSeconds: Int64(gapLookBack) * 86_400)
        let logger = Logger(label: "ecowatch.ingest") { _ in LineLogHandler.standardError() }
        let service = IngestService(store: database, stations: stations, configuration: configuration, logger: logger)
        do { try service.start() } catch { throw CommandFailure(String(describing: error)) }
        print("listening on \(host):\(service.port), database \(location), \(stations.count) stations registered")
        fflush(nil)
        waitForTerminationSignal()
        FileHandle.standardError.write(Data("ecowatch: stopping: committing what has arrived\n".utf8))
        service.stop()
        print("ingest stopped: " + service.summary.line)
    }
}

/// Blocks until SIGINT or SIGTERM arrives.
func waitForTerminationSignal() {
    let done = DispatchSemaphore(value: 0)
    var sources: [any DispatchSourceSignal] = []
    for number in [SIGINT, SIGTERM] {
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        source.setEventHandler { done.signal() }
        source.resume()
        sources.append(source)
    }
    done.wait()
    for source in sources { source.cancel() }
}

/// `host:port`, with the port from 0 to 65535 (IPv6 hosts in brackets: `[::1]:9212`).
func parseHostPort(_ text: String, option: String) throws -> (String, Int) {
    guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
        throw ValidationError("\(option) \"\(text)\" is not HOST:PORT, e.g. 127.0.0.1:9212")
    }
    var host = String(text[..<colon])
    if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
    guard !host.isEmpty else { throw ValidationError("\(option) \"\(text)\" has no host, e.g. 127.0.0.1:9212") }
    return (host, port)
}
