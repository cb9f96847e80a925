package io.customersegments.preparation;

import java.util.List;

/**
 * The rows a run clusters, after the missing-value and outlier policies.
 *
 * @param scaled row-major n × d values in clustering space
 * @param original the same rows in the file's units (NaN where a value was missing and imputed)
 * @param rows for each row, its index in the loaded feature table
 * @param droppedMissing rows left out for a missing feature (policy DROP)
 * @param droppedOutliers rows left out for an outlying value (policy DROP)
 */
public record PreparedData(double[] scaled, double[] original, int n, int d, int[] rows, long droppedMissing,
        long droppedOutliers, List<FeatureTransform> transforms) {
}
