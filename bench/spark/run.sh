#!/usr/bin/env bash
# Runs on Spark against the local engine (issue 17), in one run on the same generated file and dataset: the service
# started with segmentation.spark.master=local[2] (this machine's two cores), one upload, then the same k-means request
# with "engine": "LOCAL" and with "engine": "SPARK" (k = 2..10, RESTARTS starts each, the same seed), each timed from
# the request to SUCCEEDED. Reports both times, their ratio (goal: SPARK within 3x LOCAL at 10M), the phases of each
# run, the Spark job's own read and fit times, the chosen k of both and the adjusted Rand index between their
# assignments.
#
# Usage: bench/spark/run.sh      (ROWS=1000000 RESTARTS=3 HEAP=2g DRIVER=2g SCREENING=100000 PORT=18096)
#        ROWS=10000000 HEAP=3g DRIVER=6g bench/spark/run.sh
#        SCREENING=0 runs every local restart on every customer, as Spark does (like for like)
# Needs the Spark job built: mvn -B -f spark-job/pom.xml package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/service.sh

ROWS=${ROWS:-1000000}
RESTARTS=${RESTARTS:-3}
HEAP=${HEAP:-2g}
DRIVER=${DRIVER:-2g}
SCREENING=${SCREENING:-100000}
PORT=${PORT:-18096}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-postgres}
SCHEMA=customer_segments_spark_bench
OUT=bench/out
DATA=$OUT/personas_$ROWS.csv
JAR=target/customer-segmentation-service.jar
mkdir -p "$OUT"

[ -f spark-job/target/spark-job.jar ] || mvn -B -q -f spark-job/pom.xml package -DskipTests
[ -f "$DATA" ] || /usr/bin/python3 bench/ingest/generate_customers.py "$ROWS" "$DATA" 42 --personas
[ -f "$JAR" ] || mvn -B -q package -DskipTests
psql -qX -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE"

trap 'kill ${SERVICE:-} 2>/dev/null; wait ${SERVICE:-} 2>/dev/null || true; psql -qX -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null 2>&1' EXIT
echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
start_service "$JAR" "$HEAP" "$PORT" "$SCHEMA" "$OUT/spark-service.log" --segmentation.spark.master='local[2]' \
    --segmentation.spark.driver-memory="$DRIVER"
dataset=$(curl -sf -H "$AUTH" -T "$DATA" -X POST -H 'Content-Type: text/csv' "localhost:$PORT/api/datasets?force=true" | json_field '["id"]')

run_with() {
    local engine=$1 started run
    started=$(date +%s.%N)
    run=$(curl -sf -H "$AUTH" -X POST -H 'Content-Type: application/json' -d "{\"datasetId\": $dataset, \
\"features\": [\"Age\", \"Annual Income (k\$)\", \"Spending Score (1-100)\", \"Tenure Months\", \"Orders\"], \
\"restarts\": $RESTARTS, \"screeningSample\": $SCREENING, \"engine\": \"$engine\"}" \
        "localhost:$PORT/api/segmentations" | json_field '["id"]')
    await_run "localhost:$PORT/api" "$run" 0.2
    echo "$run $(/usr/bin/python3 -c "import time,sys; print(time.time() - float(sys.argv[1]))" "$started")"
}
read -r local_run local_seconds < <(run_with LOCAL)
read -r spark_run spark_seconds < <(run_with SPARK)
curl -sf -H "$AUTH" "localhost:$PORT/api/segmentations/$local_run" > "$OUT/spark-local-run.json"
curl -sf -H "$AUTH" "localhost:$PORT/api/segmentations/$spark_run" > "$OUT/spark-spark-run.json"
psql -qXAt -F, -c "SELECT a.segment_ordinal, b.segment_ordinal FROM $SCHEMA.assignment a JOIN $SCHEMA.assignment b
    ON b.segmentation_id = $spark_run AND b.row_no = a.row_no WHERE a.segmentation_id = $local_run" > "$OUT/spark-pairs.csv"
job=$(grep "Spark job done" "$OUT/spark-service.log" | tail -n 1 | sed 's/.*Spark job done/Spark job done/')
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"

/usr/bin/python3 - "$local_seconds" "$spark_seconds" "$OUT/spark-local-run.json" "$OUT/spark-spark-run.json" \
    "$OUT/spark-pairs.csv" "$ROWS" "$job" <<'PY'
import json, sys
from sklearn.metrics import adjusted_rand_score
local_s, spark_s = float(sys.argv[1]), float(sys.argv[2])
local, spark = json.load(open(sys.argv[3])), json.load(open(sys.argv[4]))
a, b = [], []
for line in open(sys.argv[5]):
    x, y = line.strip().split(",")
    a.append(int(x)); b.append(int(y))
def chosen(run):
    return next(m for m in run["selection"]["perK"] if m["k"] == run["k"])
print(f"rows {int(sys.argv[6]):,}: LOCAL {local_s:.1f} s (k = {local['k']}, timings {local['timings']}, "
      f"screenedOn {local['selection']['screenedOn']})")
print(f"            SPARK {spark_s:.1f} s (k = {spark['k']}, timings {spark['timings']}, "
      f"executors {spark['selection']['executors']}); {sys.argv[7]}")
print(f"ratio SPARK / LOCAL = {spark_s / local_s:.2f}  (goal <= 3 at 10M)")
print(f"silhouette at the chosen k: LOCAL {chosen(local)['silhouette']:.4f}, SPARK {chosen(spark)['silhouette']:.4f}; "
      f"inertia LOCAL {chosen(local)['inertia']:.6g}, SPARK {chosen(spark)['inertia']:.6g}")
print(f"adjusted Rand index between the assignments: {adjusted_rand_score(a, b):.4f} over {len(a):,} customers")
PY
