package io.customersegments.clustering;

import io.customersegments.clustering.InvalidClusteringInputException.Reason;

/**
 * The nearest centroid of each row, with the Euclidean (not squared) distance to it and to the
 * runner-up centroid; {@code secondDistances[i] - distances[i]} is the margin by which row i belongs.
 * The arrays are not copied: callers must not modify them.
 *
 * @param labels the nearest centroid's index per row (ties go to the lower index)
 * @param distances the Euclidean distance from each row to its nearest centroid
 * @param secondDistances the Euclidean distance from each row to the second-nearest centroid
 *     ({@code +Infinity} when there is a single centroid)
 */
public record Assignments(int[] labels, double[] distances, double[] secondDistances) {

    /** The number of rows assigned. */
    public int size() {
        return this.labels.length;
    }

    /**
     * Assigns each of n rows (row-major, d values each) to the nearest of k centroids (row-major, k × d),
     * using all processors. The data and centroids must be finite; k may be 1.
     */
    public static Assignments nearest(double[] data, int n, int d, double[] centroids, int k) {
        PointSet points = PointSet.of(data, n, d);
        if (k < 1 || centroids == null || (long) k * d != centroids.length) {
            throw new InvalidClusteringInputException(Reason.INVALID_LABELS, "centroids must hold k × d = " + k + " × " + d
                    + " values but " + ((centroids == null) ? "were null" : "held " + centroids.length));
        }
        for (int j = 0; j < centroids.length; j++) {
            if (!Double.isFinite(centroids[j])) {
                throw new InvalidClusteringInputException(Reason.INVALID_LABELS,
                        "centroid " + (j / d) + ", column " + (j % d) + " is " + centroids[j] + ": centroids must be finite");
            }
        }
        int[] labels = new int[n];
        double[] distances = new double[n];
        double[] seconds = new double[n];
        try (Workers workers = new Workers(Workers.defaultThreads())) {
            workers.forEach(points.blocks(), b -> {
                double[] toCentroids = new double[k];
                double[] nearestTwo = new double[2];
                for (int i = points.blockStart(b); i < points.blockEnd(b); i++) {
                    PointSet.squaredDistances(data, i * d, centroids, k, d, toCentroids);
                    labels[i] = PointSet.nearestTwo(toCentroids, k, nearestTwo);
                    distances[i] = Math.sqrt(nearestTwo[0]);
                    seconds[i] = Math.sqrt(nearestTwo[1]);
                }
            });
        }
        return new Assignments(labels, distances, seconds);
    }

}
