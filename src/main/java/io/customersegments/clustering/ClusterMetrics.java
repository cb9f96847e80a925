package io.customersegments.clustering;

/**
 * Calinski-Harabasz and Davies-Bouldin indices exactly as scikit-learn 1.2 defines them: both use the
 * mean of each cluster's rows (not the K-means centres) and count only non-empty clusters.
 */
record ClusterMetrics(double calinskiHarabasz, double daviesBouldin) {

    /** numpy's {@code allclose(a, 0)} tolerance, which scikit-learn's Davies-Bouldin uses to call a spread zero. */
    private static final double ZERO_TOLERANCE = 1e-8;

    static ClusterMetrics of(PointSet points, int[] labels, int k, Workers workers) {
        int d = points.d;
        int blocks = points.blocks();
        int width = k * d + k + d;
        double[] partial = new double[blocks * width];
        workers.forEach(blocks, b -> {
            int base = b * width;
            for (int i = points.blockStart(b); i < points.blockEnd(b); i++) {
                int label = labels[i];
                for (int f = 0; f < d; f++) {
                    double value = points.data[i * d + f];
                    partial[base + label * d + f] += value;
                    partial[base + k * d + k + f] += value;
                }
                partial[base + k * d + label] += 1;
            }
        });
        double[] totals = PointSet.sumBlocks(partial, blocks, width);
        double[] means = new double[k * d];
        double[] counts = new double[k];
        double[] overall = new double[d];
        for (int c = 0; c < k; c++) {
            counts[c] = totals[k * d + c];
            for (int f = 0; f < d; f++) {
                means[c * d + f] = (counts[c] > 0) ? totals[c * d + f] / counts[c] : 0.0;
            }
        }
        for (int f = 0; f < d; f++) {
            overall[f] = totals[k * d + k + f] / points.n;
        }

        // per block and cluster: sum of squared distances (Calinski-Harabasz) and of distances (Davies-Bouldin)
        double[] spread = new double[blocks * 2 * k];
        workers.forEach(blocks, b -> {
            int base = b * 2 * k;
            for (int i = points.blockStart(b); i < points.blockEnd(b); i++) {
                int label = labels[i];
                double squared = PointSet.squaredDistance(points.data, i * d, means, label * d, d);
                spread[base + label] += squared;
                spread[base + k + label] += Math.sqrt(squared);
            }
        });
        double[] spreads = PointSet.sumBlocks(spread, blocks, 2 * k);

        int clusters = 0;
        double within = 0;
        double between = 0;
        for (int c = 0; c < k; c++) {
            if (counts[c] > 0) {
                clusters++;
                between += counts[c] * PointSet.squaredDistance(means, c * d, overall, 0, d);
                within += spreads[c];
            }
        }
        double calinskiHarabasz = (within == 0.0) ? 1.0
                : between * (points.n - clusters) / (within * (clusters - 1.0));
        return new ClusterMetrics(calinskiHarabasz, daviesBouldin(means, counts, spreads, k, d));
    }

    private static double daviesBouldin(double[] means, double[] counts, double[] spreads, int k, int d) {
        double[] scatter = new double[k];
        boolean allScatterZero = true;
        boolean allSeparationZero = true;
        for (int c = 0; c < k; c++) {
            if (counts[c] > 0) {
                scatter[c] = spreads[k + c] / counts[c];
                allScatterZero &= Math.abs(scatter[c]) <= ZERO_TOLERANCE;
            }
        }
        double[] separation = new double[k * k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                if (counts[a] > 0 && counts[b] > 0) {
                    separation[a * k + b] = Math.sqrt(PointSet.squaredDistance(means, a * d, means, b * d, d));
                    allSeparationZero &= separation[a * k + b] <= ZERO_TOLERANCE;
                }
            }
        }
        if (allScatterZero || allSeparationZero) {
            return 0.0;
        }
        double total = 0;
        int clusters = 0;
        for (int a = 0; a < k; a++) {
            if (counts[a] == 0) {
                continue;
            }
            clusters++;
            double worst = 0;
            for (int b = 0; b < k; b++) {
                if (counts[b] > 0 && separation[a * k + b] != 0.0) {
                    worst = Math.max(worst, (scatter[a] + scatter[b]) / separation[a * k + b]);
                }
            }
            total += worst;
        }
        return total / clusters;
    }

}
