#!/usr/bin/env bash
# Ingestion benchmark (issue 2): the same generated customer CSV, in the same run,
#   (a) uploaded over HTTP to the packaged service running with -Xmx512m (parse, validate, COPY, index, commit), and
#   (b) loaded by `psql \copy` into an equivalent table (one column per CSV column, primary key on the id), and
#   (c) psql's fastest path (issue 15): `\copy` into a bare table (no index), then `ADD PRIMARY KEY`, timed together.
# Prints each run's wall time, the medians and the throughput ratios against (b) (goal: >= 0.8) and (c) (goal: >= 1.0).
#
# Usage: bench/ingest/run.sh            (ROWS=1000000 RUNS=5 PORT=18080 PGHOST=127.0.0.1 PGUSER=postgres)
#        SHUFFLED=1 bench/ingest/run.sh  the same rows in a random order (fixed seed): ids in no order, which the
#                                        upload's duplicate check and both sides' index builds find slower than the
#                                        generated file's sorted ids
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/service.sh

ROWS=${ROWS:-1000000}
RUNS=${RUNS:-5}
PORT=${PORT:-18080}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-postgres}
SCHEMA=customer_segments_bench
OUT=bench/out
DATA=$OUT/customers_$ROWS.csv
JAR=target/customer-segmentation-service.jar
mkdir -p "$OUT"

[ -f "$DATA" ] || /usr/bin/python3 bench/ingest/generate_customers.py "$ROWS" "$DATA"
if [ "${SHUFFLED:-0}" = 1 ]; then
    sorted_data=$DATA
    DATA=$OUT/customers_${ROWS}_shuffled.csv
    [ -f "$DATA" ] || { head -n 1 "$sorted_data"; tail -n +2 "$sorted_data" | shuf --random-source=<(yes); } > "$DATA"
fi
[ -f "$JAR" ] || mvn -B -q package -DskipTests

psql -qX -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" -c "DROP SCHEMA IF EXISTS bench_psql CASCADE" \
    -c "CREATE SCHEMA bench_psql"

trap 'kill ${SERVICE:-} 2>/dev/null; wait ${SERVICE:-} 2>/dev/null || true; psql -qX -c "DROP SCHEMA IF EXISTS bench_psql CASCADE" -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null 2>&1' EXIT
start_service "$JAR" 512m "$PORT" "$SCHEMA" "$OUT/ingest-service.log"

psql_copy() {
    psql -qX -c "DROP TABLE IF EXISTS bench_psql.customers" -c "CREATE TABLE bench_psql.customers (
        customer_id text PRIMARY KEY, gender text, age double precision, annual_income double precision,
        spending_score double precision, tenure_months double precision, orders double precision,
        avg_basket double precision)"
    local start end
    start=$(date +%s.%N)
    psql -qX -c "\\copy bench_psql.customers FROM '$DATA' WITH (FORMAT csv, HEADER true)"
    end=$(date +%s.%N)
    /usr/bin/python3 -c "print($end - $start)"
}

psql_copy_then_key() {
    psql -qX -c "DROP TABLE IF EXISTS bench_psql.bare" -c "CREATE TABLE bench_psql.bare (
        customer_id text, gender text, age double precision, annual_income double precision,
        spending_score double precision, tenure_months double precision, orders double precision,
        avg_basket double precision)"
    local start end
    start=$(date +%s.%N)
    psql -qX -c "\\copy bench_psql.bare FROM '$DATA' WITH (FORMAT csv, HEADER true)" \
        -c "ALTER TABLE bench_psql.bare ADD PRIMARY KEY (customer_id)"
    end=$(date +%s.%N)
    /usr/bin/python3 -c "print($end - $start)"
}

http_upload() {
    local answer status seconds id
    answer=$(curl -s -H "$AUTH" -o "$OUT/ingest-answer.json" -w '%{http_code} %{time_total}' -T "$DATA" -X POST \
        -H 'Content-Type: text/csv' "localhost:$PORT/api/datasets?force=true")
    status=${answer% *}
    seconds=${answer#* }
    [ "$status" = 201 ] || { echo "upload answered $status: $(head -c 500 "$OUT/ingest-answer.json")" >&2; exit 1; }
    id=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$OUT/ingest-answer.json")
    curl -sf -H "$AUTH" -X DELETE "localhost:$PORT/api/datasets/$id" >/dev/null
    echo "$seconds"
}

[ "${SHUFFLED:-0}" = 1 ] && echo "the rows in a random order: $DATA"
echo "warm-up: psql $(psql_copy) s, psql then key $(psql_copy_then_key) s, http $(http_upload) s"
psql_times=()
keyed_times=()
http_times=()
for run in $(seq 1 "$RUNS"); do
    p=$(psql_copy)
    b=$(psql_copy_then_key)
    h=$(http_upload)
    psql_times+=("$p")
    keyed_times+=("$b")
    http_times+=("$h")
    printf 'run %d: psql \\copy %.3f s, psql \\copy then ADD PRIMARY KEY %.3f s, HTTP upload %.3f s\n' "$run" "$p" "$b" "$h"
done

heap_max=$(curl -s -H "$AUTH" "localhost:$PORT/actuator/prometheus" | /usr/bin/python3 -c '
import re, sys
print(int(max(float(v) for v in re.findall(r"^jvm_memory_max_bytes\{[^}]*area=\"heap\"[^}]*\} (\S+)$", sys.stdin.read(), re.M))) // 2**20)')

/usr/bin/python3 - "$ROWS" "$DATA" "$heap_max" "${psql_times[*]}" "${http_times[*]}" "${keyed_times[*]}" <<'PY'
import os, statistics, sys
rows, data, heap = int(sys.argv[1]), sys.argv[2], sys.argv[3]
psql = [float(x) for x in sys.argv[4].split()]
http = [float(x) for x in sys.argv[5].split()]
mp, mh = statistics.median(psql), statistics.median(http)
mb = os.path.getsize(data) / 2**20
print(f"\n{rows:,} rows, {mb:.1f} MiB; service heap max {heap} MiB")
print(f"psql \\copy  median {mp:.3f} s  ({rows / mp:,.0f} rows/s)  runs {', '.join(f'{x:.2f}' for x in psql)}")
print(f"HTTP upload median {mh:.3f} s  ({rows / mh:,.0f} rows/s)  runs {', '.join(f'{x:.2f}' for x in http)}")
keyed = [float(x) for x in sys.argv[6].split()]
mk = statistics.median(keyed)
print(f"psql \\copy then ADD PRIMARY KEY median {mk:.3f} s  ({rows / mk:,.0f} rows/s)  runs {', '.join(f'{x:.2f}' for x in keyed)}")
print(f"throughput ratio HTTP/psql = {mp / mh:.2f}  (goal >= 0.80)")
print(f"throughput ratio HTTP/(psql then key) = {mk / mh:.2f}  (goal >= 1.00); best of runs {min(keyed) / min(http):.2f}")
PY
