#!/usr/bin/python3
"""Writes the benchmark data both sides read.

Blobs: 8 centres, n = 1,000,000, d = 5 and d = 16 (they converge in two or three Lloyd iterations, so they measure
seeding). Files (in bench/out/, not committed): blobs_1m_d{D}.f64 (row-major little-endian float64, n*d values),
blobs_1m_d{D}.labels.i32 (the generating centre of each row, little-endian int32).
Generated with scikit-learn's make_blobs(n_samples=1_000_000, centers=8, n_features=D, random_state=0).

Overlapping clusters: 8 Gaussians with centres uniform in [-3, 3]^D and standard deviation 2, n = 200,000 and
1,000,000, d = 5 and 16 (tens of Lloyd iterations: they measure the iterations). Files overlap_{200k,1m}_d{D}.f64,
drawn with numpy's default_rng(D): centres, then each row's Gaussian, then its noise.
"""
import os
import sys

import numpy as np
from sklearn.datasets import make_blobs

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "out")
os.makedirs(out, exist_ok=True)
for d in (5, 16):
    path = os.path.join(out, f"blobs_1m_d{d}.f64")
    if os.path.exists(path):
        continue
    X, y = make_blobs(n_samples=1_000_000, centers=8, n_features=d, random_state=0)
    np.ascontiguousarray(X, dtype="<f8").tofile(path)
    np.ascontiguousarray(y, dtype="<i4").tofile(os.path.join(out, f"blobs_1m_d{d}.labels.i32"))
    print("wrote", path)
for n, name in ((200_000, "200k"), (1_000_000, "1m")):
    for d in (5, 16):
        path = os.path.join(out, f"overlap_{name}_d{d}.f64")
        if os.path.exists(path):
            continue
        rng = np.random.default_rng(d)
        centres = rng.uniform(-3, 3, size=(8, d))
        X = centres[rng.integers(0, 8, size=n)] + rng.normal(0, 2, size=(n, d))
        np.ascontiguousarray(X, dtype="<f8").tofile(path)
        print("wrote", path)
