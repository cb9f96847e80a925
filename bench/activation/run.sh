#!/usr/bin/env bash
# Activation at scale (issue 16): how long a publish takes to write its membership changes, and how fast one
# consumer reads the change feed.
#   1. upload ROWS generated customers (six personas), run k = 5 and k = 6 on five features;
#   2. publish the first (everyone ENTERED: ROWS events), then the second over it (EXITED + ENTERED per customer
#      who moved); the service logs each publish's event writing, and the publish requests are timed;
#   3. one consumer (feed.py) reads the whole feed with limit=10000 and the cursor, as a marketing tool would;
#   4. then a webhook on a loopback receiver (receiver.py, which checks every signature) is made, the first run is
#      published again (its moves back), and the time from that publish's request to the last event's arrival at
#      the receiver gives the delivery rate;
#   5. the webhook is deleted, the table's next version is uploaded (next_version.py: 1% left, 1% new, 10% spend
#      the other way), scored with the first run's model (with its drift report), and the scoring run published over
#      the first run: its events join the two versions' customers by id.
# Goals: the second publish's events in < 5 s at 1M customers; the feed at >= 200,000 events/s to one consumer.
#
# Usage: bench/activation/run.sh     (ROWS=1000000 PORT=18094 RECEIVER_PORT=18095 PGHOST=127.0.0.1 PGUSER=postgres
#                                     KEEP=)
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/service.sh

ROWS=${ROWS:-1000000}
PORT=${PORT:-18094}
RECEIVER_PORT=${RECEIVER_PORT:-18095}
SECRET=bench-webhook-secret-0123456789
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-postgres}
SCHEMA=customer_segments_activation_bench
OUT=bench/out
DATA=$OUT/personas_$ROWS.csv
JAR=target/customer-segmentation-service.jar
mkdir -p "$OUT"

[ -f "$DATA" ] || /usr/bin/python3 bench/ingest/generate_customers.py "$ROWS" "$DATA" 42 --personas
[ -f "$JAR" ] || mvn -B -q package -DskipTests
psql -qX -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE"

# KEEP=1 keeps the schema afterwards, to look at the data (EXPLAIN ...).
trap 'kill ${SERVICE:-} ${RECEIVER:-} 2>/dev/null; wait ${SERVICE:-} 2>/dev/null || true; [ -n "${KEEP:-}" ] || psql -qX -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null 2>&1' EXIT
start_service "$JAR" 2g "$PORT" "$SCHEMA" "$OUT/activation-service.log" --segmentation.webhooks.allowed-hosts=127.0.0.1
/usr/bin/python3 bench/activation/receiver.py "$RECEIVER_PORT" "$SECRET" &
RECEIVER=$!

api="localhost:$PORT/api"
dataset=$(curl -sf -H "$AUTH" -T "$DATA" -X POST -H 'Content-Type: text/csv' "$api/datasets?force=true" | json_field '["id"]')
run() {
    local id
    id=$(curl -sf -H "$AUTH" -X POST -H 'Content-Type: application/json' -d "{\"datasetId\": $dataset, \"k\": $1,
        \"restarts\": 1, \"features\": [\"Age\", \"Annual Income (k\$)\", \"Spending Score (1-100)\", \"Tenure Months\",
        \"Orders\"]}" "$api/segmentations" | json_field '["id"]')
    await_run "$api" "$id" 0.5 >&2
    echo "$id"
}
events_line() {
    grep -o "Publishing run $1 of dataset [0-9]* (lineage [0-9]*) wrote [0-9]* segment events in [0-9]* ms" \
        "$OUT/activation-service.log"
}
five=$(run 5)
six=$(run 6)

echo "# load before publishing: $(cut -d' ' -f1-3 /proc/loadavg)"
for id in "$five" "$six"; do
    seconds=$(curl -sf -o /dev/null -w '%{time_total}' -H "$AUTH" -X POST "$api/segmentations/$id/publish")
    echo "publish run $id: $seconds s for the whole request; $(events_line "$id")"
done
/usr/bin/python3 bench/activation/feed.py "http://localhost:$PORT" "$dataset" "$BENCH_KEY"

# 4. The webhook: made now, so the publishes and the feed above ran without deliveries beside them. Publishing the
#    first run again (over the second) writes the moves back, and the outbox sends them to the receiver.
curl -sf -o /dev/null -H "$AUTH" -H 'Content-Type: application/json' -d "{\"url\": \"http://127.0.0.1:$RECEIVER_PORT/hook\",
    \"dataset\": $dataset, \"secret\": \"$SECRET\"}" "$api/webhooks"
before=$(psql -qAtX -c "SELECT coalesce(max(id), 0) FROM $SCHEMA.segment_event")
published=$(date +%s.%N)
seconds=$(curl -sf -o /dev/null -w '%{time_total}' -H "$AUTH" -X POST "$api/segmentations/$five/publish")
echo "publish run $five again, with a webhook: $seconds s for the whole request; $(events_line "$five" | tail -1)"
# Its changes plus its PUBLISHED event.
expected=$(( $(psql -qAtX -c "SELECT count(*) FROM $SCHEMA.segment_event WHERE id > $before") + 1 ))
while :; do
    received=$(curl -sf "localhost:$RECEIVER_PORT/count")
    [ "$(echo "$received" | json_field '["events"]')" -ge "$expected" ] && break
    sleep 0.5
done
echo "$received" | /usr/bin/python3 -c "
import json, sys
r = json.load(sys.stdin)
span = r['last'] - $published
print(f\"webhook: {r['events']:,} events in {r['deliveries']:,} signed deliveries, the last {span:.1f} s after the publish \"
      f\"request began: {r['events'] / span:,.0f} events/s delivered (bad signatures: {r['bad']})\")"

# 5. The next version, scored with the first run's model and published over it.
webhook=$(curl -sf -H "$AUTH" "$api/webhooks" | json_field '["content"][0]["id"]')
curl -sf -o /dev/null -H "$AUTH" -X DELETE "$api/webhooks/$webhook"
NEXT=$OUT/personas_${ROWS}_next.csv
[ -f "$NEXT" ] || /usr/bin/python3 bench/activation/next_version.py "$DATA" "$NEXT"
echo "# load before the next version: $(cut -d' ' -f1-3 /proc/loadavg)"
started=$(date +%s.%N)
version=$(curl -sf -H "$AUTH" -T "$NEXT" -X POST -H 'Content-Type: text/csv' "$api/datasets/$dataset/versions/csv?force=true" \
    | json_field '["id"]')
uploaded=$(date +%s.%N)
scoring=$(curl -sf -H "$AUTH" -X POST -H 'Content-Type: application/json' -d "{\"datasetId\": $version}" \
    "$api/segmentations/$five/score" | json_field '["id"]')
await_run "$api" "$scoring" 0.5
scored=$(date +%s.%N)
curl -sf -H "$AUTH" "$api/segmentations/$scoring" | /usr/bin/python3 -c "
import json, sys
r = json.load(sys.stdin)
d = r['drift']
print(f\"next version: uploaded in {$uploaded - $started:.1f} s; scoring run {r['id']} ({r['rowsUsed']:,} customers) in \"
      f\"{$scored - $uploaded:.1f} s (load {r['timings']['loadMillis']} ms, assign and drift {r['timings']['clusterMillis']} ms, \"
      f\"store {r['timings']['storeMillis']} ms); drift: {d['driftDetected']}, \"
      + ', '.join(f\"{f['feature']} PSI {f['psi']:.3f}\" for f in d['features']))"
seconds=$(curl -sf -o /dev/null -w '%{time_total}' -H "$AUTH" -X POST "$api/segmentations/$scoring/publish")
echo "publish scoring run $scoring of the next version over run $five: $seconds s for the whole request; $(events_line "$scoring")"
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
