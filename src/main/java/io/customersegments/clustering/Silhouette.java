package io.customersegments.clustering;

import java.util.Arrays;

import org.apache.commons.math3.random.Well19937c;

import io.customersegments.clustering.InvalidClusteringInputException.Reason;

/**
 * The silhouette of labelled rows: exact and parallel up to {@link SilhouetteOptions#exactLimit()} rows,
 * above it exact on a seeded sample stratified by cluster, with a 95% confidence interval. See
 * {@link SilhouetteResult} for what is reported. (The O(n·k) "simplified silhouette" is not computed
 * here and never reported as the silhouette.)
 */
public final class Silhouette {

    /** The 0.975 quantile of the standard normal distribution. */
    private static final double Z_95 = 1.959963984540054;

    private Silhouette() {
    }

    /**
     * Scores n rows (row-major, d values each) labelled in [0, k); at least two clusters must be
     * non-empty. The seed only matters when the rows are sampled.
     */
    public static SilhouetteResult of(double[] data, int n, int d, int[] labels, int k, SilhouetteOptions options,
            long seed) {
        PointSet points = PointSet.of(data, n, d);
        try (Workers workers = new Workers(options.threads())) {
            return of(points, labels, k, options, seed, workers);
        }
    }

    static SilhouetteResult of(PointSet points, int[] labels, int k, SilhouetteOptions options, long seed,
            Workers workers) {
        int[] sizes = clusterSizes(labels, points.n, k);
        if (points.n <= options.exactLimit()) {
            double[] values = ExactSilhouette.values(points.data, points.n, points.d, labels, k, workers);
            int[] rows = new int[points.n];
            Arrays.setAll(rows, i -> i);
            double mean = 0;
            for (double value : values) {
                mean += value;
            }
            mean /= points.n;
            return result(mean, true, mean, mean, rows, labels.clone(), values, k);
        }
        int[] rows = StratifiedSample.draw(labels, sizes, Math.min(options.sampleSize(), points.n),
                new Well19937c(seed));
        int m = rows.length;
        int d = points.d;
        double[] sample = new double[m * d];
        int[] sampleLabels = new int[m];
        for (int j = 0; j < m; j++) {
            System.arraycopy(points.data, rows[j] * d, sample, j * d, d);
            sampleLabels[j] = labels[rows[j]];
        }
        double[] values = ExactSilhouette.values(sample, m, d, sampleLabels, k, workers);
        return stratifiedEstimate(points.n, sizes, rows, sampleLabels, values, k);
    }

    private static int[] clusterSizes(int[] labels, int n, int k) {
        if (labels == null || labels.length != n) {
            throw new InvalidClusteringInputException(Reason.INVALID_LABELS, "labels must hold one cluster per row ("
                    + n + ") but held " + ((labels == null) ? "nothing" : labels.length));
        }
        int[] sizes = new int[Math.max(k, 0)];
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= k) {
                throw new InvalidClusteringInputException(Reason.INVALID_LABELS,
                        "row " + i + " has label " + labels[i] + ", outside [0, " + k + ")");
            }
            sizes[labels[i]]++;
        }
        long nonEmpty = Arrays.stream(sizes).filter(size -> size > 0).count();
        if (nonEmpty < 2) {
            throw new InvalidClusteringInputException(Reason.INVALID_LABELS,
                    "the silhouette needs at least two non-empty clusters but there were " + nonEmpty);
        }
        return sizes;
    }

    private static SilhouetteResult stratifiedEstimate(int n, int[] sizes, int[] rows, int[] labels, double[] values,
            int k) {
        double[] sum = new double[k];
        double[] sumOfSquares = new double[k];
        int[] drawn = new int[k];
        for (int j = 0; j < rows.length; j++) {
            sum[labels[j]] += values[j];
            drawn[labels[j]]++;
        }
        double mean = 0;
        double variance = 0;
        for (int c = 0; c < k; c++) {
            if (drawn[c] > 0) {
                mean += ((double) sizes[c] / n) * (sum[c] / drawn[c]);
            }
        }
        for (int j = 0; j < rows.length; j++) {
            double deviation = values[j] - sum[labels[j]] / drawn[labels[j]];
            sumOfSquares[labels[j]] += deviation * deviation;
        }
        for (int c = 0; c < k; c++) {
            if (drawn[c] > 1) {
                double weight = (double) sizes[c] / n;
                double sampleVariance = sumOfSquares[c] / (drawn[c] - 1);
                variance += weight * weight * (1.0 - (double) drawn[c] / sizes[c]) * sampleVariance / drawn[c];
            }
        }
        double halfWidth = Z_95 * Math.sqrt(variance);
        return result(mean, false, mean - halfWidth, mean + halfWidth, rows, labels, values, k);
    }

    private static SilhouetteResult result(double mean, boolean exact, double low, double high, int[] rows, int[] labels,
            double[] values, int k) {
        double[] clusterMeans = new double[k];
        double[] shareNegative = new double[k];
        int[] counts = new int[k];
        for (int j = 0; j < rows.length; j++) {
            clusterMeans[labels[j]] += values[j];
            shareNegative[labels[j]] += (values[j] < 0) ? 1 : 0;
            counts[labels[j]]++;
        }
        for (int c = 0; c < k; c++) {
            clusterMeans[c] = (counts[c] > 0) ? clusterMeans[c] / counts[c] : Double.NaN;
            shareNegative[c] = (counts[c] > 0) ? shareNegative[c] / counts[c] : Double.NaN;
        }
        return new SilhouetteResult(mean, exact, rows.length, low, high, clusterMeans, shareNegative, rows, labels,
                values);
    }

}
