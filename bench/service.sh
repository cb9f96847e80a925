# Sourced by the benchmarks that start the service: one ADMIN key for the run, given to the service as its
# bootstrap key (every benchmark starts on a schema of its own, dropped first, so the key is the first one).
BENCH_KEY=${BENCH_KEY:-bench-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')}
export BENCH_KEY SEGMENTATION_SECURITY_BOOTSTRAP_KEY=$BENCH_KEY
AUTH="Authorization: Bearer $BENCH_KEY"

# Waits until the service on port $1 answers its health check (at most 120 s).
await_health() {
    for _ in $(seq 1 120); do
        curl -sf "localhost:$1/actuator/health" >/dev/null && return 0
        sleep 1
    done
    echo "the service on port $1 did not start" >&2
    return 1
}

# Starts a service jar in the background and waits until it is healthy:
#   start_service JAR HEAP PORT SCHEMA LOG [more arguments for the service]
# SERVICE is its pid (set before the wait, so an EXIT trap that kills "${SERVICE:-}" stops it however the script
# ends). The database is $PGHOST/$PGDATABASE as $PGUSER (default 127.0.0.1/postgres as postgres).
start_service() {
    local jar=$1 heap=$2 port=$3 schema=$4 log=$5
    shift 5
    java ${JAVA_OPTS:-} -Xmx"$heap" -jar "$jar" --server.port="$port" --segmentation.database.schema="$schema" \
        --spring.datasource.url="jdbc:postgresql://${PGHOST:-127.0.0.1}:5432/${PGDATABASE:-postgres}" \
        --spring.datasource.username="${PGUSER:-postgres}" "$@" > "$log" 2>&1 &
    SERVICE=$!
    await_health "$port" || { echo "see $log" >&2; return 1; }
}

# Uploads a customer CSV to the service on port $1 and prints the new dataset's id: upload_csv PORT FILE
upload_csv() {
    curl -sf -H "$AUTH" -T "$2" -X POST -H 'Content-Type: text/csv' "localhost:$1/api/datasets?force=true" \
        | json_field '["id"]'
}

# Starts a run on dataset $2 with the request's other members $3 and prints its id: start_run PORT DATASET MEMBERS
# (MEMBERS as in '"features": ["Age"], "restarts": 3').
start_run() {
    curl -sf -H "$AUTH" -X POST -H 'Content-Type: application/json' -d "{\"datasetId\": $2, $3}" \
        "localhost:$1/api/segmentations" | json_field '["id"]'
}

# Prints a member of the JSON on stdin, e.g. json_field '["id"]'.
json_field() {
    /usr/bin/python3 -c 'import json,sys; v=json.load(sys.stdin); print(eval("v" + sys.argv[1]))' "$1"
}

# Waits until run $2 on the API at $1 (e.g. localhost:18090/api) has SUCCEEDED, polling every $3 s (default 0.2);
# exits the script when it FAILED or was CANCELLED.
await_run() {
    local status
    while :; do
        status=$(curl -sf -H "$AUTH" "$1/segmentations/$2" | json_field '["status"]')
        case "$status" in
            SUCCEEDED) return 0 ;;
            FAILED|CANCELLED) echo "run $2 $status" >&2; curl -s -H "$AUTH" "$1/segmentations/$2" >&2; exit 1 ;;
        esac
        sleep "${3:-0.2}"
    done
}
