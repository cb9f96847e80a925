package io.customersegments.clustering;

import java.util.Arrays;

import io.customersegments.clustering.InvalidClusteringInputException.Reason;

/**
 * Validated row-major points, cut into fixed blocks of rows. The block size never depends on the
 * thread count, and every reduction adds block results in block order, so sums are bit-for-bit the
 * same on one thread or many.
 */
final class PointSet {

    static final int BLOCK_ROWS = 4096;

    final double[] data;

    final int n;

    final int d;

    private double meanVariance = Double.NaN;

    private double[][][] tiles;

    private PointSet(double[] data, int n, int d) {
        this.data = data;
        this.n = n;
        this.d = d;
    }

    /** Checks shape and finiteness (naming the first bad row and column) and wraps the array without copying. */
    static PointSet of(double[] data, int n, int d) {
        if (data == null) {
            throw new InvalidClusteringInputException(Reason.SHAPE_MISMATCH, "data must not be null");
        }
        if (d < 1) {
            throw new InvalidClusteringInputException(Reason.NO_FEATURES,
                    "d must be at least 1 but was " + d + ": choose one or more feature columns");
        }
        if (n < 1) {
            throw new InvalidClusteringInputException(Reason.SHAPE_MISMATCH,
                    "n must be at least 1 but was " + n + ": there are no rows to cluster");
        }
        if ((long) n * d != data.length) {
            throw new InvalidClusteringInputException(Reason.SHAPE_MISMATCH, "data has " + data.length
                    + " values but n × d = " + n + " × " + d + " = " + ((long) n * d)
                    + ": pass the rows row-major, d values per row");
        }
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(data[i])) {
                throw new NonFiniteValueException(i / d, i % d, data[i]);
            }
        }
        return new PointSet(data, n, d);
    }

    /** Checks that k clusters can be made: 2 ≤ k ≤ n and at least k distinct rows. */
    void requireClusterable(int k) {
        InvalidClusteringInputException.requireK(k);
        if (k > this.n) {
            throw new InvalidClusteringInputException(Reason.K_EXCEEDS_ROWS,
                    "k = " + k + " exceeds the number of rows (" + this.n + "): ask for at most " + this.n + " clusters");
        }
        int distinct = countDistinctUpTo(k);
        if (distinct < k) {
            throw new InvalidClusteringInputException(Reason.TOO_FEW_DISTINCT_POINTS, "the rows hold only "
                    + distinct + (distinct == 1 ? " distinct point" : " distinct points") + ", fewer than k = " + k
                    + ": ask for at most " + (distinct == 1 ? "1 cluster" : distinct + " clusters"));
        }
    }

    /** Distinct rows counted until {@code limit} are found; O(n·limit·d) only when there are fewer. */
    int countDistinctUpTo(int limit) {
        int[] found = new int[limit];
        int count = 0;
        for (int i = 0; i < this.n && count < limit; i++) {
            boolean seen = false;
            for (int j = 0; j < count && !seen; j++) {
                seen = Arrays.equals(this.data, i * this.d, i * this.d + this.d, this.data, found[j] * this.d,
                        found[j] * this.d + this.d);
            }
            if (!seen) {
                found[count++] = i;
            }
        }
        return count;
    }

    int blocks() {
        return (this.n + BLOCK_ROWS - 1) / BLOCK_ROWS;
    }

    int blockStart(int block) {
        return block * BLOCK_ROWS;
    }

    int blockEnd(int block) {
        return Math.min(this.n, (block + 1) * BLOCK_ROWS);
    }

    /**
     * The rows cut into tiles of {@link RowTile#ROWS} consecutive rows, each tile held feature by feature
     * ({@code tiles[t][f][r]} is feature f of row {@code t * ROWS + r}), made once on first use for the
     * vectorised kernels; costs n × d doubles more memory for as long as this point set lives.
     */
    double[][][] tiles(Workers workers) {
        if (this.tiles == null) {
            int count = (this.n + RowTile.ROWS - 1) / RowTile.ROWS;
            double[][][] copy = new double[count][][];
            int perBlock = BLOCK_ROWS / RowTile.ROWS;
            workers.forEach(blocks(), b -> {
                for (int t = b * perBlock; t < Math.min(count, (b + 1) * perBlock); t++) {
                    int first = t * RowTile.ROWS;
                    int length = Math.min(RowTile.ROWS, this.n - first);
                    double[][] tile = new double[this.d][length];
                    for (int r = 0; r < length; r++) {
                        for (int f = 0; f < this.d; f++) {
                            tile[f][r] = this.data[(first + r) * this.d + f];
                        }
                    }
                    copy[t] = tile;
                }
            });
            this.tiles = copy;
        }
        return this.tiles;
    }

    /**
     * The mean over features of the population variance, as scikit-learn scales its tolerance by. One
     * pass: sums of values and squares taken relative to the first row, which keeps the difference of
     * the two sums well conditioned.
     */
    double meanFeatureVariance(Workers workers) {
        if (Double.isNaN(this.meanVariance)) {
            int blocks = blocks();
            int d = this.d;
            double[] partial = new double[blocks * 2 * d];
            workers.forEach(blocks, b -> {
                int base = b * 2 * d;
                for (int i = blockStart(b); i < blockEnd(b); i++) {
                    for (int f = 0; f < d; f++) {
                        double shifted = this.data[i * d + f] - this.data[f];
                        partial[base + f] += shifted;
                        partial[base + d + f] += shifted * shifted;
                    }
                }
            });
            double[] sums = sumBlocks(partial, blocks, 2 * d);
            double total = 0;
            for (int f = 0; f < d; f++) {
                double mean = sums[f] / this.n;
                total += Math.max(0.0, sums[d + f] / this.n - mean * mean);
            }
            this.meanVariance = total / d;
        }
        return this.meanVariance;
    }

    /** Adds per-block rows of {@code width} values in block order. */
    static double[] sumBlocks(double[] partial, int blocks, int width) {
        double[] total = new double[width];
        for (int b = 0; b < blocks; b++) {
            for (int j = 0; j < width; j++) {
                total[j] += partial[b * width + j];
            }
        }
        return total;
    }

    static double squaredDistance(double[] x, int xOffset, double[] y, int yOffset, int d) {
        double sum = 0;
        for (int f = 0; f < d; f++) {
            double diff = x[xOffset + f] - y[yOffset + f];
            sum += diff * diff;
        }
        return sum;
    }

}
