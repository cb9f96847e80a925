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

# Prints a member of the JSON on stdin, e.g. json_field '["id"]'.
json_field() {
    /usr/bin/python3 -c 'import json,sys; v=json.load(sys.stdin); print(eval("v" + sys.argv[1]))' "$1"
}
