import GRDB

/// The database's schema, as versioned migrations. A migration, once released, never changes:
/// a change is a new migration appended here.
enum Schema {
    /// `PRAGMA application_id` of every EcoWatch database ("EcWt").
    static let applicationID: Int32 = 0x4563_5774

    /// The index that makes a record unique: MN, code, DataTime and CN. It also serves every
    /// look-up of one station's code over time (its first columns).
    static let readingIdentityIndexSQL = "CREATE UNIQUE INDEX reading_identity ON reading (mn, code, time, cn)"

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-programme-and-feed") { db in
            try db.execute(sql: """
                CREATE TABLE district (
                    id TEXT PRIMARY KEY, position INTEGER NOT NULL, name_zh TEXT NOT NULL, name_en TEXT NOT NULL,
                    kind TEXT NOT NULL, parent TEXT, coastal INTEGER NOT NULL, population INTEGER NOT NULL,
                    area_km2 REAL NOT NULL);
                CREATE TABLE indicator (
                    id TEXT PRIMARY KEY, position INTEGER NOT NULL, domain TEXT NOT NULL, name_zh TEXT NOT NULL,
                    name_en TEXT NOT NULL, unit TEXT NOT NULL, better TEXT NOT NULL, comparator TEXT NOT NULL,
                    target REAL NOT NULL, deadline TEXT, scope TEXT NOT NULL, aggregation TEXT NOT NULL,
                    headline INTEGER NOT NULL);
                CREATE TABLE observation (
                    indicator TEXT NOT NULL, area TEXT NOT NULL, month TEXT NOT NULL, value REAL NOT NULL,
                    PRIMARY KEY (indicator, area, month)) WITHOUT ROWID;
                CREATE TABLE task (
                    id TEXT PRIMARY KEY, body TEXT NOT NULL);
                CREATE TABLE task_event (
                    id INTEGER PRIMARY KEY, task TEXT NOT NULL, date TEXT NOT NULL, kind TEXT NOT NULL,
                    progress INTEGER, milestone_year INTEGER, flags_risk INTEGER NOT NULL, actor TEXT NOT NULL,
                    note_zh TEXT NOT NULL, note_en TEXT NOT NULL);
                CREATE TABLE station (
                    mn TEXT PRIMARY KEY, position INTEGER NOT NULL, pw TEXT NOT NULL, name_zh TEXT NOT NULL,
                    name_en TEXT NOT NULL, district TEXT NOT NULL, kind TEXT NOT NULL, target_class TEXT,
                    codes TEXT NOT NULL, interval_s INTEGER NOT NULL, aliases TEXT NOT NULL,
                    particle_scale REAL NOT NULL, is_lake INTEGER NOT NULL);

                CREATE TABLE frame (
                    mn TEXT NOT NULL, qn TEXT NOT NULL, cn INTEGER NOT NULL, received INTEGER NOT NULL,
                    PRIMARY KEY (mn, qn)) WITHOUT ROWID;
                CREATE TABLE reading (
                    mn TEXT NOT NULL, code TEXT NOT NULL, time INTEGER NOT NULL, cn INTEGER NOT NULL,
                    value REAL NOT NULL, flag TEXT NOT NULL);
                CREATE INDEX reading_by_station ON reading (mn, code, time);
                CREATE TABLE latest (
                    mn TEXT NOT NULL, code TEXT NOT NULL, value REAL NOT NULL, flag TEXT NOT NULL,
                    time INTEGER NOT NULL, cn INTEGER NOT NULL, PRIMARY KEY (mn, code)) WITHOUT ROWID;
                CREATE TABLE feed_count (reason TEXT PRIMARY KEY, count INTEGER NOT NULL) WITHOUT ROWID;
                CREATE TABLE refusal (time INTEGER NOT NULL, mn TEXT, reason TEXT NOT NULL);
                CREATE INDEX refusal_by_station ON refusal (mn, time);
                CREATE TABLE alarm (
                    id INTEGER PRIMARY KEY, mn TEXT NOT NULL, rule TEXT NOT NULL, started INTEGER NOT NULL,
                    value TEXT NOT NULL, cleared INTEGER, ack_by TEXT, ack_at INTEGER);
                CREATE UNIQUE INDEX one_open_alarm ON alarm (mn, rule) WHERE cleared IS NULL;
                """)
        }
        migrator.registerMigration("v2-rollups") { db in
            // Hourly, daily (Beijing time) and monthly aggregates of N-flagged readings, kept up to
            // date by ingest, so that screens read periods instead of scanning `reading`.
            for grain in RollupGrain.allCases {
                try db.execute(sql: """
                    CREATE TABLE \(SQLiteRollups.table(grain)) (
                        mn TEXT NOT NULL, code TEXT NOT NULL, start INTEGER NOT NULL, n INTEGER NOT NULL,
                        total REAL NOT NULL, low REAL NOT NULL, high REAL NOT NULL,
                        PRIMARY KEY (mn, code, start)) WITHOUT ROWID
                    """)
            }
            try SQLiteRollups.rebuildAll(db)
        }
        migrator.registerMigration("v3-indicator-precision-baseline") { db in
            // The reporting precision each value is rounded to (GB/T 8170) and judged at, and the
            // baseline year of a target written as "not above the 2020 value". Databases filled
            // before this get one decimal and no baseline until `ecowatch import` reloads them.
            try db.execute(sql: """
                ALTER TABLE indicator ADD COLUMN precision INTEGER NOT NULL DEFAULT 1;
                ALTER TABLE indicator ADD COLUMN baseline_year INTEGER;
                """)
        }
        migrator.registerMigration("v4-record-identity") { db in
            // A record is MN, CN, DataTime and pollutant code, never the QN (a station's answer to
            // a history request carries the request's QN on every record). Of the values stored
            // more than once under different QNs, the last one stands; the roll-ups are rebuilt.
            try db.execute(sql: """
                DELETE FROM reading WHERE rowid NOT IN (SELECT max(rowid) FROM reading GROUP BY mn, code, time, cn);
                DROP INDEX reading_by_station;
                \(readingIdentityIndexSQL);
                ALTER TABLE frame RENAME TO frame_v1;
                CREATE TABLE frame (
                    id INTEGER PRIMARY KEY, mn TEXT NOT NULL, qn TEXT NOT NULL, cn INTEGER NOT NULL,
                    received INTEGER NOT NULL, readings INTEGER NOT NULL);
                INSERT INTO frame (mn, qn, cn, received, readings) SELECT mn, qn, cn, received, 0 FROM frame_v1 ORDER BY received;
                DROP TABLE frame_v1;
                """)
            try SQLiteRollups.rebuildAll(db)
        }
        migrator.registerMigration("i12-alarms-by-station") { db in
            // The station screen lists one station's alarms, newest first.
            try db.execute(sql: "CREATE INDEX alarm_by_station ON alarm (mn, started)")
        }
        migrator.registerMigration("i12-alarm-amounts") { db in
            // An alarm's value becomes a number in its rule's terms (rendered in the reader's
            // language, sorted as a number); the English text older versions wrote is read once.
            try db.execute(sql: "ALTER TABLE alarm ADD COLUMN amount REAL NOT NULL DEFAULT 0")
            for row in try Row.fetchAll(db, sql: "SELECT id, rule, value FROM alarm") {
                guard let rule = AlarmRule(rawValue: row["rule"]), let amount = rule.amount(fromText: row["value"]) else { continue }
                try db.execute(sql: "UPDATE alarm SET amount = ?, value = '' WHERE id = ?", arguments: [amount, row["id"] as Int64])
            }
            try db.execute(sql: "CREATE INDEX alarm_by_start ON alarm (started)")
        }
        migrator.registerMigration("v5-refusal-counters") { db in
            // Refusals are counted per minute, reason and claimed MN ('' when none could be read,
            // '*' for unregistered MNs over the per-minute limit), never stored a row each; and a
            // few bad frames per peer are kept for the duty officer.
            try db.execute(sql: """
                CREATE TABLE refusal_count (
                    minute INTEGER NOT NULL, reason TEXT NOT NULL, mn TEXT NOT NULL, count INTEGER NOT NULL,
                    PRIMARY KEY (minute, reason, mn)) WITHOUT ROWID;
                CREATE INDEX refusal_count_by_station ON refusal_count (mn, minute);
                INSERT INTO refusal_count
                    SELECT time - time % 60, reason, coalesce(mn, ''), count(*) FROM refusal GROUP BY 1, 2, 3;
                DROP TABLE refusal;
                CREATE TABLE bad_frame (
                    id INTEGER PRIMARY KEY, peer TEXT NOT NULL, time INTEGER NOT NULL, reason TEXT NOT NULL,
                    mn TEXT, excerpt TEXT NOT NULL);
                """)
        }
        migrator.registerMigration("v6-history-requests") { db in
            // Requests sent to stations for the records of a gap, one row per span asked for.
            try db.execute(sql: """
                CREATE TABLE history_request (
                    mn TEXT NOT NULL, cn INTEGER NOT NULL, begin INTEGER NOT NULL, end INTEGER NOT NULL,
                    qn TEXT NOT NULL, sent INTEGER NOT NULL, attempts INTEGER NOT NULL, state TEXT NOT NULL,
                    finished INTEGER, records INTEGER NOT NULL,
                    PRIMARY KEY (mn, cn, begin)) WITHOUT ROWID;
                CREATE INDEX history_request_by_time ON history_request (sent);
                """)
        }
        migrator.registerMigration("v7-record-times") { db in
            // Each station's newest minute, hourly and daily record time, kept by ingest, so the
            // gap since a station was last seen is asked for whichever node it last talked to.
            try db.execute(sql: """
                CREATE TABLE record_time (mn TEXT NOT NULL, cn INTEGER NOT NULL, time INTEGER NOT NULL,
                    PRIMARY KEY (mn, cn)) WITHOUT ROWID;
                \(recordTimesFromLatestSQL);
                """)
        }
        migrator.registerMigration("v8-programme-foreign-keys") { db in
            // The programme tables declare their references, as on PostgreSQL: a district's parent,
            // an observation's indicator, a task event's task, a station's district (deferred to the
            // commit, so the import deletes and reinserts in one transaction). The live tables name
            // a station by MN without a foreign key: a re-import may retire a station while its
            // history stays. SQLite adds a constraint only by rebuilding the table; the rows are
            // copied by column name, and GRDB checks every reference before the migration commits.
            let deferred = "DEFERRABLE INITIALLY DEFERRED"
            let tables: [(name: String, columns: String, definition: String)] = [
                ("district", "id, position, name_zh, name_en, kind, parent, coastal, population, area_km2", """
                    id TEXT PRIMARY KEY, position INTEGER NOT NULL, name_zh TEXT NOT NULL, name_en TEXT NOT NULL,
                    kind TEXT NOT NULL, parent TEXT REFERENCES district (id) \(deferred), coastal INTEGER NOT NULL,
                    population INTEGER NOT NULL, area_km2 REAL NOT NULL
                    """),
                ("observation", "indicator, area, month, value", """
                    indicator TEXT NOT NULL REFERENCES indicator (id) \(deferred), area TEXT NOT NULL, month TEXT NOT NULL,
                    value REAL NOT NULL, PRIMARY KEY (indicator, area, month)
                    """),
                ("task_event", "id, task, date, kind, progress, milestone_year, flags_risk, actor, note_zh, note_en", """
                    id INTEGER PRIMARY KEY, task TEXT NOT NULL REFERENCES task (id) \(deferred), date TEXT NOT NULL,
                    kind TEXT NOT NULL, progress INTEGER, milestone_year INTEGER, flags_risk INTEGER NOT NULL,
                    actor TEXT NOT NULL, note_zh TEXT NOT NULL, note_en TEXT NOT NULL
                    """),
                ("station", "mn, position, pw, name_zh, name_en, district, kind, target_class, codes, interval_s, aliases, particle_scale, is_lake", """
                    mn TEXT PRIMARY KEY, position INTEGER NOT NULL, pw TEXT NOT NULL, name_zh TEXT NOT NULL,
                    name_en TEXT NOT NULL, district TEXT NOT NULL REFERENCES district (id) \(deferred), kind TEXT NOT NULL,
                    target_class TEXT, codes TEXT NOT NULL, interval_s INTEGER NOT NULL, aliases TEXT NOT NULL,
                    particle_scale REAL NOT NULL, is_lake INTEGER NOT NULL
                    """),
            ]
            for table in tables {
                let options = table.name == "observation" ? " WITHOUT ROWID" : ""
                try db.execute(sql: """
                    CREATE TABLE new_\(table.name) (\(table.definition))\(options);
                    INSERT INTO new_\(table.name) (\(table.columns)) SELECT \(table.columns) FROM \(table.name);
                    DROP TABLE \(table.name);
                    ALTER TABLE new_\(table.name) RENAME TO \(table.name);
                    """)
            }
        }
        return migrator
    }

    /// Fills `record_time` from `latest` (cheap, without scanning `reading`): a CN that is not the
    /// latest of any of a station's codes is known from its next record on.
    static let recordTimesFromLatestSQL = """
        INSERT INTO record_time (mn, cn, time) SELECT mn, cn, max(time) FROM latest WHERE cn IN (2051, 2061, 2031) GROUP BY mn, cn
        ON CONFLICT (mn, cn) DO UPDATE SET time = excluded.time WHERE excluded.time > record_time.time
        """
}
