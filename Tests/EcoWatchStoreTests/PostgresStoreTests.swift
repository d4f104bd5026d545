import EcoWatchCore
import EcoWatchPostgres
import Foundation
import PostgresTestSupport
import Testing

/// What only the PostgreSQL back end has: its address, refusing what is not its database,
/// and many nodes writing one database at once.
@Suite struct PostgresStoreTests {
    static func frame(_ mn: String, _ qn: String, _ time: Int64, _ value: Double) -> IngestFrame {
        IngestFrame(mn: mn, qn: qn, dataType: .realTime, readings: [Reading(mn: mn, code: "a34004", time: time, dataType: .realTime, value: value, flag: .normal)])
    }

    @Test func addressesParseAndNeverShowThePassword() throws {
        let address = try PostgresAddress(url: "postgresql://ops:p%40ss@db.example:6543/ecowatch?sslmode=require")
        #expect(address == PostgresAddress(user: "ops", password: "p@ss", host: "db.example", port: 6543, database: "ecowatch", tls: .require))
        #expect(address.description == "postgresql://ops@db.example:6543/ecowatch")
        #expect(try PostgresAddress(url: "postgres://ops@[::1]/ew").host == "::1")
        #expect(try PostgresAddress(url: "postgres://ops@localhost/ew").port == 5432)
        #expect(PostgresAddress.looksLikeURL("mysql://x@y/z"))
        #expect(!PostgresAddress.looksLikeURL("./data/ecowatch.sqlite"))
        #expect(!PostgresAddress.looksLikeURL("/tmp/a://b"))
        for bad in ["postgresql://host/db", "postgresql://u:secret@/db", "postgresql://u:secret@h", "postgresql://u:secret@h:0/db",
                    "postgresql://u:secret@h/db?sslmode=maybe", "mysql://u:secret@h/db", "postgresql://u:secret@h/a/b"] {
            #expect(throws: PostgresAddressError.self, "\(bad)") { try PostgresAddress(url: bad) }
            do { _ = try PostgresAddress(url: bad) } catch {
                #expect(!error.description.contains("secret"), "\(error)")
            }
        }
    }

    @Test func aDatabaseOfAnotherApplicationIsRefusedAndLeftUntouched() throws {
        let server = try PostgresTestServer.shared()
        let (name, url) = try server.makeDatabase()
        try server.psql("CREATE TABLE customers (id int); INSERT INTO customers VALUES (1)", database: name)
        let address = try PostgresAddress(url: url)
        #expect(throws: StoreError.foreignDatabase(location: address.description)) { try PostgresStore(address: address) }
        let tables = try server.psql("SELECT string_agg(table_name, ',') FROM information_schema.tables WHERE table_schema = 'public'",
                                     database: name)
        #expect(tables.trimmingCharacters(in: .whitespacesAndNewlines) == "customers")
    }

    @Test func aDatabaseOfANewerEcoWatchIsRefusedBeforeAnythingIsWritten() throws {
        let server = try PostgresTestServer.shared()
        let (name, url) = try server.makeDatabase()
        let address = try PostgresAddress(url: url)
        _ = try PostgresStore(address: address)
        try server.psql("INSERT INTO ecowatch_migration (identifier) VALUES ('v99-from-the-future')", database: name)
        try server.psql("DROP TABLE rollup_month", database: name)
        try server.psql("DELETE FROM ecowatch_migration WHERE identifier = 'v2-rollups'", database: name)
        #expect(throws: StoreError.newerSchema(path: address.description, unknown: ["v99-from-the-future"])) {
            try PostgresStore(address: address)
        }
        // The missing migration was not applied either: refused before anything was written.
        let applied = try server.psql("SELECT string_agg(identifier, ',' ORDER BY identifier) FROM ecowatch_migration", database: name)
        #expect(applied.trimmingCharacters(in: .whitespacesAndNewlines) == "v1-programme-and-feed,v3-record-times,v99-from-the-future")
    }

    @Test func wrongCredentialsAMissingDatabaseAndNoServerEachSaySo() throws {
        let server = try PostgresTestServer.shared()
        let (name, _) = try server.makeDatabase()
        let wrong = PostgresAddress(user: PostgresTestServer.passwordRole, password: "not-the-password", host: "127.0.0.1",
                                    port: server.port, database: name, tls: .disable)
        do {
            _ = try PostgresStore(address: wrong)
            Issue.record("a wrong password was let in")
        } catch {
            #expect(error.description.contains("refused the login"))
            #expect(!error.description.contains("not-the-password"))
            #expect(error.description.hasPrefix(wrong.description))
        }
        let right = PostgresAddress(user: PostgresTestServer.passwordRole, password: PostgresTestServer.passwordRolePassword,
                                    host: "127.0.0.1", port: server.port, database: name, tls: .disable)
        #expect(try PostgresStore(address: right).feedCounts() == FeedCounts())

        let missing = PostgresAddress(user: PostgresTestServer.superuser, password: nil, host: "127.0.0.1", port: server.port,
                                      database: "no_such_database")
        #expect { try PostgresStore(address: missing) } throws: { error in
            guard case .server(_, let message) = error as? StoreError else { return false }
            return message.contains("does not exist")
        }
        // A port where nothing listens: the server's own port plus one is not PostgreSQL's.
        let nobody = PostgresAddress(user: "ecowatch", password: nil, host: "127.0.0.1", port: server.port == 65535 ? 1 : server.port + 1,
                                     database: name)
        #expect { try PostgresStore(address: nobody, timeoutSeconds: 3) } throws: { error in
            if case .unreachable = error as? StoreError { return true }
            return false
        }
    }

    @Test func aRowNoVersionWroteIsAnErrorNotADefault() throws {
        let server = try PostgresTestServer.shared()
        let (name, url) = try server.makeDatabase()
        let store = try PostgresStore(address: try PostgresAddress(url: url))
        try store.replaceProgramme(try SampleData.programme())
        try server.psql("UPDATE station SET kind = 'volcano' WHERE position = 0", database: name)
        #expect { try store.loadProgramme() } throws: { error in
            guard case .unreadableRow(_, let table, let detail) = error as? StoreError else { return false }
            return table == "station" && detail.contains("volcano")
        }
    }

    /// Two ingest nodes on one database, each sending every frame (a station failing over resends
    /// what was not acknowledged): each frame is stored once and the roll-ups count it once.
    @Test func twoNodesStoreEachFrameOnceAndKeepRollUpsExact() throws {
        let database = try StoreBackend.postgresql.makeDatabase()
        let nodes = [try database.open(), try database.open()]
        let frames = (0..<400).map { k in Self.frame("A\(k % 5)", String(format: "%017d", k), 1_700_000_000 + Int64(k / 5) * 60, Double(k % 13)) }
        let outcomes = Locked([[IngestOutcome]](repeating: [], count: 2))
        DispatchQueue.concurrentPerform(iterations: 2) { node in
            var mine: [IngestOutcome] = []
            let order = node == 0 ? frames : frames.reversed()
            for start in stride(from: 0, to: order.count, by: 25) {
                mine += (try? nodes[node].ingest(Array(order[start..<min(start + 25, order.count)]))) ?? []
            }
            outcomes.withLock { $0[node] = mine }
        }
        let all = outcomes.withLock { $0 }
        #expect(all[0].count == frames.count && all[1].count == frames.count)
        #expect(all.joined().count { $0 == .stored(added: 1, corrected: 0) } == frames.count)
        let counts = try nodes[0].feedCounts()
        #expect(counts.accepted == frames.count)
        #expect(counts.duplicates == frames.count)
        for station in 0..<5 {
            let mine = frames.filter { $0.mn == "A\(station)" }.flatMap(\.readings)
            let hours = try nodes[1].series(mn: "A\(station)", code: "a34004", grain: .day, from: 0, to: 2_000_000_000)
            #expect(hours.map(\.count).reduce(0, +) == mine.count)
            let stored: Double = hours.map { $0.mean * Double($0.count) }.reduce(0, +)
            let sent: Double = mine.map(\.value).reduce(0, +)
            #expect(abs(stored - sent) < 1e-6)
        }
    }

    /// Every hour, day and month roll-up of a34004 of `stations` as `reader` keeps it is what a
    /// rebuild from the stored readings gives; returns the kept series, a station's grains in turn.
    static func expectRollupsEqualARebuild(reader: any EcoWatchStore, rebuilder: PostgresStore, stations: [String]) throws -> [[SeriesPoint]] {
        func rollups() throws -> [[SeriesPoint]] {
            try stations.flatMap { mn in
                try RollupGrain.allCases.map { try reader.series(mn: mn, code: "a34004", grain: $0, from: 0, to: 2_000_000_000) }
            }
        }
        let kept = try rollups()
        try rebuilder.rebuildRollups()
        let rebuilt = try rollups()
        #expect(rebuilt.map { $0.map(\.start) } == kept.map { $0.map(\.start) })
        #expect(rebuilt.map { $0.map(\.count) } == kept.map { $0.map(\.count) })
        #expect(rebuilt.map { $0.map(\.low) } == kept.map { $0.map(\.low) })
        #expect(rebuilt.map { $0.map(\.high) } == kept.map { $0.map(\.high) })
        for (a, b) in zip(rebuilt.joined(), kept.joined()) { #expect(abs(a.mean - b.mean) < 1e-9) }
        return kept
    }

    /// Three nodes at once, each sending every record and a correction of every third in its own
    /// order, in batches that mix new records with records another node stored a moment before
    /// (or is storing): every record is stored once, and every hour, day and month roll-up is
    /// what a rebuild from the stored readings gives, whichever correction came last.
    @Test func concurrentNodesWithCorrectionsKeepEveryRollUpEqualToARebuild() throws {
        let database = try StoreBackend.postgresql.makeDatabase()
        let nodes = [try database.open(), try database.open(), try database.open()]
        let originals = (0..<240).map { k in Self.frame("A\(k % 3)", "o\(k)", 1_706_700_000 + Int64(k / 3) * 900, Double(k % 17)) }
        let corrections = originals.enumerated().filter { $0.offset % 3 == 0 }.map { k, f in
            Self.frame(f.mn, "c\(k)", f.readings[0].time, f.readings[0].value + 100)
        }
        let all = originals + corrections
        let orders = [all, all.reversed(), (0..<all.count).map { all[($0 * 7) % all.count] }]
        let failures = Locked(0)
        DispatchQueue.concurrentPerform(iterations: 3) { node in
            for start in stride(from: 0, to: all.count, by: 20) {
                if (try? nodes[node].ingest(Array(orders[node][start..<min(start + 20, all.count)]))) == nil {
                    failures.withLock { $0 += 1 }
                }
            }
        }
        #expect(failures.withLock { $0 } == 0)
        let kept = try Self.expectRollupsEqualARebuild(reader: nodes[0], rebuilder: try #require(nodes[1] as? PostgresStore),
                                                       stations: (0..<3).map { "A\($0)" })
        // Each grain of each station counts each of the station's 80 records once.
        #expect(kept.map { $0.map(\.count).reduce(0, +) } == Array(repeating: originals.count / 3, count: 9))
    }

    /// Corrections that turn a reading's flag to N and back, in hours that hold no other N value,
    /// while other nodes store those hours' first N readings: a recomputed hour, day or month
    /// that had no roll-up row meets another node's new row. No batch fails, and every roll-up is
    /// what a rebuild gives, and the server detected no deadlock: every writer locks the latest
    /// values, the hour, day and month roll-ups, then the feed counters in one order (before, the
    /// new-records statement locked them in the reverse order, and retried deadlocks made the
    /// test slow or failed a batch past the retries).
    @Test func flagCorrectionsMeetingAnotherNodesFirstNReadingKeepRollUpsEqualToARebuild() throws {
        let server = try PostgresTestServer.shared()
        let (name, url) = try server.makeDatabase()
        let address = try PostgresAddress(url: url)
        let nodes = [try PostgresStore(address: address), try PostgresStore(address: address), try PostgresStore(address: address)]
        func frame(_ mn: String, _ qn: String, _ time: Int64, _ value: Double, _ flag: DataFlag) -> IngestFrame {
            IngestFrame(mn: mn, qn: qn, dataType: .realTime, readings: [Reading(mn: mn, code: "a34004", time: time, dataType: .realTime, value: value, flag: flag)])
        }
        // 2024-01-31 16:00 UTC is a new Beijing day and month: each station's hours start empty.
        let hours = (0..<90).map { k in (mn: "F\(k % 3)", time: 1_706_716_800 + Int64(k / 3) * 3600) }
        let marked = hours.enumerated().map { k, h in frame(h.mn, "m\(k)", h.time, Double(k % 11), .maintenance) }
        let toN = hours.enumerated().map { k, h in frame(h.mn, "n\(k)", h.time, Double(k % 11), .normal) }
        let back = hours.enumerated().map { k, h in frame(h.mn, "b\(k)", h.time, Double(k % 11), .fault) }
        let firstN = hours.enumerated().map { k, h in frame(h.mn, "f\(k)", h.time + 60, Double(k % 7) + 0.5, .normal) }
        _ = try nodes[0].ingest(marked)
        // Node 0 turns every hour's reading to N, node 1 stores every hour's first N reading,
        // node 2 turns the readings back to a fault, each in small batches, all at once.
        let work = [toN, firstN, back]
        let failures = Locked<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 3) { node in
            for start in stride(from: 0, to: work[node].count, by: 3) {
                do { _ = try nodes[node].ingest(Array(work[node][start..<min(start + 3, work[node].count)])) } catch {
                    failures.withLock { $0.append("node \(node): \(error)") }
                }
            }
        }
        #expect(failures.withLock { $0 } == [])
        let kept = try Self.expectRollupsEqualARebuild(reader: nodes[0], rebuilder: nodes[1], stations: (0..<3).map { "F\($0)" })
        // Every first N reading is counted, whichever correction came last.
        #expect(kept.map { $0.map(\.count).reduce(0, +) }.allSatisfy { $0 >= hours.count / 3 })
        // A backend's statistics (its deadlocks) are flushed as it exits, and the termination
        // with a timeout waits for that exit.
        _ = try server.psql("SELECT bool_and(pg_terminate_backend(pid, 30000)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
                            database: name)
        #expect(try server.psql("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()", database: name).trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    }

    /// The order of the race above made certain: a transaction adding an hour's first roll-up row
    /// stays open (it commits only once another connection waits for it) while a node corrects
    /// that hour's only reading to N. The correction waits, then counts both readings, exactly
    /// once each; before, its plain INSERT met the other's row and the batch failed (23505).
    @Test func aCorrectionWaitsForAnotherTransactionsFirstRollUpRowAndCountsIt() throws {
        let server = try PostgresTestServer.shared()
        let (name, url) = try server.makeDatabase()
        let node = try PostgresStore(address: try PostgresAddress(url: url))
        let hour: Int64 = 1_706_716_800  // a Beijing day and month start too
        func frame(_ qn: String, _ time: Int64, _ value: Double, _ flag: DataFlag) -> IngestFrame {
            IngestFrame(mn: "G1", qn: qn, dataType: .realTime, readings: [Reading(mn: "G1", code: "a34004", time: time, dataType: .realTime, value: value, flag: flag)])
        }
        #expect(try node.ingest([frame("1", hour, 4, .maintenance)]) == [.stored(added: 1, corrected: 0)])
        let rows = ["hour", "day", "month"].map { grain in
            "INSERT INTO rollup_\(grain) AS r (mn, code, start, n, total, low, high) VALUES ('G1', 'a34004', \(hour), 1, 7, 7, 7) " +
                "ON CONFLICT (mn, code, start) DO UPDATE SET n = r.n + 1, total = r.total + 7, low = least(r.low, 7), high = greatest(r.high, 7);"
        }.joined()
        let other = Locked<String?>(nil)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            do {
                try server.psql("""
                    BEGIN;
                    INSERT INTO reading (mn, code, time, cn, value, flag) VALUES ('G1', 'a34004', \(hour + 60), 2011, 7, 'N');
                    \(rows)
                    DO $$ BEGIN
                        FOR i IN 1..3000 LOOP
                            EXIT WHEN EXISTS (SELECT 1 FROM pg_stat_activity WHERE pg_backend_pid() = ANY (pg_blocking_pids(pid)));
                            PERFORM pg_sleep(0.01);
                        END LOOP;
                    END $$;
                    COMMIT;
                    """, database: name)
                other.withLock { $0 = "committed" }
            } catch { other.withLock { $0 = "\(error)" } }
            done.signal()
        }
        // The other transaction has written its rows and waits (in pg_sleep) for a waiter.
        #expect(try eventually(seconds: 30) {
            try server.psql("SELECT count(*) FROM pg_stat_activity WHERE datname = '\(name)' AND wait_event = 'PgSleep'", database: name)
                .trimmingCharacters(in: .whitespacesAndNewlines) == "1"
        })
        let corrected = Result { try node.ingest([frame("2", hour, 4, .normal)]) }
        #expect(done.wait(timeout: .now() + 60) == .success)
        #expect(other.withLock { $0 } == "committed")
        #expect(try corrected.get() == [.stored(added: 0, corrected: 1)])
        for grain in RollupGrain.allCases {
            let points = try node.series(mn: "G1", code: "a34004", grain: grain, from: 0, to: 2_000_000_000)
            #expect(points.map(\.count) == [2] && points.map(\.mean) == [5.5], "\(grain)")
        }
    }

    /// A batch that is all duplicates (a station resending what was stored) changes nothing a
    /// console shows, so it sends no notification; a batch that stores something sends one. A
    /// `psql` session listens from before the resend until the later batch is committed, and
    /// prints each notification it was sent.
    @Test func aBatchOfDuplicatesNotifiesNoConsole() throws {
        let server = try PostgresTestServer.shared()
        let (name, url) = try server.makeDatabase()
        let writer = try PostgresStore(address: try PostgresAddress(url: url))
        let frames = (0..<4).map { k in Self.frame("D1", "q\(k)", 1_700_000_000 + Int64(k) * 60, Double(k)) }
        #expect(try writer.ingest(frames) == Array(repeating: .stored(added: 1, corrected: 0), count: 4))
        let heard = Locked<Result<String, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            let output = Result {
                try server.psql("""
                    LISTEN ecowatch_change; COMMIT;
                    DO $$ BEGIN
                        FOR i IN 1..3000 LOOP
                            EXIT WHEN EXISTS (SELECT 1 FROM frame WHERE qn = 'q9');
                            PERFORM pg_sleep(0.01);
                        END LOOP;
                    END $$;
                    """, database: name)
            }
            heard.withLock { $0 = output }
            done.signal()
        }
        #expect(try eventually(seconds: 30) {
            try server.psql("SELECT count(*) FROM pg_stat_activity WHERE datname = '\(name)' AND wait_event = 'PgSleep'", database: name)
                .trimmingCharacters(in: .whitespacesAndNewlines) == "1"
        })
        #expect(try writer.ingest(frames) == Array(repeating: .duplicate, count: 4))
        #expect(try writer.ingest([Self.frame("D1", "q9", 1_700_001_000, 9)]) == [.stored(added: 1, corrected: 0)])
        #expect(done.wait(timeout: .now() + 60) == .success)
        let printed = try #require(heard.withLock { $0 }).get()
        #expect(printed.components(separatedBy: "Asynchronous notification").count - 1 == 1, "\(printed)")
    }

    @Test func oneOpenAlarmPerStationAndRuleWhicheverNodeRaisesIt() throws {
        let database = try StoreBackend.postgresql.makeDatabase()
        let nodes = (0..<4).map { _ in try? database.open() }.compactMap { $0 }
        #expect(nodes.count == 4)
        let raised = Locked<[Alarm]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { node in
            if let alarm = try? nodes[node].raiseAlarm(NewAlarm(mn: "M1", rule: .stale, started: 100 + Int64(node), amount: Double(node))) {
                raised.withLock { $0.append(alarm) }
            }
        }
        let alarms = raised.withLock { $0 }
        #expect(alarms.count == 4)
        #expect(Set(alarms.map(\.id)).count == 1)
        #expect(try nodes[0].alarms(includeClosed: true, limit: 10).count == 1)
    }
}

/// A server that goes away and comes back: the store says so instead of hanging, and picks up
/// again on its own (a new listening connection, a fresh pool connection).
@Suite struct PostgresServerGoneTests {
    @Test func changeDetectionSaysTheServerIsGoneAndRecoversWhenItReturns() throws {
        let server = try PostgresTestServer.own()
        defer { server.stop() }
        let (_, url) = try server.makeDatabase()
        let store = try PostgresStore(address: try PostgresAddress(url: url), timeoutSeconds: 3)
        let before = try store.changeToken()
        try server.pause()
        #expect(eventually {
            do { _ = try store.changeToken(); return false } catch StoreError.unreachable { return true } catch { return false }
        })
        #expect(throws: StoreError.self) { try store.feedCounts() }
        try server.resume()
        #expect(eventually(seconds: 20) { (try? store.changeToken()).map { $0 != before } ?? false })
        let frame = IngestFrame(mn: "M1", qn: "1", dataType: .realTime,
                                readings: [Reading(mn: "M1", code: "a34004", time: 60, dataType: .realTime, value: 3, flag: .normal)])
        #expect(eventually(seconds: 20) { (try? store.ingest([frame])) != nil })
        #expect(try store.latestValues()["M1"]?.map(\.value) == [3])
    }
}

/// A server that stops answering without closing its connections (frozen, as a host that hangs
/// or a network that drops everything): the listening connection's ping is not answered in time,
/// so change detection says the server is unreachable instead of waiting forever, and picks up
/// again when it answers.
@Suite struct PostgresServerSilentTests {
    @Test func aSilentServerIsNoticedAndItsReturnToo() throws {
        let server = try PostgresTestServer.own()
        defer { server.stop() }
        let (_, url) = try server.makeDatabase()
        let store = try PostgresStore(address: try PostgresAddress(url: url), timeoutSeconds: 3)
        let before = try store.changeToken()
        server.freeze()
        var reason = ""
        #expect(eventually(seconds: 30) {
            do { _ = try store.changeToken(); return false } catch StoreError.unreachable(_, let message) {
                reason = message
                return true
            } catch { return false }
        })
        #expect(reason.contains("no answer within"), "\(reason)")
        server.thaw()
        #expect(eventually(seconds: 30) { (try? store.changeToken()).map { $0 != before } ?? false })
    }
}

/// A listening connection whose first attempt is still under way (here the server is frozen, so
/// the connection waits out its 3 s bound, past `changeToken()`'s 2 s wait) means no token yet,
/// not a failure; once the attempt ends in vain the server is reported unreachable.
@Suite struct PostgresListenerStartingTests {
    @Test func aFirstAttemptStillRunningIsNoTokenYetAndThenUnreachable() throws {
        let server = try PostgresTestServer.own()
        defer { server.stop() }
        let (_, url) = try server.makeDatabase()
        let store = try PostgresStore(address: try PostgresAddress(url: url), timeoutSeconds: 3)
        server.freeze()
        defer { server.thaw() }
        store.watchForChanges()
        #expect(try store.changeToken() == nil)
        #expect(eventually(seconds: 30) {
            do { _ = try store.changeToken(); return false } catch StoreError.unreachable { return true } catch { return false }
        })
        server.thaw()
        #expect(eventually(seconds: 30) { (try? store.changeToken()) != nil })
    }
}

/// A value shared by the threads of a test.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLock<T>(_ body: (inout Value) -> T) -> T { lock.withLock { body(&value) } }
}
