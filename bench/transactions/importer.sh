#!/usr/bin/env bash
# The order-line importer alone (no HTTP, no PostgreSQL: its COPY stream is counted and dropped), to see what a change
# to reading, cleaning or encoding costs without the noise of the whole path.
# Run by hand:   bash bench/transactions/importer.sh [REPEATS [FILE]]   (default 14, ../shared/data/online_retail.csv)
# Prints per upload the wall time and the CPU time of the thread that cleans and encodes the lines, then the median
# of the last ten (the first uploads run while the JIT compiles).
set -euo pipefail
cd "$(dirname "$0")/../.."
repeats="${1:-14}"
file="${2:-../shared/data/online_retail.csv}"
out=bench/out
mkdir -p "$out"
mvn -B -q compile
mvn -B -q dependency:build-classpath -Dmdep.outputFile="$out/classpath.txt" >/dev/null
cp="target/classes:$(cat "$out/classpath.txt")"
# The harness lives in the importer's package (its types are package-private), compiled beside target/classes.
javac -d "$out/classes" -cp "$cp" bench/transactions/ImportBench.java bench/transactions/NullCopy.java
echo "# load before $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
java -Xmx2g -cp "$out/classes:$cp" io.customersegments.dataset.ImportBench "$file" "$repeats" | tee "$out/importer.txt"
echo "# load after $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 - "$out/importer.txt" <<'PY'
import statistics, sys
rows = [line.split('\t') for line in open(sys.argv[1]) if line.startswith('import')][-10:]
wall = statistics.median(int(r[2].split()[1]) for r in rows)
cpu = statistics.median(int(r[3].split()[1]) for r in rows)
print(f"median of the last {len(rows)}: wall {wall:.0f} ms, cpu {cpu:.0f} ms")
PY
