import ArgumentParser
import Foundation
import EcoWatchCore
import EcoWatchFeed

/// `ecowatch simulate`: realistic station traffic against an ingest service.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Send realistic HJ 212-2017 traffic for the registered stations and check the replies.",
        discussion: """
            Each station sends CN 2011 real-time frames (Flag=5, reply wanted) on its own connection, \
            with daily and seasonal shapes, occasional pollution episodes and outages, flags other than N \
            now and then, and the station's own pollutant names and units. The registry is read from the \
            database. Prints what was acknowledged, refused and left unanswered. A frame whose \
            connection is lost before its answer is sent again over a new connection (at most twice); with several \
            --to addresses, a station that cannot connect to its node moves to the next (a station logger \
            given the addresses of several ingest nodes).

            With --records minute, hour or day, each station sends CN 2051, 2061 or 2031 records of \
            consecutive periods (every max(period, the station's interval) seconds): the last --periods of \
            them as fast as --rate allows, then each as it closes. Now and then a station skips a period \
            (--outages, the share of periods skipped); it keeps what it generated and answers the \
            service's history requests from it (9011, the records under the request's QN, 9012).
            """)

    @Option(name: .long, help: ArgumentHelp("The ingest service; with several, comma-separated, a station that cannot connect to one moves to the next.", valueName: "host:port[,host:port…]"))
    var to: String = "127.0.0.1:9212"

    @Option(name: .long, help: ArgumentHelp("Frames per second over all stations (real-time frames: at most one per station a second, each stamped with its own second).", valueName: "n"))
    var rate: Double = 20

    @Option(name: .long, help: ArgumentHelp("Stations to simulate: MNs, comma-separated, or all.", valueName: "MN,MN|all"))
    var stations: String = "all"

    @Option(name: .long, help: ArgumentHelp("Seconds to run (default: until Ctrl-C).", valueName: "s"))
    var duration: Double?

    @Option(name: .long, help: ArgumentHelp("Seed for the random shapes: the same seed, the same traffic.", valueName: "n"))
    var seed: UInt64 = 212

    @Option(name: .long, help: ArgumentHelp("What the stations send: realtime (CN 2011), or minute, hour or day records (2051, 2061, 2031).", valueName: "kind"))
    var records: String = "realtime"

    @Option(name: .long, help: ArgumentHelp("Records: how many past periods each station sends first.", valueName: "n"))
    var periods: Int = 60

    @Option(name: .long, help: ArgumentHelp("Records: the share of periods a station skips (0 to 1).", valueName: "share"))
    var outages: Double = 0.05

    @OptionGroup var store: StoreOptions

    static let recordKinds: [String: DataCommand] = ["realtime": .realTime, "minute": .minute, "hour": .hourly, "day": .daily]

    func validate() throws {
        _ = try Self.addresses(to)
        if !(rate > 0) { throw ValidationError("--rate must be above zero frames per second") }
        if let duration, !(duration > 0) { throw ValidationError("--duration must be above zero seconds") }
        if Self.recordKinds[records] == nil { throw ValidationError("--records \"\(records)\" is not one of realtime, minute, hour, day") }
        if !(1...100_000).contains(periods) { throw ValidationError("--periods must be from 1 to 100000, not \(periods)") }
        if !(0...1).contains(outages) { throw ValidationError("--outages must be a share from 0 to 1, not \(outages)") }
    }

    func run() throws {
        let addresses = try Self.addresses(to)
        let (host, port) = addresses[0]
        let registry = try store.openForReading().loadProgramme().stations
        let chosen = try Self.select(stations, from: registry)
        let simulator = StationSimulator(stations: chosen, options: .init(host: host, port: port, rate: rate,
                                                                          duration: duration, seed: seed,
                                                                          cn: Self.recordKinds[records] ?? .realTime,
                                                                          periods: periods, outageRate: outages,
                                                                          fallbacks: Array(addresses.dropFirst())))
        print("simulating \(chosen.count) stations at \(rate) frames/s to \(to)"
              + (duration.map { " for \(Int($0)) s" } ?? " until Ctrl-C"))
        fflush(nil)
        if duration == nil {
            DispatchQueue.global().async {
                waitForTerminationSignal()
                simulator.stop()
            }
        }
        let summary = simulator.run()
        print(summary.line)
        if summary.sent > 0, summary.acknowledged == 0 {
            throw CommandFailure("no frame was acknowledged by \(to): is `ecowatch ingest` running on the same registry?")
        }
    }

    /// `--to`: one HOST:PORT or several, comma-separated.
    static func addresses(_ text: String) throws -> [(host: String, port: Int)] {
        try text.split(separator: ",", omittingEmptySubsequences: false).map {
            try parseHostPort($0.trimmingCharacters(in: .whitespaces), option: "--to")
        }
    }

    /// `all`, or the listed MNs (each must be registered).
    static func select(_ text: String, from registry: [Station]) throws -> [Station] {
        if text == "all" { return registry }
        return try text.split(separator: ",").map { item in
            let mn = item.trimmingCharacters(in: .whitespaces)
            guard let station = registry.first(where: { $0.mn == mn }) else {
                throw ValidationError("--stations: \(mn) is not a registered station (see `ecowatch report stations`)")
            }
            return station
        }
    }
}
