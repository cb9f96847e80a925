#!/usr/bin/python3
"""The scikit-learn side of the clustering benchmarks (Debian's python3-sklearn), on the files make_data.py wrote.

    /usr/bin/python3 bench/clustering/sklearn_bench.py TASK DIR [REPEATS]

TASK: kmeans5 kmeans16 silhouette5 silhouette16 sampled5 sweep5 mixture5. Prints "RESULT name value" lines with the
same names as ClusteringBench.java; times are the median of REPEATS runs (default 3).
"""
import os
import statistics
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.metrics import (adjusted_rand_score, calinski_harabasz_score, davies_bouldin_score,
                             silhouette_score)

warnings.filterwarnings("ignore")
N = 1_000_000


def points(directory, d):
    return np.fromfile(f"{directory}/blobs_1m_d{d}.f64", dtype="<f8").reshape(N, d)


def labels(directory, d):
    return np.fromfile(f"{directory}/blobs_1m_d{d}.labels.i32", dtype="<i4")


def result(name, value):
    print(f"RESULT {name} {value:.6g}", flush=True)


def median_time(repeats, run, warm_up=True):
    """Two untimed warm-up runs (as the Java side has) unless told otherwise, then the median wall time of REPEATS runs."""
    if warm_up:
        run()
        run()
    seconds = []
    value = None
    for r in range(repeats):
        cpu = time.process_time()
        start = time.perf_counter()
        value = run()
        seconds.append(time.perf_counter() - start)
        print(f"# run {r + 1}: {seconds[-1]:.3f} s wall, {time.process_time() - cpu:.3f} s CPU", flush=True)
    return statistics.median(seconds), value


def kmeans(directory, d, repeats):
    X = points(directory, d)
    seconds, fit = median_time(repeats, lambda: KMeans(n_clusters=8, n_init=3, random_state=0).fit(X))
    result(f"kmeans_d{d}_seconds", seconds)
    result(f"kmeans_d{d}_inertia", fit.inertia_)
    result(f"kmeans_d{d}_iterations", fit.n_iter_)


def overlap(directory, size, d, repeats):
    """K-means on overlapping clusters: k = 8, 3 restarts (n_init), tolerance 1e-4, Lloyd's algorithm."""
    X = np.fromfile(os.path.join(directory, f"overlap_{size}_d{d}.f64"), dtype="<f8").reshape(-1, d)
    seconds, fit = median_time(repeats, lambda: KMeans(n_clusters=8, n_init=3, tol=1e-4, algorithm="lloyd",
                                                       random_state=0).fit(X))
    result(f"overlap_{size}_d{d}_seconds", seconds)
    result(f"overlap_{size}_d{d}_inertia", fit.inertia_)
    result(f"overlap_{size}_d{d}_iterations", fit.n_iter_)


def exact_silhouette(directory, d, repeats):
    X = points(directory, d)[:50_000]
    y = labels(directory, d)[:50_000]
    seconds, value = median_time(repeats, lambda: silhouette_score(X, y), warm_up=False)  # about 20 s a run
    result(f"silhouette50k_d{d}_seconds", seconds)
    result(f"silhouette50k_d{d}_value", value)


def sampled_silhouette(directory, d, repeats):
    X = points(directory, d)
    y = labels(directory, d)
    seconds, value = median_time(repeats, lambda: silhouette_score(X, y, sample_size=10_000, random_state=0))
    result(f"sampled1m_d{d}_seconds", seconds)
    result(f"sampled1m_d{d}_value", value)


def sweep(directory, d, repeats):
    """What KSweep does: per k = 2..10 a 3-start K-means, sampled silhouette, Calinski-Harabasz and
    Davies-Bouldin; then 3 more fits of the chosen k from other seeds, compared by adjusted Rand index."""
    X = points(directory, d)

    def run():
        fits = {}
        silhouettes = {}
        for k in range(2, 11):
            fit = KMeans(n_clusters=k, n_init=3, random_state=0).fit(X)
            silhouettes[k] = silhouette_score(X, fit.labels_, sample_size=10_000, random_state=0)
            calinski_harabasz_score(X, fit.labels_)
            davies_bouldin_score(X, fit.labels_)
            fits[k] = fit
        chosen = max(silhouettes, key=silhouettes.get)
        stability = np.mean([adjusted_rand_score(fits[chosen].labels_,
                                                 KMeans(n_clusters=chosen, n_init=3, random_state=s).fit(X).labels_)
                             for s in (1, 2, 3)])
        return chosen, stability

    seconds, (chosen, stability) = median_time(repeats, run, warm_up=False)  # about 25 s a run
    result(f"sweep_d{d}_seconds", seconds)
    result(f"sweep_d{d}_chosen_k", chosen)
    result(f"sweep_d{d}_stability", stability)


def mixture(directory, d, repeats):
    """GaussianMixture with full covariances, k = 2..10, n_init=1 (its own k-means start, scikit-learn's default
    init_params="kmeans"), k chosen by the lowest BIC."""
    from sklearn.mixture import GaussianMixture
    X = points(directory, d)

    def run():
        bics = {}
        for k in range(2, 11):
            bics[k] = GaussianMixture(n_components=k, covariance_type="full", n_init=1, random_state=0).fit(X).bic(X)
        print("# BIC " + " ".join(f"k={k}:{b:.0f}" for k, b in bics.items()), flush=True)
        return min(bics, key=bics.get)

    seconds, chosen = median_time(repeats, run, warm_up=False)
    result(f"mixture_d{d}_seconds", seconds)
    result(f"mixture_d{d}_chosen_k", chosen)


if __name__ == "__main__":
    task, directory = sys.argv[1], sys.argv[2]
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    print(f"# scikit-learn {sklearn.__version__}, numpy {np.__version__}", flush=True)
    {
        "kmeans5": lambda: kmeans(directory, 5, repeats),
        "kmeans16": lambda: kmeans(directory, 16, repeats),
        "overlap5": lambda: overlap(directory, "200k", 5, repeats),
        "overlap16": lambda: overlap(directory, "200k", 16, repeats),
        "overlap5m": lambda: overlap(directory, "1m", 5, repeats),
        "silhouette5": lambda: exact_silhouette(directory, 5, repeats),
        "silhouette16": lambda: exact_silhouette(directory, 16, repeats),
        "sampled5": lambda: sampled_silhouette(directory, 5, repeats),
        "sweep5": lambda: sweep(directory, 5, repeats),
        "mixture5": lambda: mixture(directory, 5, repeats),
    }[task]()
