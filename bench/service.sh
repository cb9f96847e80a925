# Sourced by the benchmarks that start the service: one ADMIN key for the run, given to the service as its
# bootstrap key (every benchmark starts on a schema of its own, dropped first, so the key is the first one).
BENCH_KEY=${BENCH_KEY:-bench-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')}
export BENCH_KEY SEGMENTATION_SECURITY_BOOTSTRAP_KEY=$BENCH_KEY
AUTH="Authorization: Bearer $BENCH_KEY"
