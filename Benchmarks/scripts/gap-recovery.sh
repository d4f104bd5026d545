#!/bin/bash
# Run from the package root after `swift build -c release`: Benchmarks/scripts/gap-recovery.sh (COUNT, PERIODS, KIND=minute|hour, CN=2051|2061, MAXINT: see docs/reliability.md section 6).
# Gap requests end to end: COUNT (10) stations reporting every minute × PERIODS (1,440: a day) minute records, 5 % of periods skipped.
set -e
B=${B:-.build/release/ecowatch}
D=$(mktemp -d)
$B import --db $D/e.sqlite > /dev/null
MNS=$(sqlite3 $D/e.sqlite "SELECT mn FROM station WHERE interval_s <= ${MAXINT:-60} LIMIT ${COUNT:-10}" | paste -sd,)
$B ingest --listen 127.0.0.1:9471 --db $D/e.sqlite > $D/ingest.out 2> $D/ingest.log &
INGEST=$!
sleep 1
START=$(date +%s.%N)
$B simulate --to 127.0.0.1:9471 --db $D/e.sqlite --stations $MNS --records ${KIND:-minute} --periods ${PERIODS:-1440} \
    --outages 0.05 --rate 5000 --duration 3600 > $D/sim.out 2>&1 &
SIM=$!
# Until every record of the day is stored (each station on its own grid: max(60 s, its interval)).
EXPECTED=$(sqlite3 $D/e.sqlite "SELECT count(*) FROM station WHERE mn IN ('$(echo $MNS | sed "s/,/','/g")')")
while true; do
  N=$(sqlite3 $D/e.sqlite "SELECT count(*) FROM (SELECT DISTINCT mn, time FROM reading WHERE cn = ${CN:-2051})" 2>/dev/null || echo 0)
  P=$(sqlite3 $D/e.sqlite "SELECT count(*) FROM history_request WHERE state != 'done'" 2>/dev/null || echo 1)
  if [ "$N" -ge $((EXPECTED * ${PERIODS:-1440})) ] && [ "$P" = 0 ]; then break; fi
  sleep 0.2
done
END=$(date +%s.%N)
kill $SIM; wait $SIM || true
kill $INGEST; wait $INGEST || true
echo "stations $EXPECTED, records stored $N, all in $(echo "$END - $START" | bc) s"

$B report feed --db $D/e.sqlite | sed -n '/history requests/,/^$/p'
sqlite3 $D/e.sqlite "SELECT min(sent), max(coalesce(finished, sent)) FROM history_request"
echo $D
