#!/usr/bin/python3
"""Reference numbers for the clustering tests, from Debian's scikit-learn (python3-sklearn 1.2.1).

Run from the repository root:  /usr/bin/python3 src/test/resources/clustering/make_references.py
Writes, next to this script:
  blobs_small.csv        300 rows: x0,x1,x2,label,kmeans,silhouette  (overlapping blobs; label = generating
                         centre, kmeans = KMeans(4, n_init=10, random_state=0) labels, silhouette =
                         silhouette_samples(X, label))
  sklearn_reference.csv  name,value: metrics of blobs_small and of the mall customers sweep
"""
import os
import warnings

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs
from sklearn.metrics import (adjusted_rand_score, calinski_harabasz_score, davies_bouldin_score,
                             silhouette_samples, silhouette_score)
from sklearn.preprocessing import StandardScaler

warnings.filterwarnings("ignore")
here = os.path.dirname(os.path.abspath(__file__))
root = os.path.abspath(os.path.join(here, "..", "..", "..", ".."))
rows = []

X, y = make_blobs(n_samples=300, centers=4, n_features=3, cluster_std=2.5, random_state=7)
X = np.round(X, 6)
km = KMeans(n_clusters=4, n_init=10, random_state=0).fit(X)
sil = silhouette_samples(X, y)
with open(os.path.join(here, "blobs_small.csv"), "w") as out:
    out.write("x0,x1,x2,label,kmeans,silhouette\n")
    for point, label, kmeans_label, value in zip(X, y, km.labels_, sil):
        out.write("%.6f,%.6f,%.6f,%d,%d,%.17g\n" % (point[0], point[1], point[2], label, kmeans_label, value))
rows += [
    ("blobs.silhouette", silhouette_score(X, y)),
    ("blobs.calinski_harabasz", calinski_harabasz_score(X, y)),
    ("blobs.davies_bouldin", davies_bouldin_score(X, y)),
    ("blobs.kmeans.inertia", km.inertia_),
    ("blobs.kmeans.silhouette", silhouette_score(X, km.labels_)),
    ("blobs.kmeans.calinski_harabasz", calinski_harabasz_score(X, km.labels_)),
    ("blobs.kmeans.davies_bouldin", davies_bouldin_score(X, km.labels_)),
    ("blobs.ari_label_vs_kmeans", adjusted_rand_score(y, km.labels_)),
]

mall = np.loadtxt(os.path.join(root, "src/test/resources/data/mall_customers.csv"), delimiter=",", skiprows=1,
                  usecols=(3, 4))
for name, Z in (("unscaled", mall), ("standardised", StandardScaler().fit_transform(mall))):
    for k in range(2, 11):
        fit = KMeans(n_clusters=k, n_init=10, random_state=42).fit(Z)
        prefix = "mall.%s.k%d." % (name, k)
        rows += [
            (prefix + "inertia", fit.inertia_),
            (prefix + "silhouette", silhouette_score(Z, fit.labels_)),
            (prefix + "calinski_harabasz", calinski_harabasz_score(Z, fit.labels_)),
            (prefix + "davies_bouldin", davies_bouldin_score(Z, fit.labels_)),
        ]

with open(os.path.join(here, "sklearn_reference.csv"), "w") as out:
    out.write("name,value\n")
    out.write("sklearn.version,%s\n" % sklearn.__version__)
    for name, value in rows:
        out.write("%s,%.17g\n" % (name, value))
