#!/usr/bin/env bash
# The clustering benchmarks, Java and scikit-learn side by side on the same data files, in one run.
# Run by hand from anywhere:   bash bench/clustering/run.sh [REPEATS [TASK...]]   (default 3, every task; ~10 minutes)
# The machine has 2 cores: run it when nothing else is (the load before and after each task is printed).
# Needs: JDK 17, Maven (compiles target/classes), Debian's python3-sklearn (apt-get install python3-sklearn).
set -euo pipefail
cd "$(dirname "$0")/../.."
repeats="${1:-3}"
shift || true
tasks=("$@")
[ ${#tasks[@]} -eq 0 ] && tasks=(kmeans5 kmeans16 overlap5 overlap16 overlap5m sampled5 sweep5 mixture5 silhouette5 silhouette16 \
    commons5 heap16)
out=bench/out
mkdir -p "$out"

mvn -B -q compile
cm=$(find "$HOME/.m2/repository/org/apache/commons/commons-math3/3.6.1" -name 'commons-math3-3.6.1.jar' | head -n 1)
/usr/bin/python3 bench/clustering/make_data.py "$out"
# The harnesses live in the engine's package (its types are package-private): compiled beside target/classes and
# loaded by the same class loader.
javac -d "$out/classes" -cp "target/classes:$cm" bench/clustering/ClusteringBench.java bench/clustering/MixtureBench.java

# Each task writes its own result files, so a task disturbed by another job can be rerun alone:
#   bash bench/clustering/run.sh 3 kmeans16      (the table below always reads every task's latest files)
for task in "${tasks[@]}"; do
    echo "# $task: load before $(cut -d' ' -f1-3 /proc/loadavg)"
    heap=1g
    [ "$task" = commons5 ] && heap=4g # one Commons Math start: 1M DoublePoint objects need more than 1 GB
    bench=ClusteringBench
    [ "$task" = mixture5 ] && bench=MixtureBench
    java "-Xmx$heap" -cp "target/classes:$out/classes:$cm" "io.customersegments.clustering.$bench" "$task" "$out" "$repeats" \
        | tee "$out/java-$task.txt"
    case "$task" in
        silhouette*) /usr/bin/python3 bench/clustering/sklearn_bench.py "$task" "$out" 1 | tee "$out/sklearn-$task.txt" ;;
        commons5|heap16) ;;
        *) /usr/bin/python3 bench/clustering/sklearn_bench.py "$task" "$out" "$repeats" | tee "$out/sklearn-$task.txt" ;;
    esac
    echo "# $task: load after $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)" | tee -a "$out/java-$task.txt"
done

cat "$out"/java-*.txt > "$out/java.txt"
cat "$out"/sklearn-*.txt > "$out/sklearn.txt"
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

def row(make):
    try:
        print(make())
    except KeyError as missing:
        print('| (no result for %s: run its task) | | | | |' % missing)

rows = [
    ("K-means 1M x 5, k=8, 3 starts (s)", "kmeans_d5_seconds", 0.5),
    ("K-means 1M x 16, k=8, 3 starts (s)", "kmeans_d16_seconds", 0.5),
    ("K-means overlapping 200k x 5, k=8, 3 starts (s)", "overlap_200k_d5_seconds", 0.5),
    ("K-means overlapping 200k x 16, k=8, 3 starts (s)", "overlap_200k_d16_seconds", 0.5),
    ("K-means overlapping 1M x 5, k=8, 3 starts, no screening (s)", "overlap_1m_d5_seconds", 0.5),
    ("Exact silhouette 50k x 5 (s)", "silhouette50k_d5_seconds", 0.25),
    ("Exact silhouette 50k x 16 (s)", "silhouette50k_d16_seconds", 0.25),
    ("Sampled silhouette 1M x 5, 10k sample (s)", "sampled1m_d5_seconds", None),
    ("Sweep k=2..10, 3 starts, 1M x 5 (s)", "sweep_d5_seconds", 0.33),
]
print()
row(lambda: "| measure | Java | scikit-learn | ratio | goal |")
row(lambda: "|---|---:|---:|---:|---|")
for label, key, goal in rows:
    def line(label=label, key=key, goal=goal):
        ratio = java[key] / sk[key]
        verdict = "" if goal is None else ("<= %.2fx: %s" % (goal, "met" if ratio <= goal else "MISSED"))
        return "| %s | %.3f | %.3f | %.3fx | %s |" % (label, java[key], sk[key], ratio, verdict)
    row(line)
for d in (5, 16):
    key = "kmeans_d%d_inertia" % d
    row(lambda d=d, key=key: "| K-means 1M x %d inertia | %.6g | %.6g | %.5f | <= 1.005: %s |"
          % (d, java[key], sk[key], java[key] / sk[key], "met" if java[key] / sk[key] <= 1.005 else "MISSED"))
for size, d in (("200k", 5), ("200k", 16), ("1m", 5)):
    key = "overlap_%s_d%d" % (size, d)
    row(lambda size=size, d=d, key=key: "| K-means overlapping %s x %d inertia (iterations) | %.6g (%d) | %.6g (%d) | %.5f | <= 1.001: %s |"
          % (size, d, java[key + "_inertia"], java[key + "_iterations"], sk[key + "_inertia"], sk[key + "_iterations"],
             java[key + "_inertia"] / sk[key + "_inertia"], "met" if java[key + "_inertia"] / sk[key + "_inertia"] <= 1.001 else "MISSED"))
for d in (5, 16):
    key = "silhouette50k_d%d_value" % d
    row(lambda d=d, key=key: "| Exact silhouette 50k x %d value | %.6f | %.6f | | |" % (d, java[key], sk[key]))
row(lambda: "| Sampled silhouette 1M x 5 value (95%% CI) | %.4f (%.4f..%.4f) | %.4f | | |"
      % (java["sampled1m_d5_value"], java["sampled1m_d5_ci_low"], java["sampled1m_d5_ci_high"], sk["sampled1m_d5_value"]))
row(lambda: "| Sampled silhouette 1M x 5 (s) | %.3f | | | <= 0.5 s: %s |"
      % (java["sampled1m_d5_seconds"], "met" if java["sampled1m_d5_seconds"] <= 0.5 else "MISSED"))
row(lambda: "| Sweep 1M x 5 (s) | %.3f | %.3f | | <= 10 s: %s |"
      % (java["sweep_d5_seconds"], sk["sweep_d5_seconds"], "met" if java["sweep_d5_seconds"] <= 10 else "MISSED"))
row(lambda: "| Sweep chosen k / stability | %d / %.3f | %d / %.3f | | |"
      % (java["sweep_d5_chosen_k"], java["sweep_d5_stability"], sk["sweep_d5_chosen_k"], sk["sweep_d5_stability"]))
row(lambda: "| Commons Math KMeansPlusPlusClusterer 1M x 5, one start (s) | %.3f | | ours (3 starts) / it: %.3fx | |"
      % (java["commons_d5_one_start_seconds"], java["kmeans_d5_seconds"] / java["commons_d5_one_start_seconds"]))
row(lambda: "| Commons Math inertia, one start | %.6g | | ours / it: %.5f | |"
      % (java["commons_d5_inertia"], java["kmeans_d5_inertia"] / java["commons_d5_inertia"]))
for fit, label in (("all", "every row (like for like)"), ("sampled", "250,000-row sample (default)")):
    row(lambda fit=fit, label=label: "| Gaussian mixture 1M x 5, k=2..10, fitted on %s: sweep + EM (s) | %.3f | %.3f | %.3fx | <= 0.50x: %s |"
          % (label, java["mixture_d5_%s_seconds" % fit], sk["mixture_d5_seconds"],
             java["mixture_d5_%s_seconds" % fit] / sk["mixture_d5_seconds"],
             "met" if java["mixture_d5_%s_seconds" % fit] / sk["mixture_d5_seconds"] <= 0.5 else "MISSED"))
    row(lambda fit=fit, label=label: "| Gaussian mixture run / a K-means run's sweep, %s | %.3f / %.3f | | %.2fx | <= 2x: %s |"
          % (label, java["mixture_d5_%s_seconds" % fit], java["mixture_d5_kmeans_sweep_seconds"],
             java["mixture_d5_%s_seconds" % fit] / java["mixture_d5_kmeans_sweep_seconds"],
             "met" if java["mixture_d5_%s_seconds" % fit] / java["mixture_d5_kmeans_sweep_seconds"] <= 2 else "MISSED"))
    row(lambda fit=fit: "| Gaussian mixture chosen k (BIC), %s | %d | %d | | |"
          % (fit, java["mixture_d5_%s_chosen_k" % fit], sk["mixture_d5_chosen_k"]))
row(lambda: "| Peak heap, 1M x 16 fit + silhouette + sweep, -Xmx1g (MB) | %.0f | | | < 1024 MB: %s |"
      % (java["heap_d16_peak_heap_mb"], "met" if java["heap_d16_peak_heap_mb"] < 1024 else "MISSED"))
PY
