#!/usr/bin/env bash
# What API keys cost on the hottest read (issue 13): GET /api/segments at 200 concurrent connections (wrk),
# with a READER key against the same service without authentication, in one run on one database.
#
# Two instances of the same jar run side by side on one schema: "keyed" (security on, the request sends a
# READER key made with a high per-key rate so the limiter admits everything) and "open"
# (segmentation.security.enabled=false). Both are warmed up, then measured in turns, each round starting with
# the next side, so that a change in the machine's load hits both sides alike. Optionally a third side, BASELINE_JAR, is a jar
# built from a commit before Spring Security was added (e.g. a2ca095): the service with no security chain at all.
#
# Goal: keyed p99 < 20 ms and keyed requests/s at least 0.90 x open.
#
# Usage: bench/auth/run.sh      (ROUNDS=5 SECONDS_PER_ROUND=10 WARMUP_SECONDS=30 ROWS=20000 PGHOST=127.0.0.1 PGUSER=postgres)
#        BASELINE_JAR=/tmp/old/target/customer-segmentation-service.jar bench/auth/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/service.sh

ROWS=${ROWS:-20000}
ROUNDS=${ROUNDS:-5}
SECONDS_PER_ROUND=${SECONDS_PER_ROUND:-10}
KEYED_PORT=18091 OPEN_PORT=18092 BASELINE_PORT=18093
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-postgres}
SCHEMA=customer_segments_auth_bench
OUT=bench/out
DATA=$OUT/personas_$ROWS.csv
JAR=target/customer-segmentation-service.jar
mkdir -p "$OUT"

[ -f "$DATA" ] || /usr/bin/python3 bench/ingest/generate_customers.py "$ROWS" "$DATA" 42 --personas
[ -f "$JAR" ] || mvn -B -q package -DskipTests
psql -qX -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE"

PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    psql -qX -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null 2>&1 || true
}
trap cleanup EXIT

start() { # name port jar extra-args...
    local name=$1 port=$2 jar=$3
    shift 3
    start_service "$jar" 1g "$port" "$SCHEMA" "$OUT/auth-$name.log" "$@" || { kill "$SERVICE"; exit 1; }
    PIDS+=("$SERVICE")
}

start keyed "$KEYED_PORT" "$JAR"
api="localhost:$KEYED_PORT/api"
dataset=$(curl -sf -H "$AUTH" -T "$DATA" -X POST -H 'Content-Type: text/csv' "$api/datasets?force=true" | json_field '["id"]')
run=$(curl -sf -H "$AUTH" -X POST -H 'Content-Type: application/json' \
    -d "{\"datasetId\": $dataset, \"features\": [\"Annual Income (k\$)\", \"Spending Score (1-100)\"]}" \
    "$api/segmentations" | json_field '["id"]')
await_run "$api" "$run" 0.2
curl -sf -H "$AUTH" -X POST "$api/segmentations/$run/publish" > /dev/null
reader=$(curl -sf -H "$AUTH" -X POST -H 'Content-Type: application/json' \
    -d '{"name": "bench-reader", "role": "READER", "requestsPerSecond": 1000000}' "$api/keys" | json_field '["secret"]')
READER="Authorization: Bearer $reader"

start open "$OPEN_PORT" "$JAR" --segmentation.security.enabled=false
SIDES=(keyed open)
if [ -n "${BASELINE_JAR:-}" ]; then
    # An older jar that does not know the new tables' migrations must not run them: validate only.
    start baseline "$BASELINE_PORT" "$BASELINE_JAR" --spring.flyway.enabled=false
    SIDES+=(baseline)
fi

# Both sides answer the same body (only keyed needs the key, and refuses without it).
keyed_body=$(curl -sf -H "$READER" "localhost:$KEYED_PORT/api/segments")
[ "$keyed_body" = "$(curl -sf "localhost:$OPEN_PORT/api/segments")" ] || { echo "keyed and open answer differently" >&2; exit 1; }
[ "$(curl -s -o /dev/null -w '%{http_code}' "localhost:$KEYED_PORT/api/segments")" = 401 ] || { echo "keyed answers without a key" >&2; exit 1; }

measure() { # side round seconds
    local side=$1 round=$2 seconds=$3 port header=()
    case "$side" in
        keyed) port=$KEYED_PORT; header=(-H "$READER") ;;
        open) port=$OPEN_PORT ;;
        baseline) port=$BASELINE_PORT ;;
    esac
    wrk -t2 -c200 -d"${seconds}s" --latency "${header[@]}" "http://localhost:$port/api/segments" > "$OUT/auth-wrk-$side-$round.txt"
}

for side in "${SIDES[@]}"; do measure "$side" warmup "${WARMUP_SECONDS:-30}"; done
for round in $(seq 1 "$ROUNDS"); do
    # Each round starts with the next side, so no side always follows the same one.
    for i in $(seq 0 $((${#SIDES[@]} - 1))); do
        measure "${SIDES[$(( (round + i) % ${#SIDES[@]} ))]}" "$round" "$SECONDS_PER_ROUND"
    done
done
load=$(cut -d' ' -f1-3 /proc/loadavg)

/usr/bin/python3 - "$OUT" "$ROUNDS" "$load" "${SIDES[@]}" <<'PY'
import re, statistics, sys
out, rounds, load, sides = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]

def read(side, round):
    text = open(f"{out}/auth-wrk-{side}-{round}.txt").read()
    def ms(label):
        m = re.search(label + r"\s+([\d.]+)(us|ms|s)\b", text)
        return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    return {"rps": rps, "p50": ms("50%"), "p99": ms("99%"), "non2xx": int(non2xx.group(1)) if non2xx else 0}

results = {side: [read(side, r) for r in range(1, rounds + 1)] for side in sides}
print(f"\nGET /api/segments, wrk -t2 -c200, {rounds} rounds per side in turns; load average at the end: {load}")
print("| side | requests/s per round | median requests/s | p50 (median) | p99 per round | non-2xx |")
print("|---|---|---|---|---|---|")
for side in sides:
    rs = results[side]
    rps = ", ".join(format(r["rps"], ",.0f") for r in rs)
    p99 = ", ".join(format(r["p99"], ".2f") for r in rs)
    median_rps = statistics.median(r["rps"] for r in rs)
    median_p50 = statistics.median(r["p50"] for r in rs)
    print(f"| {side} | {rps} | {median_rps:,.0f} | {median_p50:.2f} ms | {p99} ms | {sum(r['non2xx'] for r in rs)} |")
keyed = statistics.median(r["rps"] for r in results["keyed"])
for other in sides[1:]:
    ratio = keyed / statistics.median(r["rps"] for r in results[other])
    print(f"keyed / {other} requests/s = {ratio:.3f}  (goal >= 0.90)")
print(f"keyed p99, worst round = {max(r['p99'] for r in results['keyed']):.2f} ms  (goal < 20 ms)")
PY
