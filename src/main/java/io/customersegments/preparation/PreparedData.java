package io.customersegments.preparation;

import java.util.List;

/**
 * The rows a run clusters, after the missing-value and outlier policies.
 *
 * @param scaled row-major n × dimensions values in clustering space: the numeric features, then each
 *        categorical feature's one-hot columns
 * @param original the numeric features' values, row-major n × d, in the file's units (NaN where a value was missing and imputed)
 * @param d the number of numeric features
 * @param rows for each row, its index in the loaded feature table
 * @param droppedMissing rows left out for a missing feature (policy DROP)
 * @param droppedOutliers rows left out for an outlying value (policy DROP)
 * @param categories how each categorical feature is encoded, in the order of its columns
 * @param dimensions the width of the clustering space
 */
public record PreparedData(double[] scaled, double[] original, int n, int d, int[] rows, long droppedMissing,
        long droppedOutliers, List<FeatureTransform> transforms, List<CategoryEncoding> categories, int dimensions) {

    /** Numeric features only. */
    public PreparedData(double[] scaled, double[] original, int n, int d, int[] rows, long droppedMissing,
            long droppedOutliers, List<FeatureTransform> transforms) {
        this(scaled, original, n, d, rows, droppedMissing, droppedOutliers, transforms, List.of(), d);
    }

}
