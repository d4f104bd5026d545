import EcoWatchCore
import Foundation
import PostgresNIO

/// The EcoWatch database on a PostgreSQL server, shared by many ingest nodes and consoles.
/// Opening checks, on one connection, that the server answers, the login works, the database
/// exists and is EcoWatch's (or empty) and of a schema this binary knows, and migrates it in one
/// transaction; anything else is refused before anything is written. Then the queries use a
/// `PostgresClient` pool, whose first connection is made while that check runs. Change
/// detection is `LISTEN ecowatch_change` on a connection of its own, opened by
/// `watchForChanges()` or the first `changeToken()`: every writing transaction sends `NOTIFY`
/// before it commits.
public final class PostgresStore: EcoWatchStore, @unchecked Sendable {
    public let address: PostgresAddress
    /// The address for messages (never the password).
    public var location: String { address.description }

    private let client: PostgresClient
    private let runner: Task<Void, Never>
    private let timeoutSeconds: Double
    private let listener: ChangeListener
    static let changeChannel = "ecowatch_change"
    /// postgres-nio's logger, quiet: the store's errors say what went wrong, once, where it matters.
    static let logger: Logger = {
        var logger = Logger(label: "ecowatch.postgres")
        logger.logLevel = .critical
        return logger
    }()

    /// Opens the database at `address`, creating the schema in an empty database. Each call
    /// waits at most `timeoutSeconds` for the server; `maximumConnections` bounds the pool.
    public init(address: PostgresAddress, timeoutSeconds: Double = 10, maximumConnections: Int = 8) throws(StoreError) {
        self.address = address
        self.timeoutSeconds = timeoutSeconds
        let location = address.description
        let connectionConfiguration: PostgresConnection.Configuration
        var clientConfiguration = PostgresClient.Configuration(host: address.host, port: address.port, username: address.user,
                                                               password: address.password, database: address.database,
                                                               tls: .disable)
        do {
            connectionConfiguration = try Self.connectionConfiguration(address, timeoutSeconds: timeoutSeconds)
            switch address.tls {
            case .disable: clientConfiguration.tls = .disable
            case .prefer: clientConfiguration.tls = .prefer(.makeClientConfiguration())
            case .require: clientConfiguration.tls = .require(.makeClientConfiguration())
            }
        } catch {
            throw .server(location: location, message: "cannot set up TLS: \(error)")
        }
        // The pool keeps one connection open (no reconnect for the first read after a quiet
        // spell), and starts making it now, while the check below runs on a connection of its own.
        clientConfiguration.options.minimumConnections = 1
        clientConfiguration.options.maximumConnections = max(1, maximumConnections)
        clientConfiguration.options.connectTimeout = .milliseconds(Int64(timeoutSeconds * 1000))
        let client = PostgresClient(configuration: clientConfiguration, backgroundLogger: Self.logger)
        let runner = Task(executorPreference: StoreExecutor.shared) { await client.run() }
        do {
            try runBlocking(seconds: timeoutSeconds * 2) {
                let connection = try await PostgresConnection.connect(configuration: connectionConfiguration, id: 0, logger: Self.logger)
                do {
                    try await Self.checkAndMigrate(connection, location: location)
                    try? await connection.close()
                } catch {
                    try? await connection.close()
                    throw error
                }
            }
        } catch {
            runner.cancel()
            throw Self.storeError(error, location: location)
        }
        self.client = client
        self.runner = runner
        listener = ChangeListener(configuration: connectionConfiguration, channel: Self.changeChannel, logger: Self.logger)
    }

    deinit {
        listener.stop()
        runner.cancel()
    }

    private static func connectionConfiguration(_ address: PostgresAddress, timeoutSeconds: Double) throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS = switch address.tls {
        case .disable: .disable
        case .prefer: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case .require: .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        var configuration = PostgresConnection.Configuration(host: address.host, port: address.port, username: address.user,
                                                             password: address.password, database: address.database, tls: tls)
        configuration.options.connectTimeout = .milliseconds(Int64(timeoutSeconds * 1000))
        return configuration
    }

    // MARK: Schema

    /// In one transaction holding the migration lock: refuses a database of another
    /// application or of a newer EcoWatch, then applies the migrations not yet applied.
    private static func checkAndMigrate(_ connection: PostgresConnection, location: String) async throws {
        try await connection.withTransaction(logger: logger) { db in
            try await db.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.migrationLockKey))", logger: logger)
            let tables = try await db.query("""
                SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()
                """, logger: logger).collect().map { try $0.decode(String.self) }
            var applied: [String] = []
            if tables.contains(PostgresSchema.marker) {
                applied = try await db.query("SELECT identifier FROM ecowatch_migration ORDER BY applied_at, identifier",
                                             logger: logger).collect().map { try $0.decode(String.self) }
            } else if !tables.isEmpty {
                throw StoreError.foreignDatabase(location: location)
            } else {
                try await db.query("""
                    CREATE TABLE ecowatch_migration (
                        identifier TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp())
                    """, logger: logger)
            }
            let known = Set(PostgresSchema.migrations.map(\.identifier))
            let unknown = applied.filter { !known.contains($0) }
            if !unknown.isEmpty { throw StoreError.newerSchema(path: location, unknown: unknown) }
            for migration in PostgresSchema.migrations where !applied.contains(migration.identifier) {
                for statement in PostgresSchema.statements(migration.sql) {
                    try await db.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await db.query("INSERT INTO ecowatch_migration (identifier) VALUES (\(migration.identifier))", logger: logger)
            }
        }
    }

    // MARK: Running statements

    /// Runs `body` on a pooled connection, waiting at most the store's timeout (`bounded: false`
    /// for bulk work that may take long).
    private func read<T>(bounded: Bool = true, _ body: @escaping @Sendable (PostgresConnection) async throws -> T) throws -> T {
        let client = self.client
        do {
            return try runBlocking(seconds: bounded ? timeoutSeconds : nil) {
                try await client.withConnection { try await body($0) }
            }
        } catch {
            throw Self.storeError(error, location: location)
        }
    }

    /// Runs `body` in a transaction that notifies the consoles as it commits (`notifies: false`:
    /// `body` sends the notification itself); retried (up to five times) when the server aborts
    /// it for a deadlock or a serialization failure with another node. Returns only after the commit.
    @discardableResult
    func write<T>(bounded: Bool = true, notifies: Bool = true,
                  _ body: @escaping @Sendable (PostgresConnection) async throws -> T) throws -> T {
        let client = self.client
        let logger = Self.logger
        do {
            return try runBlocking(seconds: bounded ? timeoutSeconds : nil) {
                var attempt = 0
                while true {
                    attempt += 1
                    do {
                        return try await client.withConnection { connection in
                            try await connection.withTransaction(logger: logger) { db in
                                let result = try await body(db)
                                if notifies { try await db.query("SELECT pg_notify(\(Self.changeChannel), '')", logger: logger) }
                                return result
                            }
                        }
                    } catch where attempt < 5 && Self.isRetryable(error) {
                        continue
                    }
                }
            }
        } catch {
            throw Self.storeError(error, location: location)
        }
    }

    private static func isRetryable(_ error: any Error) -> Bool {
        let state = (cause(error) as? PSQLError)?.serverInfo?[.sqlState]
        return state == "40P01" || state == "40001"
    }

    /// The error inside a failed transaction (of its body, else of BEGIN or COMMIT).
    private static func cause(_ error: any Error) -> any Error {
        guard let error = error as? PostgresTransactionError else { return error }
        return error.closureError ?? error.beginError ?? error.commitError ?? error.rollbackError ?? error
    }

    /// Turns a postgres-nio failure into a `StoreError` that says what to do (never with the password).
    static func storeError(_ error: any Error, location: String) -> StoreError {
        let error = cause(error)
        if let error = error as? StoreError { return error }
        if let error = error as? BlockingTimeout { return .unreachable(location: location, message: error.description) }
        if let error = error as? PostgresDecodingError {
            return .unreadableRow(location: location, table: "?", detail: "column \(error.columnName) of type \(error.postgresType): \(error.code)")
        }
        guard let error = error as? PSQLError else {
            // The pool's own errors (its circuit breaker after failed connection attempts) and NIO's.
            return .unreachable(location: location, message: String(describing: error))
        }
        if let info = error.serverInfo, let state = info[.sqlState] {
            let message = info[.message] ?? state
            switch state {
            case "28P01", "28000":
                return .server(location: location, message: "the server refused the login (\(message)); check the user and password")
            case "3D000":
                return .server(location: location, message: "the database does not exist on the server (\(message)); create it first, e.g. createdb")
            case "42501":
                return .server(location: location, message: "permission denied (\(message)); the user needs to own the database or be granted CREATE")
            case "53100":
                return .diskFull(path: location)
            case "40P01", "40001":
                // A deadlock or serialization failure with another node that outlasted `write`'s
                // retries: transient, as a lock held too long (the ingest writer waits and retries).
                return .locked(path: location)
            case "57P01", "57P02", "57P03", "08000", "08003", "08006":
                return .unreachable(location: location, message: message)
            default:
                return .server(location: location, message: "\(message) (SQLSTATE \(state))")
            }
        }
        switch error.code {
        case .connectionError, .serverClosedConnection, .uncleanShutdown, .clientClosedConnection, .poolClosed:
            return .unreachable(location: location, message: error.underlying.map(Self.reason) ?? "the connection closed")
        case .queryCancelled:
            return .unreachable(location: location, message: "cancelled: no answer in time")
        default:
            return .server(location: location, message: "\(error.code)")
        }
    }

    /// A short reason for a connection failure (connection refused, host not found, timed out).
    private static func reason(_ error: any Error) -> String {
        if let error = error as? IOError { return String(cString: strerror(error.errnoCode)).lowercased() }
        if let error = error as? NIOConnectionError {
            if error.dnsAAAAError != nil || error.dnsAError != nil, error.connectionErrors.isEmpty { return "host not found" }
            if let first = error.connectionErrors.first { return reason(first.error) }
            return "host not found"
        }
        if let error = error as? ChannelError, case .connectTimeout = error { return "timed out" }
        return String(describing: error)
    }

    // MARK: Programme

    public func loadProgramme() throws -> Programme {
        let location = self.location
        return try read { db in
            func rows(_ query: PostgresQuery) async throws -> [PostgresRandomAccessRow] {
                try await db.query(query, logger: Self.logger).collect().map { $0.makeRandomAccess() }
            }
            func unreadable(_ table: String, _ key: String, _ column: String, _ value: String) -> StoreError {
                .unreadableRow(location: location, table: table, detail: "\(key): \(column) \"\(value)\" is not known")
            }
            let districts = try await rows("SELECT * FROM district ORDER BY position").map { row in
                let id = try row["id"].decode(String.self), kindText = try row["kind"].decode(String.self)
                guard let kind = DistrictKind(rawValue: kindText) else { throw unreadable("district", id, "kind", kindText) }
                return District(id: id, name: LocalizedText(zh: try row["name_zh"].decode(String.self), en: try row["name_en"].decode(String.self)),
                                kind: kind, parentID: try row["parent"].decode(String?.self), coastal: try row["coastal"].decode(Bool.self),
                                population: try row["population"].decode(Int.self), areaKm2: try row["area_km2"].decode(Double.self))
            }
            let indicators = try await rows("SELECT * FROM indicator ORDER BY position").map { row in
                let id = try row["id"].decode(String.self)
                func known<E: RawRepresentable<String>>(_ column: String, _: E.Type) throws -> E {
                    let text = try row[column].decode(String.self)
                    guard let value = E(rawValue: text) else { throw unreadable("indicator", id, column, text) }
                    return value
                }
                var deadline: Day?
                if let text = try row["deadline"].decode(String?.self) {
                    guard let day = Day(iso: text) else { throw unreadable("indicator", id, "deadline", text) }
                    deadline = day
                }
                return Indicator(id: id, domain: try known("domain", Domain.self),
                                 name: LocalizedText(zh: try row["name_zh"].decode(String.self), en: try row["name_en"].decode(String.self)),
                                 unit: try row["unit"].decode(String.self), better: try known("better", Direction.self),
                                 comparator: try known("comparator", Comparator.self), target: try row["target"].decode(Double.self),
                                 deadline: deadline, scope: try known("scope", Scope.self),
                                 aggregation: try known("aggregation", Aggregation.self), headline: try row["headline"].decode(Bool.self),
                                 precision: try row["precision"].decode(Int.self), baselineYear: try row["baseline_year"].decode(Int?.self))
            }
            // One row per indicator and area (a few hundred, not tens of thousands): each row the
            // client takes costs it far more than the server's grouping.
            var observations: [Observation] = []
            for row in try await rows("""
                SELECT indicator, area, array_agg(month ORDER BY month) AS months, array_agg(value ORDER BY month) AS "values"
                FROM observation GROUP BY indicator, area
                """) {
                let indicator = try row["indicator"].decode(String.self), area = try row["area"].decode(String.self)
                let months = try row["months"].decode([String].self), values = try row["values"].decode([Double].self)
                for (monthText, value) in zip(months, values) {
                    guard let month = YearMonth(iso: monthText) else {
                        throw unreadable("observation", "\(indicator) \(area)", "month", monthText)
                    }
                    observations.append(Observation(indicatorID: indicator, areaID: area, month: month, value: value))
                }
            }
            let tasks = try await rows("SELECT id, body FROM task ORDER BY id").map { row in
                try StoredTask.task(fromJSON: try row["body"].decode(String.self), id: try row["id"].decode(String.self), location: location)
            }
            let events = try await rows("SELECT * FROM task_event ORDER BY id").map { row in
                let id = String(try row["id"].decode(Int64.self))
                let dateText = try row["date"].decode(String.self), kindText = try row["kind"].decode(String.self)
                guard let date = Day(iso: dateText) else { throw unreadable("task_event", id, "date", dateText) }
                guard let kind = TaskEventKind(rawValue: kindText) else { throw unreadable("task_event", id, "kind", kindText) }
                return TaskEvent(taskID: try row["task"].decode(String.self), date: date, kind: kind,
                                 progress: try row["progress"].decode(Int?.self), milestoneYear: try row["milestone_year"].decode(Int?.self),
                                 flagsRisk: try row["flags_risk"].decode(Bool.self),
                                 note: LocalizedText(zh: try row["note_zh"].decode(String.self), en: try row["note_en"].decode(String.self)),
                                 actor: try row["actor"].decode(String.self))
            }
            let stations = try await rows("SELECT * FROM station ORDER BY position").map { row in
                let mn = try row["mn"].decode(String.self), kindText = try row["kind"].decode(String.self)
                guard let kind = StationKind(rawValue: kindText) else { throw unreadable("station", mn, "kind", kindText) }
                var aliases: [String: String] = [:]
                for pair in try row["aliases"].decode(String.self).split(separator: " ") {
                    let parts = pair.split(separator: "=")
                    guard parts.count == 2 else { throw unreadable("station", mn, "aliases", String(pair)) }
                    aliases[String(parts[0])] = String(parts[1])
                }
                return Station(mn: mn, pw: try row["pw"].decode(String.self),
                               name: LocalizedText(zh: try row["name_zh"].decode(String.self), en: try row["name_en"].decode(String.self)),
                               districtID: try row["district"].decode(String.self), kind: kind,
                               targetClass: try row["target_class"].decode(String?.self),
                               codes: try row["codes"].decode(String.self).split(separator: " ").map(String.init),
                               intervalSeconds: try row["interval_s"].decode(Int.self), codeAliases: aliases,
                               particleScale: try row["particle_scale"].decode(Double.self), isLake: try row["is_lake"].decode(Bool.self))
            }
            return Programme(districts: districts, indicators: indicators, observations: observations,
                             tasks: tasks, events: events, stations: stations)
        }
    }

    public func replaceProgramme(_ programme: Programme) throws {
        let tasks = try programme.tasks.map { (id: $0.id, body: try StoredTask.json($0)) }
        try write(bounded: false) { db in
            let logger = Self.logger
            for table in ["observation", "task_event", "task", "station", "indicator", "district"] {
                try await db.query("DELETE FROM \(unescaped: table)", logger: logger)
            }
            for (i, d) in programme.districts.enumerated() {
                try await db.query("""
                    INSERT INTO district (id, position, name_zh, name_en, kind, parent, coastal, population, area_km2)
                    VALUES (\(d.id), \(i), \(d.name.zh), \(d.name.en), \(d.kind.rawValue), \(d.parentID), \(d.coastal),
                            \(d.population), \(d.areaKm2))
                    """, logger: logger)
            }
            for (i, x) in programme.indicators.enumerated() {
                try await db.query("""
                    INSERT INTO indicator (id, position, domain, name_zh, name_en, unit, better, comparator, target, deadline,
                                           scope, aggregation, headline, precision, baseline_year)
                    VALUES (\(x.id), \(i), \(x.domain.rawValue), \(x.name.zh), \(x.name.en), \(x.unit), \(x.better.rawValue),
                            \(x.comparator.rawValue), \(x.target), \(x.deadline?.description), \(x.scope.rawValue),
                            \(x.aggregation.rawValue), \(x.headline), \(x.precision), \(x.baselineYear))
                    """, logger: logger)
            }
            let o = programme.observations
            try await db.query("""
                INSERT INTO observation (indicator, area, month, value)
                SELECT * FROM unnest(\(o.map(\.indicatorID))::text[], \(o.map(\.areaID))::text[],
                                     \(o.map(\.month.description))::text[], \(o.map(\.value))::float8[])
                """, logger: logger)
            for t in tasks {
                try await db.query("INSERT INTO task (id, body) VALUES (\(t.id), \(t.body))", logger: logger)
            }
            for e in programme.events {
                try await db.query("""
                    INSERT INTO task_event (task, date, kind, progress, milestone_year, flags_risk, actor, note_zh, note_en)
                    VALUES (\(e.taskID), \(e.date.description), \(e.kind.rawValue), \(e.progress), \(e.milestoneYear),
                            \(e.flagsRisk), \(e.actor), \(e.note.zh), \(e.note.en))
                    """, logger: logger)
            }
            for (i, s) in programme.stations.enumerated() {
                let aliases = s.codeAliases.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
                try await db.query("""
                    INSERT INTO station (mn, position, pw, name_zh, name_en, district, kind, target_class, codes, interval_s,
                                         aliases, particle_scale, is_lake)
                    VALUES (\(s.mn), \(i), \(s.pw), \(s.name.zh), \(s.name.en), \(s.districtID), \(s.kind.rawValue),
                            \(s.targetClass), \(s.codes.joined(separator: " ")), \(s.intervalSeconds), \(aliases),
                            \(s.particleScale), \(s.isLake))
                    """, logger: logger)
            }
        }
    }

    /// True when the programme tables hold nothing yet (a new database).
    public func isEmpty() throws -> Bool {
        try read { db in
            try await db.query("SELECT count(*) FROM district", logger: Self.logger).collect().first?.decode(Int.self) == 0
        }
    }

    /// Counts the notifications of commits seen by this store's listening connection; nil while
    /// its first attempt to connect and `LISTEN` is still under way (after waiting at most 2 s
    /// for it); throws `.unreachable` while that connection is down (the console says so), and
    /// moves on when it is back so that what was missed meanwhile is read again.
    public func changeToken() throws -> Int? {
        listener.startIfNeeded()
        switch listener.waitForState(seconds: min(2, timeoutSeconds)) {
        case .starting: return nil
        case .listening(let count): return count
        case .down(let message): throw StoreError.unreachable(location: location, message: message)
        }
    }

    /// Opens the listening connection in the background (a console, as it opens the store).
    public func watchForChanges() { listener.startIfNeeded() }

    // MARK: Feed (the ingest write path is in PostgresIngestWrite.swift)

    /// Adds to the feed counters (in key order, so concurrent nodes never deadlock on them).
    static func bump(_ counts: [String: Int], _ db: PostgresConnection) async throws {
        let rows = counts.filter { $0.value > 0 }.sorted { $0.key < $1.key }
        guard !rows.isEmpty else { return }
        try await db.query("""
            INSERT INTO feed_count AS f (reason, count)
            SELECT * FROM unnest(\(rows.map(\.key))::text[], \(rows.map { Int64($0.value) })::int8[])
            ON CONFLICT (reason) DO UPDATE SET count = f.count + excluded.count
            """, logger: logger)
    }

    public func recordRefusals(_ counts: [RefusalCount]) throws {
        guard let newest = counts.map(\.minute).max() else { return }
        let counts = counts.filter { $0.count > 0 }
        try write { db in
            let logger = Self.logger
            let registered = Set(try await db.query("SELECT mn FROM station", logger: logger).collect().map { try $0.decode(String.self) })
            var rows: [RefusalRowKey: Int] = [:]
            var totals: [String: Int] = [:]
            for c in counts {
                var mn = c.mn ?? ""
                // An MN not in the registry gets a counter of its own only while the minute has
                // room: claimed MNs are the sender's to invent.
                if !mn.isEmpty, mn != RefusalCount.otherMNs, !registered.contains(mn) {
                    let key = RefusalRowKey(minute: c.minute, reason: c.reason.rawValue, mn: mn)
                    var exists = rows[key] != nil
                    if !exists {
                        exists = try await !db.query("""
                            SELECT 1 FROM refusal_count WHERE minute = \(c.minute) AND reason = \(c.reason.rawValue) AND mn = \(mn)
                            """, logger: logger).collect().isEmpty
                    }
                    if !exists {
                        let stored = try await db.query("""
                            SELECT count(*) FROM refusal_count WHERE minute = \(c.minute) AND mn NOT IN ('', '*')
                              AND mn NOT IN (SELECT mn FROM station)
                            """, logger: logger).collect().first?.decode(Int.self) ?? 0
                        let pending = rows.keys.filter { $0.minute == c.minute && !registered.contains($0.mn) && !["", "*"].contains($0.mn) }.count
                        if stored + pending >= RefusalLimits.unregisteredRowsPerMinute { mn = RefusalCount.otherMNs }
                    }
                }
                rows[RefusalRowKey(minute: c.minute, reason: c.reason.rawValue, mn: mn), default: 0] += c.count
                totals["refused:" + c.reason.rawValue, default: 0] += c.count
            }
            let sorted = rows.sorted { ($0.key.minute, $0.key.reason, $0.key.mn) < ($1.key.minute, $1.key.reason, $1.key.mn) }
            if !sorted.isEmpty {
                try await db.query("""
                    INSERT INTO refusal_count AS c (minute, reason, mn, count)
                    SELECT * FROM unnest(\(sorted.map(\.key.minute))::int8[], \(sorted.map(\.key.reason))::text[],
                                         \(sorted.map(\.key.mn))::text[], \(sorted.map { Int64($0.value) })::int8[])
                    ON CONFLICT (minute, reason, mn) DO UPDATE SET count = c.count + excluded.count
                    """, logger: logger)
            }
            try await db.query("DELETE FROM refusal_count WHERE minute < \(newest - RefusalLimits.retentionSeconds)", logger: logger)
            try await Self.bump(totals, db)
        }
    }

    private struct RefusalRowKey: Hashable { let minute: Int64; let reason: String; let mn: String }

    public func recordBadFrameSamples(_ samples: [BadFrameSample]) throws {
        guard let newest = samples.map(\.time).max() else { return }
        try write { db in
            let logger = Self.logger
            for s in samples {
                try await db.query("""
                    INSERT INTO bad_frame (peer, time, reason, mn, excerpt) VALUES (\(s.peer), \(s.time), \(s.reason.rawValue), \(s.mn), \(s.excerpt))
                    """, logger: logger)
            }
            try await db.query("""
                DELETE FROM bad_frame WHERE id IN (
                    SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY peer ORDER BY id DESC) AS k FROM bad_frame) AS ranked
                    WHERE k > \(RefusalLimits.samplesPerPeer))
                """, logger: logger)
            try await db.query("""
                DELETE FROM bad_frame WHERE peer NOT IN (
                    SELECT peer FROM bad_frame GROUP BY peer ORDER BY max(id) DESC LIMIT \(RefusalLimits.samplePeers))
                """, logger: logger)
            try await db.query("DELETE FROM bad_frame WHERE time < \(newest - RefusalLimits.retentionSeconds)", logger: logger)
        }
    }

    public func refusalCount(mn: String, since time: Int64) throws -> Int {
        let minute = RefusalCount(time: time, reason: .crc, mn: nil, count: 0).minute
        return try read { db in
            try await db.query("SELECT coalesce(sum(count), 0)::int8 FROM refusal_count WHERE mn = \(mn) AND minute >= \(minute)",
                               logger: Self.logger).collect().first?.decode(Int.self) ?? 0
        }
    }

    public func refusals(since time: Int64, limit: Int) throws -> [RefusalCount] {
        let minute = RefusalCount(time: time, reason: .crc, mn: nil, count: 0).minute
        let location = self.location
        return try read { db in
            var result: [RefusalCount] = []
            for try await (last, reasonText, mn, n) in try await db.query("""
                SELECT max(minute), reason, mn, sum(count)::int8 AS n FROM refusal_count WHERE minute >= \(minute)
                GROUP BY reason, mn ORDER BY n DESC, reason, mn LIMIT \(limit)
                """, logger: Self.logger).decode((Int64, String, String, Int).self) {
                guard let reason = RefusalReason(rawValue: reasonText) else {
                    throw StoreError.unreadableRow(location: location, table: "refusal_count", detail: "reason \"\(reasonText)\" is not known")
                }
                result.append(RefusalCount(time: last, reason: reason, mn: mn.isEmpty ? nil : mn, count: n))
            }
            return result
        }
    }

    public func badFrameSamples() throws -> [BadFrameSample] {
        let location = self.location
        return try read { db in
            var result: [BadFrameSample] = []
            for try await (peer, time, reasonText, mn, excerpt) in try await db.query(
                "SELECT peer, time, reason, mn, excerpt FROM bad_frame ORDER BY id DESC", logger: Self.logger
            ).decode((String, Int64, String, String?, String).self) {
                guard let reason = RefusalReason(rawValue: reasonText) else {
                    throw StoreError.unreadableRow(location: location, table: "bad_frame", detail: "reason \"\(reasonText)\" is not known")
                }
                result.append(BadFrameSample(peer: peer, time: time, reason: reason, mn: mn, excerpt: excerpt))
            }
            return result
        }
    }

    public func feedCounts() throws -> FeedCounts {
        try read { db in
            var counts = FeedCounts()
            for try await (reason, count) in try await db.query("SELECT reason, count FROM feed_count", logger: Self.logger)
                .decode((String, Int).self) {
                switch reason {
                case "accepted": counts.accepted = count
                case "duplicate": counts.duplicates = count
                case "corrected": counts.corrected = count
                default:
                    // A reason this version does not know (counted by an older one) is not shown.
                    if let known = RefusalReason(rawValue: String(reason.dropFirst("refused:".count))) { counts.refused[known] = count }
                }
            }
            return counts
        }
    }

    public func recordHistoryRequests(_ requests: [HistoryRequest]) throws {
        guard !requests.isEmpty else { return }
        try write { db in
            for r in requests.sorted(by: { ($0.mn, $0.cn.rawValue, $0.begin) < ($1.mn, $1.cn.rawValue, $1.begin) }) {
                try await db.query("""
                    INSERT INTO history_request AS h (mn, cn, begin_time, end_time, qn, sent, attempts, state, finished, records)
                    VALUES (\(r.mn), \(r.cn.rawValue), \(r.begin), \(r.end), \(r.qn), \(r.sent), \(r.attempts), \(r.state.rawValue),
                            \(r.finished), \(r.records))
                    ON CONFLICT (mn, cn, begin_time) DO UPDATE SET end_time = excluded.end_time, qn = excluded.qn,
                        sent = excluded.sent, attempts = excluded.attempts, state = excluded.state,
                        finished = excluded.finished, records = excluded.records
                    WHERE excluded.attempts >= h.attempts
                        AND (h.state NOT IN ('done', 'failed') OR (excluded.state = h.state AND excluded.qn = h.qn))
                    """, logger: Self.logger)
            }
        }
    }

    public func historyRequests(limit: Int) throws -> (latest: [HistoryRequest], totals: HistoryRequestTotals) {
        try historyRequests(mn: nil, limit: limit)
    }

    public func historyRequests(mn: String, limit: Int) throws -> (latest: [HistoryRequest], totals: HistoryRequestTotals) {
        try historyRequests(mn: Optional(mn), limit: limit)
    }

    public func historyRequests(mn: String, openOr spans: [(cn: DataCommand, begin: Int64)]) throws -> [HistoryRequest] {
        let location = self.location
        let cns = spans.map(\.cn.rawValue)
        let begins = spans.map(\.begin)
        return try read { db in
            var found: [HistoryRequest] = []
            for try await (cn, begin, end, qn, sent, attempts, stateText, finished, records) in try await db.query("""
                SELECT h.cn, h.begin_time, h.end_time, h.qn, h.sent, h.attempts, h.state, h.finished, h.records
                FROM history_request h WHERE h.mn = \(mn) AND (h.state IN ('sent', 'accepted')
                    OR (h.cn, h.begin_time) IN (SELECT * FROM unnest(\(cns)::int8[], \(begins)::int8[])))
                ORDER BY h.cn, h.begin_time
                """, logger: Self.logger).decode((Int, Int64, Int64, String, Int64, Int, String, Int64?, Int).self) {
                guard let state = HistoryRequest.State(rawValue: stateText) else {
                    throw StoreError.unreadableRow(location: location, table: "history_request", detail: "state \"\(stateText)\" is not known")
                }
                found.append(HistoryRequest(mn: mn, cn: DataCommand(rawValue: cn), begin: begin, end: end, qn: qn, sent: sent,
                                            attempts: attempts, state: state, finished: finished, records: records))
            }
            return found
        }
    }

    /// All stations' requests, or only `mn`'s.
    private func historyRequests(mn station: String?, limit: Int) throws -> (latest: [HistoryRequest], totals: HistoryRequestTotals) {
        let location = self.location
        return try read { db in
            var latest: [HistoryRequest] = []
            for try await (mn, cn, begin, end, qn, sent, attempts, stateText, finished, records) in try await db.query("""
                SELECT mn, cn, begin_time, end_time, qn, sent, attempts, state, finished, records FROM history_request
                WHERE \(station)::text IS NULL OR mn = \(station) ORDER BY sent DESC, begin_time DESC, mn LIMIT \(limit)
                """, logger: Self.logger).decode((String, Int, Int64, Int64, String, Int64, Int, String, Int64?, Int).self) {
                guard let state = HistoryRequest.State(rawValue: stateText) else {
                    throw StoreError.unreadableRow(location: location, table: "history_request", detail: "state \"\(stateText)\" is not known")
                }
                latest.append(HistoryRequest(mn: mn, cn: DataCommand(rawValue: cn), begin: begin, end: end, qn: qn, sent: sent,
                                             attempts: attempts, state: state, finished: finished, records: records))
            }
            var totals = HistoryRequestTotals()
            if let row = try await db.query("""
                SELECT count(*)::int8, coalesce(sum(attempts), 0)::int8, count(*) FILTER (WHERE state = 'done')::int8,
                       count(*) FILTER (WHERE state = 'failed')::int8, coalesce(sum(records), 0)::int8 FROM history_request
                WHERE \(station)::text IS NULL OR mn = \(station)
                """, logger: Self.logger).collect().first {
                (totals.requests, totals.attempts, totals.done, totals.failed, totals.records) = try row.decode((Int, Int, Int, Int, Int).self)
            }
            return (latest, totals)
        }
    }

    // MARK: Gaps since a station was last seen; the frame log's pruning

    public func recordTimes(mn: String) throws -> [DataCommand: Int64] {
        try read { db in
            var result: [DataCommand: Int64] = [:]
            for try await (cn, time) in try await db.query("SELECT cn, time FROM record_time WHERE mn = \(mn)", logger: Self.logger)
                .decode((Int, Int64).self) {
                result[DataCommand(rawValue: cn)] = time
            }
            return result
        }
    }

    /// As SQLite's: the frames before the first received at or after `time`, in id order.
    @discardableResult
    public func pruneFrameLog(receivedBefore time: Int64, limit: Int) throws -> Int {
        // Every node prunes every sweep: only a prune that removed something tells the consoles.
        try write(notifies: false) { db in
            var deleted = 0
            for try await count in try await db.query("""
                WITH gone AS (
                    DELETE FROM frame WHERE id < coalesce((SELECT id FROM frame WHERE received >= \(time) ORDER BY id LIMIT 1),
                                                          (SELECT max(id) + 1 FROM frame))
                        AND id < (SELECT min(id) FROM frame) + \(Int64(limit))
                    RETURNING 1)
                SELECT count(*) FROM gone
                """, logger: Self.logger).decode(Int.self) {
                deleted = count
            }
            if deleted > 0 { try await db.query("SELECT pg_notify(\(Self.changeChannel), '')", logger: Self.logger) }
            return deleted
        }
    }

    public func latestValues() throws -> [String: [LatestValue]] {
        let location = self.location
        return try read { db in
            var result: [String: [LatestValue]] = [:]
            for try await (mn, code, value, flagText, time, cn) in try await db.query(
                "SELECT mn, code, value, flag, time, cn FROM latest ORDER BY mn, code", logger: Self.logger
            ).decode((String, String, Double, String, Int64, Int).self) {
                guard let flag = DataFlag(rawValue: flagText) else {
                    throw StoreError.unreadableRow(location: location, table: "latest", detail: "\(mn) \(code): flag \"\(flagText)\" is not known")
                }
                result[mn, default: []].append(LatestValue(code: code, value: value, flag: flag, time: time, dataType: DataCommand(rawValue: cn)))
            }
            return result
        }
    }

    public func lastSeen() throws -> [String: Int64] {
        try read { db in
            var result: [String: Int64] = [:]
            for try await (mn, time) in try await db.query("SELECT mn, max(time) FROM latest GROUP BY mn", logger: Self.logger)
                .decode((String, Int64).self) {
                result[mn] = time
            }
            return result
        }
    }

    // MARK: Roll-ups

    public func series(mn: String, codes: [String], grain: RollupGrain, from: Int64, to: Int64) throws -> [String: [SeriesPoint]] {
        guard !codes.isEmpty else { return [:] }
        let start = grain.periodStart(from)
        return try read { db in
            var result: [String: [SeriesPoint]] = [:]
            for try await (code, periodStart, n, total, low, high) in try await db.query("""
                SELECT code, start, n, total, low, high FROM \(unescaped: PostgresSchema.table(grain))
                WHERE mn = \(mn) AND code = ANY(\(codes)) AND start >= \(start) AND start < \(to) ORDER BY code, start
                """, logger: Self.logger).decode((String, Int64, Int, Double, Double, Double).self) {
                result[code, default: []].append(SeriesPoint(start: periodStart, count: n, mean: total / Double(n), low: low, high: high))
            }
            return result
        }
    }

    /// Recomputes every roll-up from the stored readings in bulk (after a bulk load, or to repair).
    public func rebuildRollups() throws {
        try write(bounded: false) { db in
            let logger = Self.logger
            for grain in RollupGrain.allCases {
                try await db.query("DELETE FROM \(unescaped: PostgresSchema.table(grain))", logger: logger)
            }
            try await db.query(PostgresQuery(unsafeSQL: """
                INSERT INTO rollup_hour (mn, code, start, n, total, low, high)
                SELECT mn, code, \(PostgresSchema.periodStart(.hour, "time")) AS s, count(*), sum(value), min(value), max(value)
                FROM reading WHERE flag = 'N' GROUP BY mn, code, s
                """), logger: logger)
            for (grain, source) in [(RollupGrain.day, RollupGrain.hour), (.month, .day)] {
                try await db.query(PostgresQuery(unsafeSQL: """
                    INSERT INTO \(PostgresSchema.table(grain)) (mn, code, start, n, total, low, high)
                    SELECT mn, code, \(PostgresSchema.periodStart(grain, "start")) AS s, sum(n), sum(total), min(low), max(high)
                    FROM \(PostgresSchema.table(source)) GROUP BY mn, code, s
                    """), logger: logger)
            }
        }
    }

    // MARK: Alarms

    public func alarms(includeClosed: Bool, limit: Int) throws -> [Alarm] {
        let location = self.location
        return try read { db in
            let filter = includeClosed ? "" : "WHERE cleared IS NULL OR ack_at IS NULL"
            return try await db.query("""
                SELECT id, mn, rule, started, amount, cleared, ack_by, ack_at FROM alarm \(unescaped: filter)
                ORDER BY started DESC, id DESC LIMIT \(limit)
                """, logger: Self.logger).collect().map { try Self.alarm($0, location: location) }
        }
    }

    public func alarms(since time: Int64, limit: Int) throws -> [Alarm] {
        let location = self.location
        return try read { db in
            try await db.query("""
                SELECT id, mn, rule, started, amount, cleared, ack_by, ack_at FROM alarm
                WHERE cleared IS NULL OR ack_at IS NULL OR started >= \(time) OR cleared >= \(time)
                ORDER BY started DESC, id DESC LIMIT \(limit)
                """, logger: Self.logger).collect().map { try Self.alarm($0, location: location) }
        }
    }

    public func alarms(mn: String, limit: Int) throws -> [Alarm] {
        let location = self.location
        return try read { db in
            try await db.query("""
                SELECT id, mn, rule, started, amount, cleared, ack_by, ack_at FROM alarm WHERE mn = \(mn)
                ORDER BY started DESC, id DESC LIMIT \(limit)
                """, logger: Self.logger).collect().map { try Self.alarm($0, location: location) }
        }
    }

    private static func alarm(_ row: PostgresRow, location: String) throws -> Alarm {
        let (id, mn, ruleText, started, amount, cleared, ackBy, ackAt) =
            try row.decode((Int64, String, String, Int64, Double, Int64?, String?, Int64?).self)
        guard let rule = AlarmRule(rawValue: ruleText) else {
            throw StoreError.unreadableRow(location: location, table: "alarm", detail: "alarm \(id): rule \"\(ruleText)\" is not known")
        }
        return Alarm(id: id, mn: mn, rule: rule, started: started, amount: amount, cleared: cleared,
                     acknowledgedBy: ackBy, acknowledgedAt: ackAt)
    }

    @discardableResult
    public func raiseAlarm(_ alarm: NewAlarm) throws -> Alarm {
        let location = self.location
        return try write { db in
            // One open alarm per station and rule, whichever node raises it (the partial unique index).
            try await db.query("""
                INSERT INTO alarm (mn, rule, started, amount) VALUES (\(alarm.mn), \(alarm.rule.rawValue), \(alarm.started), \(alarm.amount))
                ON CONFLICT (mn, rule) WHERE cleared IS NULL DO NOTHING
                """, logger: Self.logger)
            guard let row = try await db.query("""
                SELECT id, mn, rule, started, amount, cleared, ack_by, ack_at FROM alarm
                WHERE mn = \(alarm.mn) AND rule = \(alarm.rule.rawValue) AND cleared IS NULL
                """, logger: Self.logger).collect().first else {
                throw StoreError.unreadableRow(location: location, table: "alarm", detail: "the alarm just raised cannot be read back")
            }
            return try Self.alarm(row, location: location)
        }
    }

    public func clearAlarm(mn: String, rule: AlarmRule, at time: Int64) throws {
        try write { db in
            try await db.query("UPDATE alarm SET cleared = \(time) WHERE mn = \(mn) AND rule = \(rule.rawValue) AND cleared IS NULL",
                               logger: Self.logger)
        }
    }

    public func acknowledgeAlarm(id: Int64, operator name: String, at time: Int64) throws {
        try write { db in
            try await db.query("UPDATE alarm SET ack_by = \(name), ack_at = \(time) WHERE id = \(id) AND ack_at IS NULL",
                               logger: Self.logger)
        }
    }
}
