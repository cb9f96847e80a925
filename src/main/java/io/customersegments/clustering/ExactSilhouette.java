package io.customersegments.clustering;

/**
 * Per-row silhouette values, exact: every pairwise Euclidean distance, O(m²·d). The rows are copied
 * feature-major and grouped by cluster, so the inner loops run over contiguous tiles that stay in cache
 * and that the JIT can vectorise; each block of rows is one task that sums its tiles in a fixed order,
 * so the values do not depend on the thread count.
 */
final class ExactSilhouette {

    private static final int ROW_BLOCK = 64;

    private static final int TILE = 512;

    private final double[] x;

    private final int m;

    private final int d;

    private final int[] labels;

    private final int k;

    private final int[] counts;

    private final int[] clusterStart;

    private final double[][] byFeature;

    private ExactSilhouette(double[] x, int m, int d, int[] labels, int k) {
        this.x = x;
        this.m = m;
        this.d = d;
        this.labels = labels;
        this.k = k;
        this.counts = new int[k];
        for (int label : labels) {
            this.counts[label]++;
        }
        this.clusterStart = new int[k + 1];
        for (int c = 0; c < k; c++) {
            this.clusterStart[c + 1] = this.clusterStart[c] + this.counts[c];
        }
        this.byFeature = new double[d][m];
        int[] next = this.clusterStart.clone();
        for (int i = 0; i < m; i++) {
            int position = next[labels[i]]++;
            for (int f = 0; f < d; f++) {
                this.byFeature[f][position] = x[i * d + f];
            }
        }
    }

    /**
     * The scikit-learn silhouette of each of m rows (row-major, d values each) under labels in [0, k):
     * (b − a) / max(a, b), 0 for rows alone in their cluster.
     */
    static double[] values(double[] x, int m, int d, int[] labels, int k, Workers workers) {
        ExactSilhouette silhouette = new ExactSilhouette(x, m, d, labels, k);
        double[] values = new double[m];
        workers.forEach((m + ROW_BLOCK - 1) / ROW_BLOCK, block -> silhouette.rowBlock(block, values));
        return values;
    }

    private void rowBlock(int block, double[] values) {
        int from = block * ROW_BLOCK;
        int to = Math.min(this.m, from + ROW_BLOCK);
        double[] sums = new double[(to - from) * this.k];
        double[][] columns = new double[this.d][TILE];
        RowTile tile = new RowTile(this.d);
        double[] distances = new double[TILE];
        for (int c = 0; c < this.k; c++) {
            for (int start = this.clusterStart[c]; start < this.clusterStart[c + 1]; start += TILE) {
                int length = Math.min(TILE, this.clusterStart[c + 1] - start);
                for (int f = 0; f < this.d; f++) {
                    System.arraycopy(this.byFeature[f], start, columns[f], 0, length);
                }
                tile.use(columns, length);
                for (int i = from; i < to; i++) {
                    sums[(i - from) * this.k + c] += distanceSum(i, tile, distances);
                }
            }
        }
        for (int i = from; i < to; i++) {
            values[i] = value(this.labels[i], sums, (i - from) * this.k);
        }
    }

    /** The sum of Euclidean distances from row i to the rows of the tile. */
    private double distanceSum(int i, RowTile tile, double[] distances) {
        int length = tile.length();
        tile.squaredDistances(this.x, i * this.d, distances);
        for (int t = 0; t < length; t++) {
            distances[t] = Math.sqrt(distances[t]);
        }
        return KMeansPlusPlus.sum(distances, length);
    }

    private double value(int own, double[] sums, int offset) {
        if (this.counts[own] <= 1) {
            return 0.0;
        }
        double a = sums[offset + own] / (this.counts[own] - 1);
        double b = Double.POSITIVE_INFINITY;
        for (int c = 0; c < this.k; c++) {
            if (c != own && this.counts[c] > 0) {
                b = Math.min(b, sums[offset + c] / this.counts[c]);
            }
        }
        double scale = Math.max(a, b);
        return (scale > 0 && scale < Double.POSITIVE_INFINITY) ? (b - a) / scale : 0.0;
    }

}
