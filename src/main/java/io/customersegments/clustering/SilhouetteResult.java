package io.customersegments.clustering;

/**
 * The silhouette of a clustering (Euclidean, scikit-learn's definition: s = (b − a) / max(a, b) per row,
 * 0 for a row alone in its cluster), with what a silhouette diagram needs.
 *
 * <p>When {@code exact}, every row was scored against every other row, {@code mean} is the plain mean
 * and the interval is the single point {@code mean}. Otherwise the rows in {@link #rows()} were drawn
 * at random within each cluster (proportional allocation, at least two rows from every cluster that
 * has two), the silhouette was computed exactly among the sampled rows, {@code mean} is the
 * cluster-size-weighted mean of the per-cluster sample means, and the interval is the normal 95%
 * interval of that stratified estimate (with finite-population correction).
 *
 * <p>The arrays are the result's own, not copies: callers must not modify them.
 *
 * @param mean the mean silhouette (in [−1, 1]; larger is better)
 * @param exact whether all rows were scored
 * @param sampleSize how many rows were scored (n when exact)
 * @param ciLow the lower end of the 95% confidence interval of {@code mean}
 * @param ciHigh the upper end of the 95% confidence interval of {@code mean}
 * @param clusterMeans the mean silhouette of the scored rows of each cluster (NaN for a cluster with none)
 * @param clusterShareNegative the share of each cluster's scored rows whose silhouette is below zero (NaN when none)
 * @param rows the input row index of each scored row, ascending
 * @param labels the cluster of each scored row
 * @param values the silhouette of each scored row
 */
public record SilhouetteResult(double mean, boolean exact, int sampleSize, double ciLow, double ciHigh,
        double[] clusterMeans, double[] clusterShareNegative, int[] rows, int[] labels, double[] values) {

}
