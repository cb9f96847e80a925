#!/usr/bin/env python3
"""The notebook way, timed end to end: read the CSV with pandas, standardise the features, sweep
KMeans for k = 2..10 (3 starts each) scoring silhouette_score(sample_size=10000), keep the best k,
write every customer's label to a CSV.

Usage: notebook.py CUSTOMERS.csv LABELS_OUT.csv FEATURE [FEATURE ...]
"""
import sys
import time

import pandas as pd
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import StandardScaler


def main() -> None:
    started = time.perf_counter()
    source, out, features = sys.argv[1], sys.argv[2], sys.argv[3:]
    frame = pd.read_csv(source)
    frame = frame.dropna(subset=features)
    x = StandardScaler().fit_transform(frame[features].to_numpy())
    best = None
    for k in range(2, 11):
        model = KMeans(n_clusters=k, n_init=3, random_state=42).fit(x)
        score = silhouette_score(x, model.labels_, sample_size=10000, random_state=42)
        print(f"k={k} inertia={model.inertia_:.1f} silhouette={score:.4f}", flush=True)
        if best is None or score > best[0]:
            best = (score, k, model.labels_)
    frame.iloc[:, [0]].assign(segment=best[2]).to_csv(out, index=False)
    print(f"chosen k={best[1]} silhouette={best[0]:.4f}")
    print(f"notebook seconds {time.perf_counter() - started:.2f}")


if __name__ == "__main__":
    main()
