#!/bin/bash
# Bytes on disk per stored reading, SQLite against PostgreSQL, same rows (docs/scaling.md).
# Generates a history into SQLite (STATIONS synthetic stations beside the sample ones, YEARS,
# INTERVAL), measures the file, then copies the readings and roll-ups into a private
# PostgreSQL server (same schema: `ecowatch import` creates it) and measures every table with
# pg_total_relation_size (heap, indexes, TOAST) after VACUUM.
# Run as root from the package root: Benchmarks/scripts/storage-per-reading.sh
# (B=path/to/ecowatch, release recommended for `generate`). Stops what it starts.
set -euo pipefail
B=$(realpath "${B:-.build/release/ecowatch}")
STATIONS=${STATIONS:-20}; YEARS=${YEARS:-1}; INTERVAL=${INTERVAL:-1h}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
T=$(mktemp -d /tmp/ecowatch-storage-XXXXXX)
chmod 755 "$T"
PORT=$((20000 + RANDOM % 20000))
cleanup() {
    set +e
    [ -d "$T/pg" ] && setpriv --reuid=postgres --regid=postgres --clear-groups -- "$PGBIN/pg_ctl" -D "$T/pg" -m fast -w stop > /dev/null 2>&1
    rm -rf "$T"
}
trap cleanup EXIT

"$B" generate --stations "$STATIONS" --years "$YEARS" --interval "$INTERVAL" --db "$T/e.sqlite" 2> /dev/null
sqlite3 "$T/e.sqlite" "PRAGMA wal_checkpoint(TRUNCATE); VACUUM;"
R=$(sqlite3 "$T/e.sqlite" "SELECT count(*) FROM reading")
S=$(stat -c %s "$T/e.sqlite")
echo "readings: $R ($STATIONS + sample stations, $YEARS year(s), every $INTERVAL)"
echo "SQLite file: $S bytes, $((S / R)) bytes per reading (readings, their identity index, roll-ups, the rest)"
for t in reading rollup_hour rollup_day rollup_month; do
    echo "  SQLite $t: $(sqlite3 "$T/e.sqlite" "SELECT sum(pgsize) FROM dbstat WHERE name = '$t' OR tbl_name = '$t'" 2>/dev/null || echo '?') bytes"
done

mkdir "$T/pg" && chown postgres:postgres "$T/pg"
setpriv --reuid=postgres --regid=postgres --clear-groups -- "$PGBIN/initdb" -D "$T/pg" -U ecowatch -A trust --locale=C --no-sync > /dev/null
setpriv --reuid=postgres --regid=postgres --clear-groups -- "$PGBIN/pg_ctl" -D "$T/pg" -l "$T/pg/log" -w \
    -o "-p $PORT -k $T/pg -c listen_addresses=127.0.0.1" start > /dev/null
P() { "$PGBIN/psql" -X -q -A -t -h "$T/pg" -p "$PORT" -U ecowatch "$@"; }
P -d postgres -c "CREATE DATABASE e"
URL=postgresql://ecowatch@127.0.0.1:$PORT/e
"$B" import --db "$URL" --data sample-data > /dev/null
sqlite3 -csv "$T/e.sqlite" "SELECT mn, code, time, cn, value, flag FROM reading" | P -d e -c "COPY reading (mn, code, time, cn, value, flag) FROM STDIN CSV"
for g in hour day month; do
    sqlite3 -csv "$T/e.sqlite" "SELECT mn, code, start, n, total, low, high FROM rollup_$g" | P -d e -c "COPY rollup_$g FROM STDIN CSV"
done
P -d e -c "VACUUM ANALYZE"
PR=$(P -d e -c "SELECT count(*) FROM reading")
echo "PostgreSQL: $PR readings copied"
TOTAL=0
for t in reading rollup_hour rollup_day rollup_month; do
    SIZE=$(P -d e -c "SELECT pg_total_relation_size('$t')")
    TOTAL=$((TOTAL + SIZE))
    echo "  PostgreSQL $t: $SIZE bytes (heap $(P -d e -c "SELECT pg_relation_size('$t')"), indexes $(P -d e -c "SELECT pg_indexes_size('$t')"))"
done
echo "PostgreSQL readings + roll-ups: $TOTAL bytes, $((TOTAL / PR)) bytes per reading; reading alone $(( $(P -d e -c "SELECT pg_total_relation_size('reading')") / PR ))"
echo "PostgreSQL database: $(P -d e -c "SELECT pg_database_size('e')") bytes"
