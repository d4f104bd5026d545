import EcoWatchCore
import Foundation
import Testing

/// The bulk load of `EcoWatchStore` (`ecowatch generate`), against every back end.
@Suite struct BulkLoadContractTests {
    /// 2024-01-31 16:00 UTC is 2024-02-01 00:00 in Beijing: a new local day and month.
    static let monthTurn: Int64 = 1_706_716_800

    /// A generated history of three stations over three days around a Beijing month turn.
    static func history() -> (stations: [Station], plan: GenerationPlan) {
        let programme = Programme(districts: [], indicators: [], observations: [], tasks: [], events: [], stations: [])
        let plan = GenerationPlan(syntheticStations: 3, end: monthTurn + 36 * 3600, span: 3 * 86_400, interval: 3600, seed: 11)
        return (HistoryGenerator.syntheticStations(count: 3, programme: programme, interval: plan.interval), plan)
    }

    /// Chunks that cut hours, days and the month in two: each chunk's roll-ups add to the last.
    @Test(arguments: StoreBackend.allCases)
    func aBulkLoadKeepsTheRollUpsAndLatestValuesOfEveryReading(backend: StoreBackend) throws {
        let database = try backend.makeDatabase()
        defer { database.remove() }
        let (stations, plan) = Self.history()
        let readings = Array(HistoryChunks(stations: stations, plan: plan, chunkRows: 1_000_000).joined())
        #expect(readings.count == HistoryGenerator.rowCount(stations: stations, plan: plan))
        #expect(readings.contains { !$0.flag.countsTowardStatistics })
        var steps: [BulkLoadProgress] = []
        let stored = try database.open().bulkLoad(HistoryChunks(stations: stations, plan: plan, chunkRows: 97), replacing: false) {
            steps.append($0)
        }
        #expect(stored == readings.count)
        let chunks = Array(HistoryChunks(stations: stations, plan: plan, chunkRows: 97)).count
        #expect(chunks > 10)
        #expect(steps.count == chunks + 1)
        #expect(steps.last == .finishing)
        #expect(steps.dropLast().last == .stored(readings: readings.count))

        var expected = RollupBatch()
        for reading in readings { expected.add(reading) }
        let store = try database.open()
        var points = 0
        for station in stations {
            for code in station.codes {
                for grain in RollupGrain.allCases {
                    let want = expected.periods.filter { $0.key.grain == grain && $0.key.mn == station.mn && $0.key.code == code }
                        .sorted { $0.key.start < $1.key.start }
                    let got = try store.series(mn: station.mn, code: code, grain: grain, from: 0, to: Self.monthTurn * 2)
                    #expect(got.map(\.start) == want.map(\.key.start), "\(station.mn) \(code) \(grain)")
                    #expect(got.map(\.count) == want.map(\.value.n), "\(station.mn) \(code) \(grain)")
                    #expect(got.map(\.low) == want.map(\.value.low), "\(station.mn) \(code) \(grain)")
                    #expect(got.map(\.high) == want.map(\.value.high), "\(station.mn) \(code) \(grain)")
                    for (point, w) in zip(got, want) {
                        #expect(abs(point.mean * Double(point.count) - w.value.total) < 1e-6, "\(station.mn) \(code) \(grain)")
                    }
                    points += got.count
                }
            }
        }
        #expect(points > 0)
        let latest = try store.latestValues()
        for station in stations {
            let newest = readings.filter { $0.mn == station.mn && $0.time == plan.end }
            #expect(latest[station.mn] == newest.sorted { $0.code < $1.code }.map {
                LatestValue(code: $0.code, value: $0.value, flag: $0.flag, time: $0.time, dataType: $0.dataType)
            })
        }
        // Where each station stands for the gaps since it was last seen.
        #expect(try stations.map { try store.recordTimes(mn: $0.mn) } == stations.map { _ in [.hourly: plan.end] })
        // The records are stored as any others: sent again by a station, each is a duplicate.
        let again = readings.filter { $0.mn == stations[0].mn && $0.time == plan.firstTime }
        #expect(try store.ingest([IngestFrame(mn: stations[0].mn, qn: "1", dataType: .hourly, readings: again)]) == [.duplicate])
    }

    @Test(arguments: StoreBackend.allCases)
    func aBulkLoadRefusesADatabaseHoldingReadingsUnlessItReplacesThem(backend: StoreBackend) throws {
        let database = try backend.makeDatabase()
        defer { database.remove() }
        let store = try database.open()
        let old = Reading(mn: "M1", code: "a34004", time: 1000, dataType: .realTime, value: 12, flag: .normal)
        _ = try store.ingest([IngestFrame(mn: "M1", qn: "1", dataType: .realTime, readings: [old])])
        _ = try store.raiseAlarm(NewAlarm(mn: "M1", rule: .aqi, started: 1000, amount: 160))
        let new = Reading(mn: "M2", code: "a34004", time: 2000, dataType: .realTime, value: 30, flag: .normal)
        #expect { try store.bulkLoad([[new]], replacing: false) { _ in } } throws: { error in
            guard case .holdsReadings = error as? StoreError else { return false }
            return true
        }
        #expect(try store.latestValues().keys.sorted() == ["M1"])
        #expect(try store.bulkLoad([[new]], replacing: true) { _ in } == 1)
        let reopened = try database.open()
        #expect(try reopened.latestValues().keys.sorted() == ["M2"])
        #expect(try reopened.series(mn: "M1", code: "a34004", grain: .hour, from: 0, to: 10_000).isEmpty)
        #expect(try reopened.series(mn: "M2", code: "a34004", grain: .hour, from: 0, to: 10_000).map(\.count) == [1])
        #expect(try reopened.alarms(includeClosed: true, limit: 10).isEmpty)
        #expect(try reopened.feedCounts() == FeedCounts())
    }

    @Test(arguments: StoreBackend.allCases)
    func aRecordGivenTwiceFailsTheBulkLoad(backend: StoreBackend) throws {
        let database = try backend.makeDatabase()
        defer { database.remove() }
        let store = try database.open()
        let r = Reading(mn: "M1", code: "a34004", time: 1000, dataType: .realTime, value: 12, flag: .normal)
        let other = Reading(mn: "M1", code: "a34004", time: 1060, dataType: .realTime, value: 13, flag: .normal)
        #expect(throws: StoreError.self) { try store.bulkLoad([[r, other], [r]], replacing: false) { _ in } }
    }
}
