#!/usr/bin/env bash
# What derived features add to a run's load: the same 1M-row dataset clustered on four stored columns, and on
# three formulas over four stored columns (a sum, a ratio, a date difference) plus one column, in one service.
# Run by hand:   bash bench/derived/run.sh [REPEATS]   (default 5)
# Needs: JDK 17, Maven, PostgreSQL on 127.0.0.1:5432. The machine has 2 cores: run it when nothing else is.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/service.sh
repeats="${1:-5}"
port=8096
schema=customer_segments_bench_derived
mkdir -p bench/out
file=bench/out/derived_1m.csv

[ -f "$file" ] || /usr/bin/python3 - "$file" <<'PY'
import random, sys
from datetime import date, timedelta
random.seed(1)
start = date(2012, 1, 1)
with open(sys.argv[1], "w") as out:
    out.write("id,a,b,c,d,joined\n")
    for i in range(1_000_000):
        out.write("c%d,%.3f,%.3f,%.3f,%.3f,%s\n" % (i, random.gauss(50, 10), random.gauss(20, 5), random.gauss(5, 2),
                  random.gauss(0, 1), (start + timedelta(days=random.randrange(0, 1000))).isoformat()))
PY

mvn -B -q -DskipTests package
psql -h 127.0.0.1 -U postgres -qc "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null
trap 'kill ${SERVICE:-} 2>/dev/null || true' EXIT
start_service target/customer-segmentation-service.jar 2g "$port" "$schema" bench/out/derived-service.log
dataset=$(curl -sf -H "$AUTH" -H 'Content-Type: text/csv' --data-binary "@$file" "localhost:$port/api/datasets?name=derived-bench" \
    | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')

plain='{"datasetId": '$dataset', "features": ["a", "b", "c", "d"], "k": 4, "restarts": 1}'
derived='{"datasetId": '$dataset', "features": ["a", "bc", "ca", "tenure"], "k": 4, "restarts": 1, "derived": [
  {"name": "bc", "expression": "b + c"}, {"name": "ca", "expression": "c / max(1, a)"},
  {"name": "tenure", "expression": "days(\u00272015-01-01\u0027) - days(joined)"}]}'

load_millis() {
    local id
    id=$(curl -sf -H "$AUTH" -H 'Content-Type: application/json' -d "$1" "localhost:$port/api/segmentations" \
        | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
    while true; do
        state=$(curl -sf -H "$AUTH" "localhost:$port/api/segmentations/$id" | /usr/bin/python3 -c \
            'import json,sys; r=json.load(sys.stdin); print(r["status"], (r.get("timings") or {}).get("loadMillis", ""))')
        case "$state" in
            SUCCEEDED*) echo "${state#SUCCEEDED }"; return ;;
            FAILED*|CANCELLED*) echo "run $id: $state" >&2; exit 1 ;;
        esac
        sleep 0.2
    done
}

echo "# load before $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
load_millis "$plain" >/dev/null
load_millis "$derived" >/dev/null # warm-up: the JIT compiles the formula evaluation
: > bench/out/derived.txt
for r in $(seq 1 "$repeats"); do
    echo "plain $(load_millis "$plain")" | tee -a bench/out/derived.txt
    echo "derived $(load_millis "$derived")" | tee -a bench/out/derived.txt
done
echo "# load after $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 - bench/out/derived.txt <<'PY'
import statistics, sys
times = {"plain": [], "derived": []}
for line in open(sys.argv[1]):
    kind, millis = line.split()
    times[kind].append(float(millis))
plain, derived = statistics.median(times["plain"]), statistics.median(times["derived"])
print(f"median load of {len(times['plain'])}: plain {plain:.0f} ms, derived {derived:.0f} ms, "
      f"derived adds {100 * (derived - plain) / plain:+.1f}% (goal < 10%)")
PY
