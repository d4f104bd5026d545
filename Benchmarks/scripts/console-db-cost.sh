#!/bin/bash
# What one console costs its PostgreSQL server (docs/scaling.md): a private server with
# pg_stat_statements, the sample programme, one ingest node (role ew_ingest) fed by
# `ecowatch simulate` (45 stations, RATE frames/s), and CONSOLES consoles (role ew_console) in
# tmux for RUN seconds. Prints the server time (total_exec_time) and calls per role, per second.
# Run as root from the package root (B=path/to/ecowatch, release for figures). Stops what it starts.
set -euo pipefail
B=$(realpath "${B:-.build/release/ecowatch}")
RUN=${RUN:-30}; RATE=${RATE:-45}; CONSOLES=${CONSOLES:-1}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
T=$(mktemp -d /tmp/ecowatch-console-cost-XXXXXX)
chmod 755 "$T"
PORT=$((20000 + RANDOM % 20000)); IPORT=$((40000 + RANDOM % 10000))
SESSION=ew-cost-$$
cleanup() {
    set +e
    for i in $(seq "$CONSOLES"); do tmux kill-session -t "$SESSION-$i" 2>/dev/null; done
    [ -n "${SIM:-}" ] && kill "$SIM" 2>/dev/null && wait "$SIM" 2>/dev/null
    [ -n "${INGEST:-}" ] && kill "$INGEST" 2>/dev/null && wait "$INGEST" 2>/dev/null
    [ -d "$T/pg" ] && setpriv --reuid=postgres --regid=postgres --clear-groups -- "$PGBIN/pg_ctl" -D "$T/pg" -m fast -w stop > /dev/null 2>&1
    rm -rf "$T"
}
trap cleanup EXIT
mkdir "$T/pg" && chown postgres:postgres "$T/pg"
setpriv --reuid=postgres --regid=postgres --clear-groups -- "$PGBIN/initdb" -D "$T/pg" -U ecowatch -A trust --locale=C --no-sync > /dev/null
setpriv --reuid=postgres --regid=postgres --clear-groups -- "$PGBIN/pg_ctl" -D "$T/pg" -l "$T/pg/log" -w \
    -o "-p $PORT -k $T/pg -c listen_addresses=127.0.0.1 -c shared_preload_libraries=pg_stat_statements" start > /dev/null
P() { "$PGBIN/psql" -X -q -A -t -h "$T/pg" -p "$PORT" -U ecowatch "$@"; }
P -d postgres -c "CREATE DATABASE e" -c "CREATE ROLE ew_ingest SUPERUSER LOGIN" -c "CREATE ROLE ew_console SUPERUSER LOGIN"
"$B" import --db "postgresql://ecowatch@127.0.0.1:$PORT/e" --data sample-data > /dev/null
P -d e -c "CREATE EXTENSION pg_stat_statements"   # after import: its view would look like another application's table
"$B" ingest --listen 127.0.0.1:$IPORT --db "postgresql://ew_ingest@127.0.0.1:$PORT/e" > "$T/ingest.out" 2> "$T/ingest.log" &
INGEST=$!
for _ in $(seq 100); do grep -q "listening on" "$T/ingest.out" && break; sleep 0.1; done
"$B" simulate --to 127.0.0.1:$IPORT --db "postgresql://ecowatch@127.0.0.1:$PORT/e" --rate "$RATE" --duration $((RUN + 10)) > "$T/sim.out" 2>&1 &
SIM=$!
for i in $(seq "$CONSOLES"); do
    tmux new-session -d -s "$SESSION-$i" -x 200 -y 60 "$B --db postgresql://ew_console@127.0.0.1:$PORT/e --lang en"
done
sleep 5   # the consoles' first frames, outside the measurement
P -d e -c "SELECT pg_stat_statements_reset()" > /dev/null
sleep "$RUN"
tmux capture-pane -p -t "$SESSION-1" | head -1
P -d e -F ' ' -c "SELECT r.rolname, round(sum(s.total_exec_time)::numeric, 1) AS ms, sum(s.calls) AS calls,
    round((sum(s.total_exec_time) / $RUN)::numeric, 2) AS ms_per_s, round((sum(s.calls)::numeric / $RUN), 1) AS calls_per_s
    FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid WHERE r.rolname LIKE 'ew_%' GROUP BY r.rolname ORDER BY 1" |
    while read -r role ms calls mps cps; do echo "$role: $ms ms of server time in $calls statements over $RUN s: $mps ms/s, $cps statements/s"; done
echo "consoles: $CONSOLES, feed: $RATE frames/s from 45 stations"
P -d e -F ' | ' -c "SELECT calls, round(total_exec_time::numeric, 1), left(regexp_replace(query, '\s+', ' ', 'g'), 90)
    FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid WHERE r.rolname = 'ew_console' ORDER BY total_exec_time DESC LIMIT 6"
