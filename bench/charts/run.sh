#!/usr/bin/env bash
# Charts of a large run in a small heap (issue 15): a 10M-row run is made by a service with -Xmx2g, then a service
# with -Xmx512m on the same database is asked for every chart of it, five requests at once per chart (cold: nothing
# rendered yet), while its health is checked every 0.2 s. Prints each request's status and seconds, the health
# checks that failed (goal: none) and the small service's peak resident memory.
#
# Usage: bench/charts/run.sh     (ROWS=10000000 PORT=18095 PGHOST=127.0.0.1 PGUSER=postgres)
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/service.sh

ROWS=${ROWS:-10000000}
PORT=${PORT:-18095}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-postgres}
SCHEMA=customer_segments_charts
OUT=bench/out
DATA=$OUT/personas_$ROWS.csv
JAR=target/customer-segmentation-service.jar
mkdir -p "$OUT"

[ -f "$DATA" ] || /usr/bin/python3 bench/ingest/generate_customers.py "$ROWS" "$DATA" 42 --personas
[ -f "$JAR" ] || mvn -B -q package -DskipTests
psql -qX -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE"
trap 'kill ${SERVICE:-} ${SAMPLER:-} 2>/dev/null; wait ${SERVICE:-} 2>/dev/null || true; psql -qX -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null 2>&1' EXIT

start_service "$JAR" 2g "$PORT" "$SCHEMA" "$OUT/charts-maker.log"
dataset=$(curl -sf -H "$AUTH" -T "$DATA" -X POST -H 'Content-Type: text/csv' "localhost:$PORT/api/datasets?force=true" | json_field '["id"]')
run=$(curl -sf -H "$AUTH" -X POST -H 'Content-Type: application/json' \
    -d "{\"datasetId\": $dataset, \"features\": [\"Age\", \"Annual Income (k\$)\", \"Spending Score (1-100)\", \"Tenure Months\", \"Orders\"], \"restarts\": 3}" \
    "localhost:$PORT/api/segmentations" | json_field '["id"]')
await_run "localhost:$PORT/api" "$run" 1
kill "$SERVICE"; wait "$SERVICE" 2>/dev/null || true

start_service "$JAR" 512m "$PORT" "$SCHEMA" "$OUT/charts-service.log"
( while kill -0 "$SERVICE" 2>/dev/null; do ps -o rss= -p "$SERVICE"; sleep 0.5; done ) > "$OUT/charts-rss.txt" 2>/dev/null &
SAMPLER=$!
( while :; do curl -s -o /dev/null -w '%{http_code}\n' -m 2 "localhost:$PORT/actuator/health" || echo 000; sleep 0.2; done ) > "$OUT/charts-health.txt" &
HEALTH=$!
charts=("/api/segmentations/$run/charts/elbow" "/api/segmentations/$run/charts/scatter"
    "/api/segmentations/$run/charts/silhouette" "/api/segmentations/$run/charts/profile"
    "/api/datasets/$dataset/charts/histogram?column=Age" "/api/datasets/$dataset/charts/histogram?column=Orders&format=png")
: > "$OUT/charts-requests.txt"
started=$(date +%s.%N)
for chart in "${charts[@]}"; do
    for _ in 1 2 3 4 5; do
        curl -s -o /dev/null -H "$AUTH" -w "%{http_code} %{time_total} $chart\n" "localhost:$PORT$chart" >> "$OUT/charts-requests.txt" &
    done
done
wait $(jobs -p | grep -v -e "^$SAMPLER$" -e "^$HEALTH$" -e "^$SERVICE$") 2>/dev/null || true
finished=$(date +%s.%N)
kill "$HEALTH" "$SAMPLER" 2>/dev/null || true

/usr/bin/python3 - "$OUT/charts-requests.txt" "$OUT/charts-health.txt" "$OUT/charts-rss.txt" "$started" "$finished" "$ROWS" <<'PY'
import collections, sys
requests = [line.split(" ", 2) for line in open(sys.argv[1]) if line.strip()]
health = [line.strip() for line in open(sys.argv[2]) if line.strip()]
rss = [int(line) for line in open(sys.argv[3]) if line.strip()]
by_chart = collections.defaultdict(list)
for status, seconds, chart in requests:
    by_chart[chart.strip()].append((status, float(seconds)))
print(f"{int(sys.argv[6]):,}-row run, service -Xmx512m, {len(requests)} chart requests at once "
      f"(all done in {float(sys.argv[5]) - float(sys.argv[4]):.2f} s)")
for chart, answers in by_chart.items():
    print(f"  {chart}: statuses {sorted(s for s, _ in answers)}, slowest {max(t for _, t in answers):.2f} s")
print(f"health checks: {len(health)}, not 200: {sum(1 for h in health if h != '200')}")
print(f"resident memory: peak {max(rss) / 1024:,.0f} MB")
PY
