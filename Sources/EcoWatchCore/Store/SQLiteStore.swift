import Foundation
import GRDB

/// The EcoWatch database in one SQLite file (WAL mode: one writer, any number of readers,
/// across processes). Opening checks that the file is an EcoWatch database of a schema this
/// binary knows, and refuses — without touching it — anything else.
public final class SQLiteStore: EcoWatchStore, @unchecked Sendable {
    /// The path as given, for messages.
    public let path: String
    private let queue: DatabaseQueue
    /// The file opened (device and inode), to tell when the path no longer leads to it.
    private let file: FileIdentity?
    /// 16 MiB of page cache (SQLite's default is 2 MiB), set on opening and again after a bulk load.
    static let cacheSizePragma = "PRAGMA cache_size = -16384"
    /// The WAL is copied back into the database once it holds 10,000 pages (40 MiB), not
    /// SQLite's 1,000: a page that many commits change (a roll-up's, an index's upper pages, the
    /// end of the frame log) is written back once for all of them, not once every two commits.
    static let walCheckpointPages = 10_000

    /// Opens (creating when missing or empty) the database at `path`, migrating it to the
    /// current schema. Refuses, creating nothing, a path that is a folder or a device, one in a
    /// folder that does not exist, and any file that is not an EcoWatch database (a foreign
    /// SQLite file is recognised from its header and never opened, so it gets no `-wal`).
    /// `busySeconds` is how long to wait for another writer before giving up.
    /// `maxPageCount`, when given, caps the file at that many pages (`PRAGMA max_page_count`,
    /// never below its current size): writes past it fail as `.diskFull`, as on a full disk.
    ///
    /// `readOnly` opens an existing database for a command that only reads: the connection is
    /// read-only and query-only, sets no journal mode and never checkpoints, so it neither
    /// writes nor waits for a writer (WAL readers do not block). A database of an older schema
    /// is migrated once by a writing connection first; a missing one is `.sqlite` (creating and
    /// filling stays with a writing command).
    public init(path: String, busySeconds: Double = 5, maxPageCount: Int? = nil, readOnly: Bool = false) throws(StoreError) {
        self.path = path
        let fileManager = FileManager.default
        let exists = try Self.checkPath(path)
        let size = (try? fileManager.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if readOnly {
            guard exists, size > 0 else { throw .sqlite(path: path, message: "no database here to read") }
            try Self.checkIsEcoWatch(path: path)
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(busySeconds)
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA query_only = ON") }
            do {
                var reader = try DatabaseQueue(path: path, configuration: configuration)
                if try !reader.read({ db in try Schema.migrator.hasCompletedMigrations(db) }) {
                    try reader.close()
                    _ = try SQLiteStore(path: path, busySeconds: busySeconds)
                    reader = try DatabaseQueue(path: path, configuration: configuration)
                }
                queue = reader
            } catch {
                throw Self.storeError(error, path: path)
            }
            file = FileIdentity(path: path)
            return
        }
        if exists, size > 0 {
            try Self.checkIsEcoWatch(path: path)
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(busySeconds)
        // The programme's references are checked at each commit (`PRAGMA foreign_keys`).
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            // FULL: a commit is on disk before it returns, so what ingest acknowledges survives
            // a power cut too (NORMAL in WAL mode may roll the last commits back).
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Ingest's inserts land in the upper pages of the reading identity index and the
            // roll-ups, which then stay in memory instead of being read back every transaction.
            try db.execute(sql: SQLiteStore.cacheSizePragma)
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(SQLiteStore.walCheckpointPages)")
            if let maxPageCount { try db.execute(sql: "PRAGMA max_page_count = \(max(1, maxPageCount))") }
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            // An up-to-date database opens with a read only, so a console can open it while
            // the ingest service holds the write lock.
            let upToDate = try queue.read { db in
                try Int32.fetchOne(db, sql: "PRAGMA application_id") == Schema.applicationID
                    && Schema.migrator.hasCompletedMigrations(db)
            }
            if !upToDate {
                try queue.write { db in try db.execute(sql: "PRAGMA application_id = \(Schema.applicationID)") }
                try Schema.migrator.migrate(queue)
            }
        } catch {
            throw Self.storeError(error, path: path)
        }
        file = FileIdentity(path: path)
    }

    /// Whether `path` names an existing regular file (following links); throws for a folder, a
    /// device, a socket or pipe, and for a new file in a folder that does not exist.
    public static func checkPath(_ path: String) throws(StoreError) -> Bool {
        let fileManager = FileManager.default
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        if let attributes = try? fileManager.attributesOfItem(atPath: resolved), let type = attributes[.type] as? FileAttributeType {
            switch type {
            case .typeRegular: return true
            case .typeDirectory: throw .notAFile(path: path, kind: "a folder")
            case .typeCharacterSpecial, .typeBlockSpecial: throw .notAFile(path: path, kind: "a device")
            case .typeSocket: throw .notAFile(path: path, kind: "a socket")
            default: throw .notAFile(path: path, kind: "not a regular file")
            }
        }
        var folder = (path as NSString).deletingLastPathComponent
        if folder.isEmpty { folder = "." }
        var isFolder: ObjCBool = false
        guard fileManager.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw .noFolder(path: path, folder: folder)
        }
        return false
    }

    /// Refuses a file that is not an SQLite database, not EcoWatch's, or of a newer schema.
    /// The application id is read from the file's header, so another program's database is
    /// never opened by SQLite (which could leave `-wal` and `-shm` files beside it).
    private static func checkIsEcoWatch(path: String) throws(StoreError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .sqlite(path: path, message: "cannot read the file (check its permissions)")
        }
        let header = [UInt8](handle.readData(ofLength: 100))
        try? handle.close()
        guard header.count == 100, header.prefix(16).elementsEqual("SQLite format 3\0".utf8) else { throw .notSQLite(path: path) }
        // The header's application id: bytes 68 to 71, big-endian.
        let applicationID = header[68..<72].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        // Zero with a `-wal` beside it: an EcoWatch database whose first commit (which sets the
        // id) is still in the WAL; SQLite, which reads the WAL, decides below.
        let pending = applicationID == 0 && FileManager.default.fileExists(atPath: path + "-wal")
        guard Int32(bitPattern: applicationID) == Schema.applicationID || pending else { throw .notEcoWatch(path: path) }
        var configuration = Configuration()
        configuration.readonly = true
        do {
            let probe = try DatabaseQueue(path: path, configuration: configuration)
            try probe.read { db in
                guard try Int32.fetchOne(db, sql: "PRAGMA application_id") == Schema.applicationID else {
                    throw StoreError.notEcoWatch(path: path)
                }
                if try Schema.migrator.hasBeenSuperseded(db) {
                    let known = Set(Schema.migrator.migrations)
                    let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
                    throw StoreError.newerSchema(path: path, unknown: applied.filter { !known.contains($0) })
                }
            }
            try probe.close()
        } catch let error as StoreError {
            throw error
        } catch {
            throw storeError(error, path: path)
        }
    }

    /// Turns an SQLite failure into a `StoreError` that says what to do.
    static func storeError(_ error: any Error, path: String) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let dbError = error as? DatabaseError else {
            return .sqlite(path: path, message: String(describing: error))
        }
        switch dbError.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: return .notSQLite(path: path)
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .locked(path: path)
        case .SQLITE_FULL: return .diskFull(path: path)
        default: return .sqlite(path: path, message: dbError.message ?? "\(dbError.resultCode)")
        }
    }

    private func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try queue.read(body) } catch { throw Self.storeError(error, path: path) }
    }

    private func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try queue.write(body) } catch { throw Self.storeError(error, path: path) }
    }

    /// Runs `body` on the writing connection outside any transaction (a bulk load makes its own).
    func writeWithoutTransaction<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try queue.writeWithoutTransaction(body) } catch { throw Self.storeError(error, path: path) }
    }

    // MARK: Programme

    /// A row of `table` whose `column` holds a value no version wrote (`key` names the row).
    func unreadable(_ table: String, _ key: String, _ column: String, _ value: String) -> StoreError {
        .unreadableRow(location: path, table: table, detail: "\(key): \(column) \"\(value)\" is not known")
    }

    /// The stored text of `column` as one of `E`'s values, else `.unreadableRow`.
    func known<E: RawRepresentable<String>>(_: E.Type, _ row: Row, _ column: String, table: String, key: String) throws -> E {
        let text: String = row[column]
        guard let value = E(rawValue: text) else { throw unreadable(table, key, column, text) }
        return value
    }

    public func loadProgramme() throws -> Programme {
        try read { db in
            let districts = try Row.fetchAll(db, sql: "SELECT * FROM district ORDER BY position").map { row in
                let id: String = row["id"]
                return District(id: id, name: LocalizedText(zh: row["name_zh"], en: row["name_en"]),
                                kind: try known(DistrictKind.self, row, "kind", table: "district", key: id), parentID: row["parent"],
                                coastal: row["coastal"], population: row["population"], areaKm2: row["area_km2"])
            }
            let indicators = try Row.fetchAll(db, sql: "SELECT * FROM indicator ORDER BY position").map { row in
                let id: String = row["id"]
                func value<E: RawRepresentable<String>>(_ column: String, _ type: E.Type) throws -> E {
                    try known(type, row, column, table: "indicator", key: id)
                }
                var deadline: Day?
                if let text = row["deadline"] as String? {
                    guard let day = Day(iso: text) else { throw unreadable("indicator", id, "deadline", text) }
                    deadline = day
                }
                return Indicator(id: id, domain: try value("domain", Domain.self), name: LocalizedText(zh: row["name_zh"], en: row["name_en"]),
                                 unit: row["unit"], better: try value("better", Direction.self),
                                 comparator: try value("comparator", Comparator.self), target: row["target"],
                                 deadline: deadline, scope: try value("scope", Scope.self),
                                 aggregation: try value("aggregation", Aggregation.self), headline: row["headline"],
                                 precision: row["precision"], baselineYear: row["baseline_year"])
            }
            var observations: [Observation] = []
            let cursor = try Row.fetchCursor(db, sql: "SELECT indicator, area, month, value FROM observation")
            while let row = try cursor.next() {
                let indicator: String = row["indicator"], area: String = row["area"], text: String = row["month"]
                guard let month = YearMonth(iso: text) else { throw unreadable("observation", "\(indicator) \(area)", "month", text) }
                observations.append(Observation(indicatorID: indicator, areaID: area, month: month, value: row["value"]))
            }
            let tasks = try Row.fetchAll(db, sql: "SELECT id, body FROM task ORDER BY id").map { row in
                try StoredTask.task(fromJSON: row["body"], id: row["id"], location: path)
            }
            let events = try Row.fetchAll(db, sql: "SELECT * FROM task_event ORDER BY id").map { row in
                let id = String(row["id"] as Int64), text: String = row["date"]
                guard let date = Day(iso: text) else { throw unreadable("task_event", id, "date", text) }
                return TaskEvent(taskID: row["task"], date: date, kind: try known(TaskEventKind.self, row, "kind", table: "task_event", key: id),
                                 progress: row["progress"], milestoneYear: row["milestone_year"], flagsRisk: row["flags_risk"],
                                 note: LocalizedText(zh: row["note_zh"], en: row["note_en"]), actor: row["actor"])
            }
            let stations = try Row.fetchAll(db, sql: "SELECT * FROM station ORDER BY position").map { row in
                let mn: String = row["mn"]
                var aliases: [String: String] = [:]
                for pair in (row["aliases"] as String).split(separator: " ") {
                    let parts = pair.split(separator: "=")
                    guard parts.count == 2 else { throw unreadable("station", mn, "aliases", String(pair)) }
                    aliases[String(parts[0])] = String(parts[1])
                }
                return Station(mn: mn, pw: row["pw"], name: LocalizedText(zh: row["name_zh"], en: row["name_en"]),
                               districtID: row["district"], kind: try known(StationKind.self, row, "kind", table: "station", key: mn),
                               targetClass: row["target_class"], codes: (row["codes"] as String).split(separator: " ").map(String.init),
                               intervalSeconds: row["interval_s"], codeAliases: aliases,
                               particleScale: row["particle_scale"], isLake: row["is_lake"])
            }
            return Programme(districts: districts, indicators: indicators, observations: observations,
                             tasks: tasks, events: events, stations: stations)
        }
    }

    public func replaceProgramme(_ programme: Programme) throws {
        try write { db in
            for table in ["district", "indicator", "observation", "task", "task_event", "station"] {
                try db.execute(sql: "DELETE FROM \(table)")
            }
            for (i, d) in programme.districts.enumerated() {
                try db.execute(sql: """
                    INSERT INTO district (id, position, name_zh, name_en, kind, parent, coastal, population, area_km2)
                    VALUES (?,?,?,?,?,?,?,?,?)
                    """,
                               arguments: [d.id, i, d.name.zh, d.name.en, d.kind.rawValue, d.parentID, d.coastal, d.population, d.areaKm2])
            }
            for (i, x) in programme.indicators.enumerated() {
                try db.execute(sql: """
                    INSERT INTO indicator (id, position, domain, name_zh, name_en, unit, better, comparator, target,
                                           deadline, scope, aggregation, headline, precision, baseline_year)
                    VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
                    """, arguments: [x.id, i, x.domain.rawValue, x.name.zh, x.name.en, x.unit, x.better.rawValue,
                                     x.comparator.rawValue, x.target.isFinite ? x.target : 0, x.deadline?.description,
                                     x.scope.rawValue, x.aggregation.rawValue, x.headline, x.precision, x.baselineYear])
            }
            let insertObservation = try db.makeStatement(sql: "INSERT INTO observation (indicator, area, month, value) VALUES (?,?,?,?)")
            for o in programme.observations {
                try insertObservation.execute(arguments: [o.indicatorID, o.areaID, o.month.description, o.value])
            }
            for t in programme.tasks {
                let body = try StoredTask.json(t)
                try db.execute(sql: "INSERT INTO task (id, body) VALUES (?,?)", arguments: [t.id, body])
            }
            for e in programme.events {
                try db.execute(sql: """
                    INSERT INTO task_event (task, date, kind, progress, milestone_year, flags_risk, actor, note_zh, note_en)
                    VALUES (?,?,?,?,?,?,?,?,?)
                    """, arguments: [e.taskID, e.date.description, e.kind.rawValue, e.progress, e.milestoneYear,
                                     e.flagsRisk, e.actor, e.note.zh, e.note.en])
            }
            for (i, s) in programme.stations.enumerated() {
                let aliases = s.codeAliases.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
                try db.execute(sql: """
                    INSERT INTO station (mn, position, pw, name_zh, name_en, district, kind, target_class, codes, interval_s,
                                         aliases, particle_scale, is_lake)
                    VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)
                    """,
                               arguments: [s.mn, i, s.pw, s.name.zh, s.name.en, s.districtID, s.kind.rawValue,
                                           s.targetClass, s.codes.joined(separator: " "), s.intervalSeconds, aliases,
                                           s.particleScale, s.isLake])
            }
        }
    }

    /// True when the programme tables hold nothing yet (a new database).
    public func isEmpty() throws -> Bool {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM district") == 0 }
    }

    /// `PRAGMA data_version` moves with other connections' commits only; the connection's
    /// own changes (the ingest service of `--demo` shares it with the console) are counted by
    /// SQLite's total changes. Together they move with every commit, whoever made it.
    ///
    /// Throws when the path no longer leads to the file opened (removed, or replaced by another):
    /// the connection would go on reading the old file, and no commit would ever show.
    public func changeToken() throws -> Int? {
        if let file, FileIdentity(path: path) != file {
            throw StoreError.sqlite(path: path, message: "the database file was removed or replaced since it was opened; "
                                    + "what is shown is what was read before — put it back, or start again to open the new one")
        }
        return try read { db in
            let version = try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0
            return Int(truncatingIfNeeded: (UInt64(truncatingIfNeeded: version) << 40) ^ UInt64(truncatingIfNeeded: db.totalChangesCount))
        }
    }

    // MARK: Feed

    public func ingest(_ frames: [IngestFrame]) throws -> [IngestOutcome] {
        let now = Int64(Date().timeIntervalSince1970)
        return try write { db in
            let logFrame = try db.cachedStatement(sql: "INSERT INTO frame (mn, qn, cn, received, readings) VALUES (?,?,?,?,?)")
            let insertReading = try db.cachedStatement(sql: """
                INSERT INTO reading (mn, code, time, cn, value, flag) VALUES (?,?,?,?,?,?) ON CONFLICT DO NOTHING
                """)
            let storedReading = try db.cachedStatement(sql: "SELECT value, flag FROM reading WHERE mn = ? AND code = ? AND time = ? AND cn = ?")
            let correctReading = try db.cachedStatement(sql: "UPDATE reading SET value = ?, flag = ? WHERE mn = ? AND code = ? AND time = ? AND cn = ?")
            let upsertLatest = try db.cachedStatement(sql: """
                INSERT INTO latest (mn, code, value, flag, time, cn) VALUES (?,?,?,?,?,?)
                ON CONFLICT (mn, code) DO UPDATE SET value = excluded.value, flag = excluded.flag,
                    time = excluded.time, cn = excluded.cn
                WHERE excluded.time >= latest.time
                """)
            let moveRecordTime = try db.cachedStatement(sql: """
                INSERT INTO record_time (mn, cn, time) VALUES (?,?,?)
                ON CONFLICT (mn, cn) DO UPDATE SET time = excluded.time WHERE excluded.time > record_time.time
                """)
            var outcomes: [IngestOutcome] = []
            outcomes.reserveCapacity(frames.count)
            var accepted = 0, corrections = 0
            var rollups = RollupBatch()
            // The latest values and record times move once per key a transaction, written after
            // the readings: the same result as a statement per record, a fraction of the B-tree work.
            var latest: [LatestKey: Reading] = [:]
            var recordTimes: [RecordTimeKey: Int64] = [:]
            for frame in frames {
                var added = 0, corrected = 0
                for r in frame.readings {
                    try insertReading.execute(arguments: [r.mn, r.code, r.time, r.dataType.rawValue, r.value, r.flag.rawValue])
                    if db.changesCount > 0 {
                        added += 1
                        rollups.add(r)
                    } else {
                        // The record is stored already: a resend as it was changes nothing; a
                        // correction replaces it and its periods are recomputed from the readings.
                        let identity: StatementArguments = [r.mn, r.code, r.time, r.dataType.rawValue]
                        guard let old = try Row.fetchOne(storedReading, arguments: identity),
                              old[0] as Double != r.value || old[1] as String != r.flag.rawValue else { continue }
                        try correctReading.execute(arguments: [r.value, r.flag.rawValue] + identity)
                        corrected += 1
                        rollups.recompute(r)
                    }
                    let key = LatestKey(mn: r.mn, code: r.code)
                    if let held = latest[key], held.time > r.time { continue }
                    latest[key] = r
                }
                if frame.dataType.isHistory, let time = frame.readings.map(\.time).max() {
                    let key = RecordTimeKey(mn: frame.mn, dataType: frame.dataType)
                    recordTimes[key] = max(recordTimes[key] ?? time, time)
                }
                if frame.readings.isEmpty || added + corrected > 0 {
                    try logFrame.execute(arguments: [frame.mn, frame.qn, frame.dataType.rawValue, now, added + corrected])
                    accepted += 1
                    corrections += corrected
                    outcomes.append(.stored(added: added, corrected: corrected))
                } else {
                    outcomes.append(.duplicate)
                }
            }
            for r in latest.values {
                try upsertLatest.execute(arguments: [r.mn, r.code, r.value, r.flag.rawValue, r.time, r.dataType.rawValue])
            }
            for (key, time) in recordTimes {
                try moveRecordTime.execute(arguments: [key.mn, key.dataType.rawValue, time])
            }
            try SQLiteRollups.write(rollups, db)
            try Self.bump(db, "accepted", by: accepted)
            try Self.bump(db, "duplicate", by: frames.count - accepted)
            try Self.bump(db, "corrected", by: corrections)
            return outcomes
        }
    }

    /// A station's code, whose latest value one ingest transaction writes once.
    private struct LatestKey: Hashable {
        let mn: String
        let code: String
    }

    /// A station's kind of record, whose newest time one ingest transaction writes once.
    private struct RecordTimeKey: Hashable {
        let mn: String
        let dataType: DataCommand
    }

    private static func bump(_ db: Database, _ reason: String, by count: Int) throws {
        guard count > 0 else { return }
        try db.execute(sql: """
            INSERT INTO feed_count (reason, count) VALUES (?, ?) ON CONFLICT (reason) DO UPDATE SET count = count + excluded.count
            """, arguments: [reason, count])
    }

    public func recordRefusals(_ counts: [RefusalCount]) throws {
        guard let newest = counts.map(\.minute).max() else { return }
        try write { db in
            let registered = try db.cachedStatement(sql: "SELECT 1 FROM station WHERE mn = ?")
            let counted = try db.cachedStatement(sql: "SELECT 1 FROM refusal_count WHERE minute = ? AND reason = ? AND mn = ?")
            let unregisteredRows = try db.cachedStatement(sql: """
                SELECT count(*) FROM refusal_count
                WHERE minute = ? AND mn NOT IN ('', '*') AND mn NOT IN (SELECT mn FROM station)
                """)
            let add = try db.cachedStatement(sql: """
                INSERT INTO refusal_count (minute, reason, mn, count) VALUES (?,?,?,?)
                ON CONFLICT (minute, reason, mn) DO UPDATE SET count = count + excluded.count
                """)
            var totals: [RefusalReason: Int] = [:]
            for c in counts where c.count > 0 {
                var mn = c.mn ?? ""
                // An MN not in the registry gets a counter of its own only while the minute has
                // room: claimed MNs are the sender's to invent.
                if !mn.isEmpty, mn != RefusalCount.otherMNs,
                   try Int.fetchOne(registered, arguments: [mn]) == nil,
                   try Int.fetchOne(counted, arguments: [c.minute, c.reason.rawValue, mn]) == nil,
                   try Int.fetchOne(unregisteredRows, arguments: [c.minute]) ?? 0 >= RefusalLimits.unregisteredRowsPerMinute {
                    mn = RefusalCount.otherMNs
                }
                try add.execute(arguments: [c.minute, c.reason.rawValue, mn, c.count])
                totals[c.reason, default: 0] += c.count
            }
            try db.execute(sql: "DELETE FROM refusal_count WHERE minute < ?", arguments: [newest - RefusalLimits.retentionSeconds])
            for (reason, count) in totals { try Self.bump(db, "refused:" + reason.rawValue, by: count) }
        }
    }

    public func recordBadFrameSamples(_ samples: [BadFrameSample]) throws {
        guard let newest = samples.map(\.time).max() else { return }
        try write { db in
            let insert = try db.cachedStatement(sql: "INSERT INTO bad_frame (peer, time, reason, mn, excerpt) VALUES (?,?,?,?,?)")
            for sample in samples {
                try insert.execute(arguments: [sample.peer, sample.time, sample.reason.rawValue, sample.mn, sample.excerpt])
            }
            try db.execute(sql: """
                DELETE FROM bad_frame WHERE id IN (
                    SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY peer ORDER BY id DESC) AS k FROM bad_frame)
                    WHERE k > ?);
                DELETE FROM bad_frame WHERE peer NOT IN (
                    SELECT peer FROM bad_frame GROUP BY peer ORDER BY max(id) DESC LIMIT ?);
                DELETE FROM bad_frame WHERE time < ?;
                """, arguments: [RefusalLimits.samplesPerPeer, RefusalLimits.samplePeers, newest - RefusalLimits.retentionSeconds])
        }
    }

    public func refusalCount(mn: String, since time: Int64) throws -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT coalesce(sum(count), 0) FROM refusal_count WHERE mn = ? AND minute >= ?",
                             arguments: [mn, RefusalCount(time: time, reason: .crc, mn: nil, count: 0).minute]) ?? 0
        }
    }

    public func refusals(since time: Int64, limit: Int) throws -> [RefusalCount] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT max(minute), reason, mn, sum(count) AS n FROM refusal_count WHERE minute >= ?
                GROUP BY reason, mn ORDER BY n DESC, reason, mn LIMIT ?
                """, arguments: [RefusalCount(time: time, reason: .crc, mn: nil, count: 0).minute, limit]).map { row in
                let mn: String = row["mn"]
                return RefusalCount(time: row[0], reason: try known(RefusalReason.self, row, "reason", table: "refusal_count", key: mn),
                                    mn: mn.isEmpty ? nil : mn, count: row[3])
            }
        }
    }

    public func badFrameSamples() throws -> [BadFrameSample] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, peer, time, reason, mn, excerpt FROM bad_frame ORDER BY id DESC").map { row in
                BadFrameSample(peer: row["peer"], time: row["time"],
                               reason: try known(RefusalReason.self, row, "reason", table: "bad_frame", key: String(row["id"] as Int64)),
                               mn: row["mn"], excerpt: row["excerpt"])
            }
        }
    }

    public func feedCounts() throws -> FeedCounts {
        try read { db in
            var counts = FeedCounts()
            for row in try Row.fetchAll(db, sql: "SELECT reason, count FROM feed_count") {
                let reason: String = row[0], count: Int = row[1]
                switch reason {
                case "accepted": counts.accepted = count
                case "duplicate": counts.duplicates = count
                case "corrected": counts.corrected = count
                default:
                    // A reason this version does not know (counted by an older one) is not shown.
                    if let known = RefusalReason(rawValue: String(reason.dropFirst("refused:".count))) {
                        counts.refused[known] = count
                    }
                }
            }
            return counts
        }
    }

    public func recordHistoryRequests(_ requests: [HistoryRequest]) throws {
        guard !requests.isEmpty else { return }
        try write { db in
            let upsert = try db.cachedStatement(sql: """
                INSERT INTO history_request (mn, cn, begin, end, qn, sent, attempts, state, finished, records)
                VALUES (?,?,?,?,?,?,?,?,?,?)
                ON CONFLICT (mn, cn, begin) DO UPDATE SET end = excluded.end, qn = excluded.qn, sent = excluded.sent,
                    attempts = excluded.attempts, state = excluded.state, finished = excluded.finished,
                    records = excluded.records
                WHERE excluded.attempts >= history_request.attempts
                    AND (history_request.state NOT IN ('done', 'failed')
                         OR (excluded.state = history_request.state AND excluded.qn = history_request.qn))
                """)
            for r in requests {
                try upsert.execute(arguments: [r.mn, r.cn.rawValue, r.begin, r.end, r.qn, r.sent, r.attempts,
                                               r.state.rawValue, r.finished, r.records])
            }
        }
    }

    public func historyRequests(limit: Int) throws -> (latest: [HistoryRequest], totals: HistoryRequestTotals) {
        try historyRequests(where: "", arguments: [], limit: limit)
    }

    public func historyRequests(mn: String, limit: Int) throws -> (latest: [HistoryRequest], totals: HistoryRequestTotals) {
        try historyRequests(where: "WHERE mn = ?", arguments: [mn], limit: limit)
    }

    public func historyRequests(mn: String, openOr spans: [(cn: DataCommand, begin: Int64)]) throws -> [HistoryRequest] {
        try read { db in
            var found: [HistoryRequest] = []
            let open = try Row.fetchAll(db, sql: """
                SELECT mn, cn, begin, end, qn, sent, attempts, state, finished, records FROM history_request
                WHERE mn = ? AND state IN ('sent', 'accepted') ORDER BY cn, begin
                """, arguments: [mn])
            let held = try spans.compactMap { span in
                try Row.fetchOne(db, sql: """
                    SELECT mn, cn, begin, end, qn, sent, attempts, state, finished, records FROM history_request
                    WHERE mn = ? AND cn = ? AND begin = ? AND state NOT IN ('sent', 'accepted')
                    """, arguments: [mn, span.cn.rawValue, span.begin])
            }
            for row in open + held {
                found.append(HistoryRequest(mn: mn, cn: DataCommand(rawValue: row[1]), begin: row[2], end: row[3], qn: row[4],
                                            sent: row[5], attempts: row[6],
                                            state: try known(HistoryRequest.State.self, row, "state", table: "history_request", key: mn),
                                            finished: row[8], records: row[9]))
            }
            return found.sorted { ($0.cn.rawValue, $0.begin) < ($1.cn.rawValue, $1.begin) }
        }
    }

    private func historyRequests(where filter: String, arguments: StatementArguments, limit: Int) throws
        -> (latest: [HistoryRequest], totals: HistoryRequestTotals) {
        try read { db in
            let latest = try Row.fetchAll(db, sql: """
                SELECT mn, cn, begin, end, qn, sent, attempts, state, finished, records FROM history_request \(filter)
                ORDER BY sent DESC, begin DESC, mn LIMIT ?
                """, arguments: arguments + [limit]).map { row in
                let mn: String = row["mn"]
                return HistoryRequest(mn: mn, cn: DataCommand(rawValue: row[1]), begin: row[2], end: row[3], qn: row[4],
                                      sent: row[5], attempts: row[6],
                                      state: try known(HistoryRequest.State.self, row, "state", table: "history_request", key: mn),
                                      finished: row[8], records: row[9])
            }
            var totals = HistoryRequestTotals()
            if let row = try Row.fetchOne(db, sql: """
                SELECT count(*), coalesce(sum(attempts), 0), coalesce(sum(state = 'done'), 0),
                       coalesce(sum(state = 'failed'), 0), coalesce(sum(records), 0) FROM history_request \(filter)
                """, arguments: arguments) {
                totals.requests = row[0]
                totals.attempts = row[1]
                totals.done = row[2]
                totals.failed = row[3]
                totals.records = row[4]
            }
            return (latest, totals)
        }
    }

    public func recordTimes(mn: String) throws -> [DataCommand: Int64] {
        try read { db in
            var result: [DataCommand: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT cn, time FROM record_time WHERE mn = ?", arguments: [mn]) {
                result[DataCommand(rawValue: row[0])] = row[1]
            }
            return result
        }
    }

    @discardableResult
    public func pruneFrameLog(receivedBefore time: Int64, limit: Int) throws -> Int {
        try write { db in
            try db.execute(sql: Self.pruneFrameLogSQL, arguments: [time, limit])
            return db.changesCount
        }
    }

    /// The frame log in id order is the order of arrival: the frames before the first one
    /// received at or after the time go (all of them when none is), `limit` at most; found from
    /// the start of the table, without an index on `received`.
    static let pruneFrameLogSQL = """
        DELETE FROM frame WHERE id < coalesce((SELECT id FROM frame WHERE received >= ?1 ORDER BY id LIMIT 1),
                                              (SELECT max(id) + 1 FROM frame))
            AND id < (SELECT min(id) FROM frame) + ?2
        """

    public func latestValues() throws -> [String: [LatestValue]] {
        try read { db in
            var result: [String: [LatestValue]] = [:]
            for row in try Row.fetchAll(db, sql: Self.latestValuesSQL) {
                let mn: String = row["mn"], code: String = row["code"]
                // Ingest stores only flags of the vocabulary; anything else was not written by it.
                let flag = try known(DataFlag.self, row, "flag", table: "latest", key: "\(mn) \(code)")
                result[mn, default: []].append(LatestValue(code: code, value: row[2], flag: flag, time: row[4],
                                                           dataType: DataCommand(rawValue: row[5])))
            }
            return result
        }
    }

    public func lastSeen() throws -> [String: Int64] {
        try read { db in
            var result: [String: Int64] = [:]
            for row in try Row.fetchAll(db, sql: Self.lastSeenSQL) {
                result[row[0]] = row[1]
            }
            return result
        }
    }

    static let latestValuesSQL = "SELECT mn, code, value, flag, time, cn FROM latest ORDER BY mn, code"
    static let lastSeenSQL = "SELECT mn, max(time) FROM latest GROUP BY mn"

    // MARK: Roll-ups

    public func series(mn: String, codes: [String], grain: RollupGrain, from: Int64, to: Int64) throws -> [String: [SeriesPoint]] {
        guard !codes.isEmpty else { return [:] }
        let sql = Self.seriesSQL(grain, codes: codes.count)
        let arguments: [any DatabaseValueConvertible] = [mn] + codes + [grain.periodStart(from), to]
        return try read { db in
            var result: [String: [SeriesPoint]] = [:]
            for row in try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)) {
                let n: Int = row[2], total: Double = row[3]
                result[row[0], default: []].append(SeriesPoint(start: row[1], count: n, mean: total / Double(n), low: row[4], high: row[5]))
            }
            return result
        }
    }

    /// A station's `codes` codes of one grain: arguments MN, the codes, from, to.
    static func seriesSQL(_ grain: RollupGrain, codes: Int) -> String {
        """
        SELECT code, start, n, total, low, high FROM \(SQLiteRollups.table(grain))
        WHERE mn = ? AND code IN (\(Array(repeating: "?", count: codes).joined(separator: ", "))) AND start >= ? AND start < ?
        ORDER BY code, start
        """
    }

    /// Recomputes every roll-up from the stored readings in bulk (after a bulk load, or to repair).
    public func rebuildRollups() throws {
        try write { db in try SQLiteRollups.rebuildAll(db) }
    }

    // MARK: Alarms

    public func alarms(includeClosed: Bool, limit: Int) throws -> [Alarm] {
        try read { db in
            let filter = includeClosed ? "" : "WHERE cleared IS NULL OR ack_at IS NULL"
            return try Row.fetchAll(db, sql: "SELECT * FROM alarm \(filter) ORDER BY started DESC, id DESC LIMIT ?",
                                    arguments: [limit]).map(alarm)
        }
    }

    public func alarms(since time: Int64, limit: Int) throws -> [Alarm] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM alarm WHERE cleared IS NULL OR ack_at IS NULL OR started >= ?1 OR cleared >= ?1
                ORDER BY started DESC, id DESC LIMIT ?2
                """, arguments: [time, limit]).map(alarm)
        }
    }

    public func alarms(mn: String, limit: Int) throws -> [Alarm] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM alarm WHERE mn = ? ORDER BY started DESC, id DESC LIMIT ?",
                             arguments: [mn, limit]).map(alarm)
        }
    }

    private func alarm(_ row: Row) throws -> Alarm {
        let id: Int64 = row["id"]
        return Alarm(id: id, mn: row["mn"], rule: try known(AlarmRule.self, row, "rule", table: "alarm", key: "alarm \(id)"),
                     started: row["started"], amount: row["amount"], cleared: row["cleared"],
                     acknowledgedBy: row["ack_by"], acknowledgedAt: row["ack_at"])
    }

    @discardableResult
    public func raiseAlarm(_ alarm: NewAlarm) throws -> Alarm {
        try write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO alarm (mn, rule, started, value, amount) VALUES (?,?,?,'',?)",
                           arguments: [alarm.mn, alarm.rule.rawValue, alarm.started, alarm.amount])
            let row = try Row.fetchOne(db, sql: "SELECT * FROM alarm WHERE mn = ? AND rule = ? AND cleared IS NULL",
                                       arguments: [alarm.mn, alarm.rule.rawValue])
            guard let row else {
                throw StoreError.unreadableRow(location: path, table: "alarm", detail: "the alarm just raised cannot be read back")
            }
            return try self.alarm(row)
        }
    }

    public func clearAlarm(mn: String, rule: AlarmRule, at time: Int64) throws {
        try write { db in
            try db.execute(sql: "UPDATE alarm SET cleared = ? WHERE mn = ? AND rule = ? AND cleared IS NULL",
                           arguments: [time, mn, rule.rawValue])
        }
    }

    public func acknowledgeAlarm(id: Int64, operator name: String, at time: Int64) throws {
        try write { db in
            try db.execute(sql: "UPDATE alarm SET ack_by = ?, ack_at = ? WHERE id = ? AND ack_at IS NULL",
                           arguments: [name, time, id])
        }
    }
}

/// A file's device and inode: the same path may come to lead to another file.
private struct FileIdentity: Equatable {
    let device: UInt64
    let inode: UInt64

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}
