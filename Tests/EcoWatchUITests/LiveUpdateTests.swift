import Foundation
import Testing
import EcoWatchCore
@testable import EcoWatchUI

/// The live path as the console runs it: another connection commits readings, the console's
/// connection sees its change token move, re-reads the live snapshot, and the screens follow.
@Suite struct LiveUpdateTests {
    @Test func aCommittedReadingReachesTheStationsScreen() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ecowatch-live-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let console = try SQLiteStore(path: path)
        try console.replaceProgramme(sampleProgramme)
        let ingest = try SQLiteStore(path: path)
        let station = try #require(sampleProgramme.stations.first { $0.kind == .air && $0.particleScale == 1 })
        let now = Int64(Date().timeIntervalSince1970)

        var app = state(asOf: "2026-11-29", size: (200, 40), route: .stations(district: nil))
        app.live = try LiveSnapshot.read(from: console, programme: sampleProgramme, now: now)
        let before = try console.changeToken()
        #expect(!render(app).plainText.contains("AQI 210"))

        // PM2.5 at 160 µg/m³: IAQI (300−200)/(250−150)·(160−150)+200 = 210, heavily polluted.
        _ = try ingest.ingest([IngestFrame(mn: station.mn, qn: "20261129120000000", dataType: 2011, readings: [
            Reading(mn: station.mn, code: "a34004", time: now, dataType: 2011, value: 160, flag: .normal),
            Reading(mn: station.mn, code: "a34002", time: now, dataType: 2011, value: 90, flag: .normal),
            Reading(mn: station.mn, code: "a21026", time: now, dataType: 2011, value: 12, flag: .fault),
        ])])
        #expect(try console.changeToken() != before)

        _ = reduce(&app, .liveUpdated(try LiveSnapshot.read(from: console, programme: sampleProgramme, now: now + 1)))
        let status = try #require(app.live?.status(mn: station.mn))
        #expect(status.airQuality?.aqi == .value(210))
        #expect(status.airQuality?.category == .heavy)
        #expect(status.airQuality?.primaryPollutants == [.pm25])
        #expect(status.flags == ["a21026": .fault])     // a faulty value is shown, and does not count
        #expect(!status.stale)
        let screen = render(app).plainText
        #expect(screen.contains("AQI 210"))
        #expect(screen.contains("Heavily polluted · PM2.5"))
        #expect(screen.contains("SO2:D"))
        #expect(screen.contains("live 1/45"))
    }
}
