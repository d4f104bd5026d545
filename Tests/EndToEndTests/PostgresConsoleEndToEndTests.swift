import Foundation
import Testing
import EcoWatchCore
import EcoWatchPostgres
import PostgresTestSupport

/// The console on a PostgreSQL server of its own that goes away and comes back: the header says
/// so, the keys go on working meanwhile, and when the server returns the header clears and a
/// reading committed meanwhile shows.
@Suite("console on PostgreSQL end to end", .enabled(if: Tmux.isInstalled, "tmux is not installed"), .serialized)
struct PostgresConsoleEndToEndTests {
    static func header(_ screen: String) -> String { screen.split(separator: "\n").first.map(String.init) ?? "" }

    /// A reading of the first air station, now, through the store as ingest commits it; retried
    /// while the server is still starting.
    static func commitReading(url: String, mn: String, pm25: Double) throws {
        let deadline = Date().addingTimeInterval(30)
        while true {
            do {
                let store = try PostgresStore(address: try PostgresAddress(url: url), timeoutSeconds: 3)
                let now = Int64(Date().timeIntervalSince1970)
                _ = try store.ingest([IngestFrame(mn: mn, qn: "\(now)000", dataType: .realTime, readings: [
                    Reading(mn: mn, code: "a34004", time: now, dataType: .realTime, value: pm25, flag: .normal),
                ])])
                return
            } catch StoreError.unreachable where Date() < deadline {
                Thread.sleep(forTimeInterval: 0.2)
            }
        }
    }

    @Test(arguments: [(80, 24, "en"), (200, 60, "zh")])
    func aServerThatGoesAwayIsSaidAndItsReturnShowsWhatCameMeanwhile(width: Int, height: Int, language: String) throws {
        let binary = try #require(EcoWatchBinary.url(), "build the executable first (swift build)")
        let root = try #require(EcoWatchBinary.packageRoot())
        let data = root.appendingPathComponent("sample-data")
        let programme = try DataSetLoader.load(directory: data, displayPath: "sample-data")
        let station = try #require(programme.stations.first { $0.kind == .air })
        let server = try PostgresTestServer.own()
        defer { server.stop() }
        let (_, url) = try server.makeDatabase()
        let en = language == "en"
        let live = en ? "live 0/\(programme.stations.count)" : "在线 0/\(programme.stations.count)"
        let unreachable = en ? "⚠ database unreachable since " : "⚠ 数据库连接中断 自"

        // The console fills the new database from the sample data on first use.
        let tmux = try Tmux(width: width, height: height, command: [binary.path, "--db", url, "--data", data.path, "--lang", language])
        defer { tmux.kill() }
        try tmux.waitUntil("the console on PostgreSQL", timeout: 60) { Self.header($0).contains(live) }

        try server.pause()
        let gone = try tmux.waitUntil("the header to say the server is unreachable", timeout: 30) { Self.header($0).contains(unreachable) }
        #expect(!Self.header(gone).contains(live), "the live count of the last read is not shown meanwhile")
        // The keys go on working meanwhile: help, and the stations list (waits as generous as the
        // others': a loaded CI machine, not the console, sets how soon the screen shows them).
        try tmux.sendKeys("?")
        try tmux.waitFor(en ? "Esc or any key closes" : "Esc 或任意键关闭", timeout: 30)
        try tmux.sendKeys("Escape")
        try tmux.sendKeys("s")
        let stations = try tmux.waitFor(station.name[en ? .en : .zh], timeout: 30)
        #expect(Self.header(stations).contains(unreachable))

        try server.resume()
        try Self.commitReading(url: url, mn: station.mn, pm25: 37)
        let back = try tmux.waitUntil("the header to clear and the reading to show", timeout: 30) { screen in
            let header = Self.header(screen)
            return !header.contains("⚠") && header.contains(en ? "live 1/" : "在线 1/")
        }
        let row = back.split(separator: "\n").first { $0.contains(station.name[en ? .en : .zh]) }.map(String.init) ?? ""
        #expect(row.contains("37"), "\(row)")
        try tmux.sendKeys("q")
        #expect(try tmux.waitForExit() == 0)
    }
}
