#!/usr/bin/env bash
# A run's preparation phase alone (issue 15): bash bench/preparation/run.sh [ROWS [REPEATS]]   (default 10000000 5)
# Compiles target/classes and the harness, then runs it with -Xmx3g (the values and their scaled copy take 800 MB).
set -euo pipefail
cd "$(dirname "$0")/../.."
rows=${1:-10000000}
repeats=${2:-5}
mvn -B -q compile
cm=$(find "$HOME/.m2/repository/org/apache/commons/commons-math3/3.6.1" -name 'commons-math3-3.6.1.jar' | head -n 1)
mkdir -p bench/out/preparation
javac -d bench/out/preparation -cp target/classes bench/preparation/PrepareBench.java
echo "# load before $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx3g -cp "target/classes:bench/out/preparation:$cm" PrepareBench "$rows" "$repeats"
