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
            nearestSquared(points, centroids, k, workers, labels, distances, seconds);
        }
        for (int i = 0; i < n; i++) {
            distances[i] = Math.sqrt(distances[i]);
            seconds[i] = Math.sqrt(seconds[i]);
        }
        return new Assignments(labels, distances, seconds);
    }

    /**
     * For each row: the nearest of k centroids (the lower index on a tie) into {@code labels}, the squared
     * distance to it into {@code nearest} and, unless {@code second} is null, to the runner-up into it.
     */
    static void nearestSquared(PointSet points, double[] centroids, int k, Workers workers, int[] labels,
            double[] nearest, double[] second) {
        int d = points.d;
        // one tile of distances per thread, not per block: with many centres it is hundreds of kilobytes
        workers.forEach(points.blocks(), () -> new NearestCentres(d, k), (measured, b) -> {
            double[] nearestTwo = new double[2];
            for (int first = points.blockStart(b); first < points.blockEnd(b); first += RowTile.ROWS) {
                int length = Math.min(RowTile.ROWS, points.blockEnd(b) - first);
                measured.measureRange(points.data, first, length, centroids);
                for (int j = 0; j < length; j++) {
                    labels[first + j] = measured.nearest(j, nearestTwo);
                    nearest[first + j] = nearestTwo[0];
                    if (second != null) {
                        second[first + j] = nearestTwo[1];
                    }
                }
            }
        });
    }

}
