#!/usr/bin/env bash
# End-to-end benchmark (issue 5), in one run on the same generated file (six latent personas, see
# bench/ingest/generate_customers.py --personas):
#   (a) the service: upload the 1,000,000-row CSV over HTTP, start the default run on 5 numeric features,
#       wait until it has SUCCEEDED with every assignment stored;
#   (b) the notebook way: /usr/bin/python3 with pandas and scikit-learn (notebook.py);
# then (c) GET /api/segments under 200 concurrent connections with wrk (goal: p99 < 20 ms).
#
# Usage: bench/e2e/run.sh        (ROWS=1000000 HEAP=1g PORT=18090 PGHOST=127.0.0.1 PGUSER=postgres)
#        RESTARTS=3 bench/e2e/run.sh   gives the run 3 restarts per k, as the notebook's n_init=3
#        (without it the run uses the service's default, 10).
#        ROWS=10000000 HEAP=2g RESTARTS=3 bench/e2e/run.sh   the 10M path of issue 15 within a 2 GB heap.
#        WARMUP=200000 RESTARTS=3 bench/e2e/run.sh   first uploads and runs another generated file of that many rows
#        (other customers, seed 7) and deletes it, so the timed path runs on a service that has compiled its code, as
#        one that has been up for a while; without it the timed path is the fresh JVM's first upload and run.
# The service's resident memory is sampled every second while it works (peak reported).
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/service.sh

ROWS=${ROWS:-1000000}
HEAP=${HEAP:-1g}
PORT=${PORT:-18090}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-postgres}
SCHEMA=customer_segments_e2e
OUT=bench/out
DATA=$OUT/personas_$ROWS.csv
JAR=target/customer-segmentation-service.jar
FEATURES=("Age" "Annual Income (k\$)" "Spending Score (1-100)" "Tenure Months" "Orders")
mkdir -p "$OUT"

[ -f "$DATA" ] || /usr/bin/python3 bench/ingest/generate_customers.py "$ROWS" "$DATA" 42 --personas
[ -f "$JAR" ] || mvn -B -q package -DskipTests
psql -qX -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE"

trap 'kill ${SERVICE:-} 2>/dev/null; wait ${SERVICE:-} 2>/dev/null || true; psql -qX -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null 2>&1' EXIT
start_service "$JAR" "$HEAP" "$PORT" "$SCHEMA" "$OUT/e2e-service.log"
( while kill -0 "$SERVICE" 2>/dev/null; do ps -o rss= -p "$SERVICE"; sleep 1; done ) > "$OUT/e2e-rss.txt" 2>/dev/null &
SAMPLER=$!


features_json=$(/usr/bin/python3 -c 'import json,sys; print(json.dumps(sys.argv[1:]))' "${FEATURES[@]}")
request="\"features\": $features_json${RESTARTS:+, \"restarts\": $RESTARTS}"

if [ -n "${WARMUP:-}" ]; then
    warm_data=$OUT/personas_warmup_$WARMUP.csv
    [ -f "$warm_data" ] || /usr/bin/python3 bench/ingest/generate_customers.py "$WARMUP" "$warm_data" 7 --personas
    warm_started=$(date +%s.%N)
    warm_dataset=$(upload_csv "$PORT" "$warm_data")
    warm_run=$(start_run "$PORT" "$warm_dataset" "$request")
    await_run "localhost:$PORT/api" "$warm_run" 0.2
    curl -sf -H "$AUTH" -X DELETE "localhost:$PORT/api/segmentations/$warm_run" > /dev/null
    curl -sf -H "$AUTH" -X DELETE "localhost:$PORT/api/datasets/$warm_dataset" > /dev/null
    echo "warm-up: $WARMUP other customers uploaded and run in $(/usr/bin/python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$warm_started" "$(date +%s.%N)") s, then deleted"
fi
started=$(date +%s.%N)
dataset=$(upload_csv "$PORT" "$DATA")
uploaded=$(date +%s.%N)
run=$(start_run "$PORT" "$dataset" "$request")
await_run "localhost:$PORT/api" "$run" 0.2
finished=$(date +%s.%N)
kill $SAMPLER 2>/dev/null || true
curl -sf -H "$AUTH" "localhost:$PORT/api/segmentations/$run" > "$OUT/e2e-run.json"
assignments=$(psql -qXAt -c "SELECT count(*) FROM $SCHEMA.assignment WHERE segmentation_id = $run")

notebook_started=$(date +%s.%N)
/usr/bin/python3 bench/e2e/notebook.py "$DATA" "$OUT/e2e-notebook-labels.csv" "${FEATURES[@]}" | tee "$OUT/e2e-notebook.txt"
notebook_finished=$(date +%s.%N)

# The live segments are a published run's: publish it, and read them with a READER key whose rate limit does not
# turn the load into 429 answers (without both, this read measured problem answers).
curl -sf -H "$AUTH" -X POST "localhost:$PORT/api/segmentations/$run/publish" > /dev/null
reader=$(curl -sf -H "$AUTH" -X POST -H 'Content-Type: application/json' \
    -d '{"name": "bench-reader", "role": "READER", "requestsPerSecond": 1000000}' "localhost:$PORT/api/keys" | json_field '["secret"]')
# 5 s of warm-up first (the JIT compiles the request path; no result is kept), then the measured 20 s.
wrk -H "Authorization: Bearer $reader" -t2 -c200 -d5s "http://localhost:$PORT/api/segments" > /dev/null
wrk -H "Authorization: Bearer $reader" -t2 -c200 -d20s --latency "http://localhost:$PORT/api/segments" > "$OUT/e2e-wrk.txt"

/usr/bin/python3 - "$started" "$uploaded" "$finished" "$notebook_started" "$notebook_finished" "$assignments" \
    "$OUT/e2e-run.json" "$OUT/e2e-wrk.txt" "$OUT/e2e-rss.txt" "$HEAP" <<'PY'
import json, re, sys
started, uploaded, finished, nb_start, nb_end = map(float, sys.argv[1:6])
assignments = int(sys.argv[6])
run = json.load(open(sys.argv[7]))
wrk = open(sys.argv[8]).read()
service = finished - started
notebook = nb_end - nb_start
print(f"\nservice: upload {uploaded - started:.2f} s + run {finished - uploaded:.2f} s = {service:.2f} s "
      f"(k = {run['k']}, {assignments:,} assignments stored; run timings {run['timings']})")
rss = [int(line) for line in open(sys.argv[9]) if line.strip()]
print(f"service resident memory: peak {max(rss) / 1024:,.0f} MB with -Xmx{sys.argv[10]}")
print(f"notebook: {notebook:.2f} s")
print(f"ratio service/notebook = {service / notebook:.2f}  (goal < 1.0)")
p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", wrk)
rps = re.search(r"Requests/sec:\s+([\d.]+)", wrk)
value = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", wrk)
if non2xx:
    print(f"WARNING: {int(non2xx.group(1)):,} answers were not 2xx/3xx")
print(f"GET /api/segments with 200 connections: p99 {value:.2f} ms, {float(rps.group(1)):,.0f} requests/s  (goal p99 < 20 ms)")
PY
