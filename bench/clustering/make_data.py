#!/usr/bin/python3
"""Writes the benchmark blobs both sides read: 8 centres, n = 1,000,000, d = 5 and d = 16.

Files (in bench/out/, not committed): blobs_1m_d{D}.f64 (row-major little-endian float64, n*d values),
blobs_1m_d{D}.labels.i32 (the generating centre of each row, little-endian int32).
Generated with scikit-learn's make_blobs(n_samples=1_000_000, centers=8, n_features=D, random_state=0).
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
