#!/usr/bin/env bash
# Customer lookups at 1M customers (issue 15, assignments stored as blocks): GET /api/customers/{id}/segment for
# random customers of the live segments, under CONNECTIONS concurrent connections with wrk, with a READER key.
#   1. upload ROWS generated customers (six personas), run k = 6 on five features (restarts 1), publish it;
#   2. warm up for 5 s, then measure for 20 s (latency percentiles and requests per second).
# Every answer should be 200 (the personas file leaves no customer out); wrk counts the others (Non-2xx).
# Then the CSV exports of the run and of its largest segment, and a page of that segment far from the start.
#
# Usage: bench/lookups/run.sh    (ROWS=1000000 HEAP=1g PORT=18096 CONNECTIONS=50 JAR=target/customer-segmentation-service.jar)
#        ROWS=10000000 HEAP=2g SERVE_HEAP=256m bench/lookups/run.sh   runs with HEAP, then restarts the service with
#        SERVE_HEAP on the same schema for the lookups and reads (the heap the serving side must keep within).
#        JAR=/path/to/other.jar bench/lookups/run.sh   measures another build on the same data, e.g. before a change.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/service.sh

ROWS=${ROWS:-1000000}
HEAP=${HEAP:-1g}
PORT=${PORT:-18096}
CONNECTIONS=${CONNECTIONS:-50}
JAR=${JAR:-target/customer-segmentation-service.jar}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-postgres}
SCHEMA=customer_segments_lookups_bench
OUT=bench/out
DATA=$OUT/personas_$ROWS.csv
mkdir -p "$OUT"

[ -f "$DATA" ] || /usr/bin/python3 bench/ingest/generate_customers.py "$ROWS" "$DATA" 42 --personas
[ -f "$JAR" ] || mvn -B -q package -DskipTests
psql -qX -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE"
trap 'kill ${SERVICE:-} 2>/dev/null; wait ${SERVICE:-} 2>/dev/null || true; psql -qX -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null 2>&1' EXIT
start_service "$JAR" "$HEAP" "$PORT" "$SCHEMA" "$OUT/lookups-service.log"

dataset=$(curl -sf -H "$AUTH" -T "$DATA" -X POST -H 'Content-Type: text/csv' "localhost:$PORT/api/datasets?force=true" | json_field '["id"]')
run=$(curl -sf -H "$AUTH" -X POST -H 'Content-Type: application/json' -d "{\"datasetId\": $dataset, \"k\": 6, \"restarts\": 1,
    \"features\": [\"Age\", \"Annual Income (k\$)\", \"Spending Score (1-100)\", \"Tenure Months\", \"Orders\"]}" \
    "localhost:$PORT/api/segmentations" | json_field '["id"]')
await_run "localhost:$PORT/api" "$run" 0.2
curl -sf -H "$AUTH" -X POST "localhost:$PORT/api/segmentations/$run/publish" > /dev/null
reader=$(curl -sf -H "$AUTH" -X POST -H 'Content-Type: application/json' \
    -d '{"name": "bench-reader", "role": "READER", "requestsPerSecond": 1000000}' "localhost:$PORT/api/keys" | json_field '["secret"]')

if [ -n "${SERVE_HEAP:-}" ]; then
    kill "$SERVICE"
    wait "$SERVICE" 2>/dev/null || true
    start_service "$JAR" "$SERVE_HEAP" "$PORT" "$SCHEMA" "$OUT/lookups-serve.log"
    echo "# serving with -Xmx$SERVE_HEAP (the run was made with -Xmx$HEAP)"
fi

cat > "$OUT/lookups.lua" <<LUA
math.randomseed(7)
request = function()
    return wrk.format("GET", string.format("/api/customers/C%07d/segment", math.random(1, $ROWS)))
end
LUA
echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg)"
wrk -H "Authorization: Bearer $reader" -t2 -c"$CONNECTIONS" -d5s -s "$OUT/lookups.lua" "http://localhost:$PORT" > /dev/null
wrk -H "Authorization: Bearer $reader" -t2 -c"$CONNECTIONS" -d20s --latency -s "$OUT/lookups.lua" "http://localhost:$PORT" \
    > "$OUT/lookups-wrk.txt"
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
grep -E "Requests/sec|Non-2xx|50%|90%|99%|requests in" "$OUT/lookups-wrk.txt"

# Then the reads that walk a run: every assignment as CSV, the largest segment's audience as CSV, and a page of it
# far from the start (each timed twice, the second after the first warmed PostgreSQL's cache and the JIT).
key=$(curl -sf -H "$AUTH" "localhost:$PORT/api/segments?dataset=$dataset" \
    | /usr/bin/python3 -c 'import json,sys; print(max(json.load(sys.stdin)["segments"], key=lambda s: s["size"])["key"])')
for pass in 1 2; do
    curl -sf -H "$AUTH" -o "$OUT/lookups-assignments.csv" -w "assignments.csv (pass $pass): %{time_total} s, %{size_download} bytes\n" \
        "localhost:$PORT/api/segmentations/$run/assignments.csv"
    curl -sf -H "$AUTH" -o /dev/null -w "largest segment's customers.csv (pass $pass): %{time_total} s, %{size_download} bytes\n" \
        "localhost:$PORT/api/segments/$key/customers.csv?dataset=$dataset"
    curl -sf -H "$AUTH" -o /dev/null -w "its members, page 1000 of 100 (pass $pass): %{time_total} s\n" \
        "localhost:$PORT/api/segments/$key/members?dataset=$dataset&page=1000&size=100"
done
echo "rows in assignments.csv: $(($(wc -l < "$OUT/lookups-assignments.csv") - 1))"
curl -sf "localhost:$PORT/actuator/health" > /dev/null && echo "the service is healthy after the reads"
