#!/usr/bin/env bash
# Order lines to RFM segments, the service and the usual pandas notebook side by side on the same file.
# Run by hand:   bash bench/transactions/run.sh [REPEATS [FILE]]   (default 5, ../shared/data/online_retail.csv)
#                WARMUP=N sets the service's untimed passes (default 10: the JIT still compiles the upload's path
#                after 3, so fewer measure a service that is starting, not a running one)
# Needs: JDK 17, Maven, PostgreSQL on 127.0.0.1:5432, Debian's python3-pandas (apt-get install python3-pandas).
# The machine has 2 cores: run it when nothing else is (the load before and after is printed).
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/service.sh
repeats="${1:-5}"
warmup="${WARMUP:-10}"
file="${2:-../shared/data/online_retail.csv}"
port=8097
schema=customer_segments_bench_transactions
mkdir -p bench/out

mvn -B -q -DskipTests package
psql -h 127.0.0.1 -U postgres -qc "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null
trap 'kill ${SERVICE:-} 2>/dev/null || true' EXIT
start_service target/customer-segmentation-service.jar 2g "$port" "$schema" bench/out/transactions-service.log

echo "# load before $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ); $warmup untimed passes of the service"
# Untimed passes warm the file cache and, for the service, the JIT (a running service is warm).
/usr/bin/python3 bench/transactions/service.py "http://localhost:$port" "$file" "$warmup" >/dev/null
/usr/bin/python3 bench/transactions/notebook.py "$file" 1 >/dev/null
/usr/bin/python3 bench/transactions/service.py "http://localhost:$port" "$file" "$repeats" | tee bench/out/transactions-service.txt
/usr/bin/python3 bench/transactions/notebook.py "$file" "$repeats" | tee bench/out/transactions-notebook.txt
echo "# load after $(cut -d' ' -f1-3 /proc/loadavg)"
grep -E 'Stored|Derived' bench/out/transactions-service.log | tail -2 | sed 's/^.*: //'

/usr/bin/python3 - bench/out/transactions-service.txt bench/out/transactions-notebook.txt <<'PY'
import sys
service = [float(l.split('\t')[2]) for l in open(sys.argv[1]) if l.startswith('service')]
notebook = [float(l.split('\t')[2]) for l in open(sys.argv[2]) if l.startswith('notebook')]
print(f"best of {len(service)}: service {min(service):.2f} s, notebook {min(notebook):.2f} s, "
      f"ratio {min(service) / min(notebook):.2f}x (median {sorted(service)[len(service) // 2]:.2f} s vs "
      f"{sorted(notebook)[len(notebook) // 2]:.2f} s)")
same = {l.split('\t')[1]: l.split('\t')[2] for l in open(sys.argv[1]) if l.startswith('segment')} == \
       {l.split('\t')[1]: l.split('\t')[2] for l in open(sys.argv[2]) if l.startswith('segment')}
print("RFM segment sizes " + ("identical" if same else "DIFFER") + " between the service and the notebook")
PY
