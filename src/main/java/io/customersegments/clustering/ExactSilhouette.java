package io.customersegments.clustering;

import java.util.Arrays;

/**
 * Per-row silhouette values, exact: every pairwise Euclidean distance, O(m²·d). The rows are grouped by cluster and
 * cut into blocks (each within one cluster), copied feature-major so the inner loops run over contiguous tiles that
 * stay in cache and that the JIT can vectorise. Each pair of rows is measured once: the task of block P measures P
 * against every block Q at or after it, keeping both the sums of P's rows over Q and the sums of Q's rows over P.
 * Every such partial sum is written by exactly one task, in a fixed order, and a row adds up its partial sums block
 * by block, so the values do not depend on the thread count.
 */
final class ExactSilhouette {

    /** Rows in a block, at least; more above 40,960 rows, so that there are at most about 160 blocks. */
    private static final int MIN_BLOCK = 256;

    /**
     * Full blocks at most, so the partial sums take at most m × (160 + k) doubles (each cluster can add one short
     * block): with k = 10, 4 MB for a 10,000-row sample, 14 MB at 20,000 rows, 67 MB at 50,000 (k = 200: 19, 45 and
     * 142 MB). Held during one call.
     */
    private static final int MAX_BLOCKS = 160;

    private final int m;

    private final int d;

    private final int k;

    private final int[] labels;

    private final int[] counts;

    /** The original row at each position in cluster order. */
    private final int[] rowAt;

    /** The rows as given, row-major (a point of the distance loop, found through rowAt). */
    private final double[] x;

    /** The rows in cluster order, feature-major (the tiles of the distance loop). */
    private final double[][] byFeature;

    /** Block b holds positions [blockStart[b], blockStart[b + 1]), all of cluster blockCluster[b]. */
    private final int[] blockStart;

    private final int[] blockCluster;

    private final int blocks;

    private final int blockRows;

    /** The sum of distances from the row at position p to the rows of block b, at p × blocks + b. */
    private final double[] partial;

    private ExactSilhouette(double[] x, int m, int d, int[] labels, int k) {
        this.m = m;
        this.d = d;
        this.k = k;
        this.labels = labels;
        this.counts = new int[k];
        for (int label : labels) {
            this.counts[label]++;
        }
        int[] next = new int[k];
        for (int c = 1; c < k; c++) {
            next[c] = next[c - 1] + this.counts[c - 1];
        }
        this.x = x;
        this.rowAt = new int[m];
        this.byFeature = new double[d][m];
        for (int i = 0; i < m; i++) {
            int position = next[labels[i]]++;
            this.rowAt[position] = i;
            for (int f = 0; f < d; f++) {
                this.byFeature[f][position] = x[i * d + f];
            }
        }
        this.blockRows = Math.max(MIN_BLOCK, ((m + MAX_BLOCKS - 1) / MAX_BLOCKS + 7) / 8 * 8);
        int[] starts = new int[m / this.blockRows + k + 1];
        int[] clusters = new int[starts.length];
        int count = 0;
        int position = 0;
        for (int c = 0; c < k; c++) {
            for (int start = position; start < position + this.counts[c]; start += this.blockRows) {
                starts[count] = start;
                clusters[count++] = c;
            }
            position += this.counts[c];
        }
        starts[count] = m;
        this.blocks = count;
        this.blockStart = starts;
        this.blockCluster = clusters;
        this.partial = new double[Math.multiplyExact(m, count)];
    }

    /**
     * The scikit-learn silhouette of each of m rows (row-major, d values each) under labels in [0, k):
     * (b − a) / max(a, b), 0 for rows alone in their cluster.
     */
    static double[] values(double[] x, int m, int d, int[] labels, int k, Workers workers) {
        ExactSilhouette silhouette = new ExactSilhouette(x, m, d, labels, k);
        // The first blocks pair with the most others: handed out first, they leave the short tasks for the end.
        workers.forEach(silhouette.blocks, () -> silhouette.new Tile(), (tile, block) -> silhouette.measure(block, tile));
        double[] values = new double[m];
        workers.forEach((m + MIN_BLOCK - 1) / MIN_BLOCK, part -> silhouette.finish(part, values));
        return values;
    }

    /** A task's working arrays. */
    private final class Tile {

        final double[][] columns = new double[ExactSilhouette.this.d][ExactSilhouette.this.blockRows];

        final RowTile rows = new RowTile(ExactSilhouette.this.d);

        final double[] distances = new double[ExactSilhouette.this.blockRows];

        final double[] columnSums = new double[ExactSilhouette.this.blockRows];

    }

    /** Block p against itself and every later block: the partial sums of both blocks' rows over the other. */
    private void measure(int p, Tile tile) {
        int from = this.blockStart[p];
        int to = this.blockStart[p + 1];
        double[] distances = tile.distances;
        double[] columnSums = tile.columnSums;
        for (int q = p; q < this.blocks; q++) {
            int start = this.blockStart[q];
            int length = this.blockStart[q + 1] - start;
            for (int f = 0; f < this.d; f++) {
                System.arraycopy(this.byFeature[f], start, tile.columns[f], 0, length);
            }
            tile.rows.use(tile.columns, length);
            boolean mirrored = q != p; // a block against itself has its rows' sums already
            Arrays.fill(columnSums, 0, length, 0.0);
            for (int i = from; i < to; i++) {
                tile.rows.squaredDistances(this.x, this.rowAt[i] * this.d, distances);
                if (mirrored) {
                    for (int t = 0; t < length; t++) {
                        double distance = Math.sqrt(distances[t]);
                        distances[t] = distance;
                        columnSums[t] += distance;
                    }
                }
                else {
                    for (int t = 0; t < length; t++) {
                        distances[t] = Math.sqrt(distances[t]);
                    }
                }
                this.partial[i * this.blocks + q] = KMeansPlusPlus.sum(distances, length);
            }
            if (mirrored) {
                for (int t = 0; t < length; t++) {
                    this.partial[(start + t) * this.blocks + p] = columnSums[t];
                }
            }
        }
    }

    /** The values of the rows at positions [part × MIN_BLOCK, …), from their partial sums. */
    private void finish(int part, double[] values) {
        double[] sums = new double[this.k];
        int to = Math.min(this.m, (part + 1) * MIN_BLOCK);
        for (int i = part * MIN_BLOCK; i < to; i++) {
            Arrays.fill(sums, 0.0);
            int offset = i * this.blocks;
            for (int b = 0; b < this.blocks; b++) {
                sums[this.blockCluster[b]] += this.partial[offset + b];
            }
            int row = this.rowAt[i];
            values[row] = value(this.labels[row], sums);
        }
    }

    private double value(int own, double[] sums) {
        if (this.counts[own] <= 1) {
            return 0.0;
        }
        double a = sums[own] / (this.counts[own] - 1);
        double b = Double.POSITIVE_INFINITY;
        for (int c = 0; c < this.k; c++) {
            if (c != own && this.counts[c] > 0) {
                b = Math.min(b, sums[c] / this.counts[c]);
            }
        }
        double scale = Math.max(a, b);
        return (scale > 0 && scale < Double.POSITIVE_INFINITY) ? (b - a) / scale : 0.0;
    }

}
