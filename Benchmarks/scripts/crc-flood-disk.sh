#!/bin/bash
# Run from the package root after `swift build -c release`: Benchmarks/scripts/crc-flood-disk.sh (B= another binary, SECONDS_FLOOD= another length).
# Disk growth under a bad-CRC flood from one peer for 60 s (never disconnected: --bad-frame-limit huge).
set -e
B=${B:-.build/release/ecowatch}
D=$(mktemp -d)
$B import --db $D/f.sqlite > /dev/null
$B ingest --listen 127.0.0.1:9472 --db $D/f.sqlite --bad-frame-limit 1000000000 > $D/ingest.out 2> $D/ingest.log &
INGEST=$!
sleep 1
BEFORE=$(du -cb $D/f.sqlite* | tail -1 | cut -f1)
python3 "$(dirname "$0")/crc-flood.py" 127.0.0.1 9472 ${SECONDS_FLOOD:-60}
sleep 2
AFTER=$(du -cb $D/f.sqlite* | tail -1 | cut -f1)
kill $INGEST; wait $INGEST || true
FINAL=$(du -cb $D/f.sqlite* | tail -1 | cut -f1)
echo "database + WAL: $BEFORE bytes before, $AFTER after ${SECONDS_FLOOD:-60} s of flood (+$((AFTER - BEFORE))), $FINAL after stop"
sqlite3 $D/f.sqlite "SELECT 'refused crc (totals): ' || count FROM feed_count WHERE reason = 'refused:crc'; SELECT 'refusal_count rows: ' || count(*) FROM refusal_count; SELECT 'bad_frame rows: ' || count(*) FROM bad_frame;"
tail -1 $D/ingest.out
echo $D
