#!/usr/bin/env bash
# The clustering benchmarks, Java and scikit-learn side by side on the same data files, in one run.
# Run by hand from anywhere:   bash bench/clustering/run.sh [REPEATS]     (default 3; about 5 minutes)
# Needs: JDK 17, Maven (compiles target/classes), Debian's python3-sklearn (apt-get install python3-sklearn).
set -euo pipefail
cd "$(dirname "$0")/../.."
repeats="${1:-3}"
out=bench/out
mkdir -p "$out"

mvn -B -q compile
cm=$(find "$HOME/.m2/repository/org/apache/commons/commons-math3/3.6.1" -name 'commons-math3-3.6.1.jar' | head -n 1)
/usr/bin/python3 bench/clustering/make_data.py "$out"

java_run() { # task heap
    java "-Xmx$2" -cp "target/classes:$cm" bench/clustering/ClusteringBench.java "$1" "$out" "$repeats" \
        | tee -a "$out/java.txt"
}
sklearn_run() { # task repeats
    /usr/bin/python3 bench/clustering/sklearn_bench.py "$1" "$out" "$2" | tee -a "$out/sklearn.txt"
}

: > "$out/java.txt"
: > "$out/sklearn.txt"
echo "# load before: $(uptime)"
for task in kmeans5 kmeans16 sampled5 sweep5; do
    java_run "$task" 1g
    sklearn_run "$task" "$repeats"
done
for task in silhouette5 silhouette16; do
    java_run "$task" 1g
    sklearn_run "$task" 1 # about 20 s a run
done
java_run commons5 4g # one Commons Math start: 1M DoublePoint objects need more than 1 GB
java_run heap16 1g
echo "# load after: $(uptime)"

/usr/bin/python3 - "$out/java.txt" "$out/sklearn.txt" <<'PY'
import sys

def results(path):
    values = {}
    for line in open(path):
        if line.startswith("RESULT "):
            _, name, value = line.split()
            values[name] = float(value)
    return values

java, sk = results(sys.argv[1]), results(sys.argv[2])
rows = [
    ("K-means 1M x 5, k=8, 3 starts (s)", "kmeans_d5_seconds", 0.5),
    ("K-means 1M x 16, k=8, 3 starts (s)", "kmeans_d16_seconds", 0.5),
    ("Exact silhouette 50k x 5 (s)", "silhouette50k_d5_seconds", 0.25),
    ("Exact silhouette 50k x 16 (s)", "silhouette50k_d16_seconds", 0.25),
    ("Sampled silhouette 1M x 5, 10k sample (s)", "sampled1m_d5_seconds", None),
    ("Sweep k=2..10, 3 starts, 1M x 5 (s)", "sweep_d5_seconds", 0.33),
]
print()
print("| measure | Java | scikit-learn | ratio | goal |")
print("|---|---:|---:|---:|---|")
for label, key, goal in rows:
    ratio = java[key] / sk[key]
    verdict = "" if goal is None else ("<= %.2fx: %s" % (goal, "met" if ratio <= goal else "MISSED"))
    print("| %s | %.3f | %.3f | %.3fx | %s |" % (label, java[key], sk[key], ratio, verdict))
for d in (5, 16):
    key = "kmeans_d%d_inertia" % d
    print("| K-means 1M x %d inertia | %.6g | %.6g | %.5f | <= 1.005: %s |"
          % (d, java[key], sk[key], java[key] / sk[key], "met" if java[key] / sk[key] <= 1.005 else "MISSED"))
for d in (5, 16):
    key = "silhouette50k_d%d_value" % d
    print("| Exact silhouette 50k x %d value | %.6f | %.6f | | |" % (d, java[key], sk[key]))
print("| Sampled silhouette 1M x 5 value (95%% CI) | %.4f (%.4f..%.4f) | %.4f | | |"
      % (java["sampled1m_d5_value"], java["sampled1m_d5_ci_low"], java["sampled1m_d5_ci_high"], sk["sampled1m_d5_value"]))
print("| Sampled silhouette 1M x 5 (s) | %.3f | | | <= 0.5 s: %s |"
      % (java["sampled1m_d5_seconds"], "met" if java["sampled1m_d5_seconds"] <= 0.5 else "MISSED"))
print("| Sweep 1M x 5 (s) | %.3f | %.3f | | <= 10 s: %s |"
      % (java["sweep_d5_seconds"], sk["sweep_d5_seconds"], "met" if java["sweep_d5_seconds"] <= 10 else "MISSED"))
print("| Sweep chosen k / stability | %d / %.3f | %d / %.3f | | |"
      % (java["sweep_d5_chosen_k"], java["sweep_d5_stability"], sk["sweep_d5_chosen_k"], sk["sweep_d5_stability"]))
print("| Commons Math KMeansPlusPlusClusterer 1M x 5, one start (s) | %.3f | | ours (3 starts) / it: %.3fx | |"
      % (java["commons_d5_one_start_seconds"], java["kmeans_d5_seconds"] / java["commons_d5_one_start_seconds"]))
print("| Commons Math inertia, one start | %.6g | | ours / it: %.5f | |"
      % (java["commons_d5_inertia"], java["kmeans_d5_inertia"] / java["commons_d5_inertia"]))
print("| Peak heap, 1M x 16 fit + silhouette + sweep, -Xmx1g (MB) | %.0f | | | < 1024 MB: %s |"
      % (java["heap_d16_peak_heap_mb"], "met" if java["heap_d16_peak_heap_mb"] < 1024 else "MISSED"))
PY
