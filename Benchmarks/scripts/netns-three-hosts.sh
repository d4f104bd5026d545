#!/bin/bash
# Three hosts on one machine (issue 14): the PostgreSQL server, an ingest node and a console
# (with `ecowatch simulate` as the stations) each in a network namespace of its own, joined by
# veth pairs in a triangle:
#
#   ew-db   10.212.1.1 ── 10.212.1.2  ew-ingest      (the node writes to the database)
#   ew-db   10.212.2.1 ── 10.212.2.2  ew-console     (the console and reports read it)
#   ew-ingest 10.212.3.1 ── 10.212.3.2 ew-console    (the stations send to the node)
#
# Each host reaches the others only through its own links. The server runs as `postgres`
# (trust for 10.212.0.0/16), the ingest node as uid 65534. Checks: every frame the stations sent
# is acknowledged, the console shows the stations live (tmux capture-pane), and `report feed` /
# `report stations` on the console host agree with what was sent.
#
# Run as root from the package root after `swift build` (debug is enough):
#     Benchmarks/scripts/netns-three-hosts.sh            # SECONDS=20 of traffic by default
# B=path/to/ecowatch to use another build. Everything it starts is stopped at the end.
set -euo pipefail
B=$(realpath "${B:-.build/debug/ecowatch}")
DATA=$(realpath sample-data)
RUN=${RUN:-20}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
[ "$(id -u)" = 0 ] || { echo "netns-three-hosts: run as root (ip netns needs it)" >&2; exit 2; }
[ -x "$B" ] || { echo "netns-three-hosts: no ecowatch at $B (swift build first)" >&2; exit 2; }
[ -x "$PGBIN/initdb" ] || { echo "netns-three-hosts: no PostgreSQL server binaries under /usr/lib/postgresql" >&2; exit 2; }

TAG=$$
DB=ew-db-$TAG; IN=ew-ingest-$TAG; CO=ew-console-$TAG
T=$(mktemp -d /tmp/ecowatch-netns-XXXXXX)
chmod 755 "$T"
SESSION=ew-netns-$TAG
cleanup() {
    set +e
    tmux kill-session -t "$SESSION" 2>/dev/null
    [ -n "${SIM:-}" ] && kill "$SIM" 2>/dev/null && wait "$SIM" 2>/dev/null
    [ -n "${INGEST:-}" ] && kill "$INGEST" 2>/dev/null && wait "$INGEST" 2>/dev/null
    [ -d "$T/pg" ] && ip netns exec "$DB" setpriv --reuid=postgres --regid=postgres --clear-groups -- \
        "$PGBIN/pg_ctl" -D "$T/pg" -m fast -w stop > /dev/null 2>&1
    for ns in "$DB" "$IN" "$CO"; do ip netns del "$ns" 2>/dev/null; done
    rm -rf "$T"
}
trap cleanup EXIT

# The hosts and their links.
for ns in "$DB" "$IN" "$CO"; do ip netns add "$ns"; ip -n "$ns" link set lo up; done
link() {  # link NS_A ADDR_A NS_B ADDR_B
    local a=v$TAG-$RANDOM b=v$TAG-$RANDOM
    ip link add "$a" type veth peer name "$b"
    ip link set "$a" netns "$1"; ip link set "$b" netns "$3"
    ip -n "$1" addr add "$2/24" dev "$a"; ip -n "$1" link set "$a" up
    ip -n "$3" addr add "$4/24" dev "$b"; ip -n "$3" link set "$b" up
}
link "$DB" 10.212.1.1 "$IN" 10.212.1.2
link "$DB" 10.212.2.1 "$CO" 10.212.2.2
link "$IN" 10.212.3.1 "$CO" 10.212.3.2
echo "hosts: $DB (10.212.1.1, 10.212.2.1), $IN (10.212.1.2, 10.212.3.1), $CO (10.212.2.2, 10.212.3.2)"
# The console host cannot reach the database's other link: each host is separate.
if ip netns exec "$CO" ping -c1 -W1 10.212.1.1 > /dev/null 2>&1; then echo "console reaches 10.212.1.1: not separate" >&2; exit 1; fi

# The database host: a server listening on its two links only.
mkdir "$T/pg" && chown postgres:postgres "$T/pg"
setpriv --reuid=postgres --regid=postgres --clear-groups -- "$PGBIN/initdb" -D "$T/pg" -U ecowatch -A trust -E UTF8 \
    --locale=C --no-sync > /dev/null
echo "host all all 10.212.0.0/16 trust" >> "$T/pg/pg_hba.conf"
ip netns exec "$DB" setpriv --reuid=postgres --regid=postgres --clear-groups -- "$PGBIN/pg_ctl" -D "$T/pg" -l "$T/pg/log" -w \
    -o "-p 5432 -k $T/pg -c listen_addresses=10.212.1.1,10.212.2.1" start > /dev/null
ip netns exec "$DB" "$PGBIN/psql" -X -q -h "$T/pg" -U ecowatch -d postgres -c "CREATE DATABASE ecowatch"
FROM_INGEST=postgresql://ecowatch@10.212.1.1:5432/ecowatch
FROM_CONSOLE=postgresql://ecowatch@10.212.2.1:5432/ecowatch

# The console host loads the programme; the ingest host serves the stations as an ordinary user.
ip netns exec "$CO" "$B" import --db "$FROM_CONSOLE" --data "$DATA"
touch "$T/ingest.out" "$T/ingest.log"
ip netns exec "$IN" setpriv --reuid=65534 --regid=65534 --clear-groups -- \
    "$B" ingest --listen 10.212.3.1:9212 --db "$FROM_INGEST" > "$T/ingest.out" 2> "$T/ingest.log" &
INGEST=$!
for _ in $(seq 100); do grep -q "listening on" "$T/ingest.out" && break; sleep 0.1; done
grep "listening on" "$T/ingest.out" || { cat "$T/ingest.log" >&2; exit 1; }

# The console on the console host, then the stations (also there) sending to the ingest host.
tmux new-session -d -s "$SESSION" -x 120 -y 32 "ip netns exec $CO $B --db $FROM_CONSOLE --lang en"
ip netns exec "$CO" "$B" simulate --to 10.212.3.1:9212 --db "$FROM_CONSOLE" --rate 45 --duration "$RUN" > "$T/sim.out" 2>&1 &
SIM=$!
LIVE=0
for _ in $(seq $((RUN * 10))); do
    LIVE=$(tmux capture-pane -p -t "$SESSION" | grep -o 'live [0-9]*/45' | head -1 | grep -o '[0-9]*' | head -1 || true)
    [ "${LIVE:-0}" -ge 40 ] && break
    sleep 0.1
done
tmux capture-pane -p -t "$SESSION" | head -3
echo "console on $CO: live ${LIVE:-0}/45"
wait "$SIM"; SIM=
cat "$T/sim.out"
tmux send-keys -t "$SESSION" q

SENT=$(grep -o '^[0-9]* frames sent' "$T/sim.out" | grep -o '^[0-9]*')
ACKED=$(grep -o '[0-9]* acknowledged' "$T/sim.out" | grep -o '^[0-9]*')
STORED=$(ip netns exec "$DB" "$PGBIN/psql" -X -A -t -h "$T/pg" -U ecowatch -d ecowatch -c "SELECT count(*) FROM frame")
echo "sent $SENT, acknowledged $ACKED, stored $STORED (frames in the database on $DB)"
ip netns exec "$CO" "$B" report feed --db "$FROM_CONSOLE" --lang en | head -6
ip netns exec "$CO" "$B" report stations --db "$FROM_CONSOLE" --lang en --format csv | head -4
kill "$INGEST"; wait "$INGEST" || true; INGEST=
tail -1 "$T/ingest.log"
[ "${LIVE:-0}" -ge 40 ] && [ "$SENT" = "$ACKED" ] && [ "$ACKED" = "$STORED" ] || { echo "netns-three-hosts: FAILED" >&2; exit 1; }
echo "netns-three-hosts: OK"
