package io.customersegments.clustering;

/**
 * A fitted K-means model with its quality metrics. Clusters are numbered by the documented rule:
 * descending size, ties broken by the lexicographic order of the centroids (first coordinate, then the
 * next, …), so the same data, options and seed always give the same numbering.
 *
 * <p>The arrays are the model's own, not copies: callers must not modify them.
 *
 * @param k the number of clusters
 * @param d the number of features
 * @param centroids k × d centroids, row-major (cluster c's centre is {@code centroids[c*d .. c*d+d)})
 * @param labels the cluster of each input row, 0 ≤ label &lt; k
 * @param sizes the number of rows in each cluster (descending by the numbering rule; none is empty)
 * @param inertia the sum over rows of the squared Euclidean distance to the own centroid (scikit-learn's {@code inertia_})
 * @param calinskiHarabasz the Calinski-Harabasz index of the labels (scikit-learn's definition; larger is better)
 * @param daviesBouldin the Davies-Bouldin index of the labels (scikit-learn's definition; smaller is better)
 * @param iterations the Lloyd iterations the winning start ran
 * @param converged whether the winning start met the tolerance (or had no label change) before the iteration cap
 */
public record KMeansResult(int k, int d, double[] centroids, int[] labels, int[] sizes, double inertia,
        double calinskiHarabasz, double daviesBouldin, int iterations, boolean converged) {

    /** The number of rows clustered. */
    public int n() {
        return this.labels.length;
    }

    /** A copy of cluster {@code cluster}'s centroid. */
    public double[] centroid(int cluster) {
        double[] centre = new double[this.d];
        System.arraycopy(this.centroids, cluster * this.d, centre, 0, this.d);
        return centre;
    }

    /** Assigns rows (for example new customers, transformed like the training data) to these centroids. */
    public Assignments assign(double[] data, int n) {
        return Assignments.nearest(data, n, this.d, this.centroids, this.k);
    }

}
