package io.customersegments.clustering;

import java.util.Arrays;
import java.util.function.BooleanSupplier;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * Greedy k-means++ seeding as scikit-learn does it: each new centre is the best, by the potential it
 * leaves, of {@code 2 + ⌊ln k⌋} candidates drawn with probability proportional to the squared distance
 * to the nearest centre chosen so far.
 *
 * <p>One pass over the data per centre, by tiles of rows: the pass that scores the candidates also
 * folds the previous winner into the nearest distances. When seeding ends, every row's nearest centre
 * and squared distance to it are exact, ready for the first Lloyd iteration.
 */
final class KMeansPlusPlus {

    /** Marks a pass with no centre to fold in. */
    private static final int NONE = -1;

    /** Marks the first pass, which sets every row's distance to the first centre. */
    private static final int FIRST = -2;

    private final PointSet points;

    private final Workers workers;

    private final int k;

    private final double[] centres;

    private final double[][][] tiles;

    /** Squared distance of each row to its nearest chosen centre (not yet counting the pending centre). */
    private final double[] closest;

    /** Index of that centre. */
    private final int[] nearest;

    private KMeansPlusPlus(PointSet points, int k, Workers workers, double[] closest, int[] nearest) {
        this.points = points;
        this.k = k;
        this.workers = workers;
        this.closest = closest;
        this.nearest = nearest;
        this.centres = new double[k * points.d];
        this.tiles = points.tiles(workers);
    }

    /**
     * Returns k initial centres, row-major, and leaves in {@code closest} and {@code nearest} (n long)
     * each row's squared distance to its nearest centre and that centre's index (the lower on a tie).
     */
    static double[] seed(PointSet points, int k, RandomGenerator random, Workers workers, double[] closest,
            int[] nearest, BooleanSupplier cancelled) {
        return new KMeansPlusPlus(points, k, workers, closest, nearest).choose(random, cancelled);
    }

    static int candidatesPerStep(int k) {
        return 2 + (int) Math.log(k);
    }

    private double[] choose(RandomGenerator random, BooleanSupplier cancelled) {
        double[] x = this.points.data;
        int d = this.points.d;
        int blocks = this.points.blocks();
        int first = random.nextInt(this.points.n);
        System.arraycopy(x, first * d, this.centres, 0, d);
        int trials = candidatesPerStep(this.k);
        int[] candidates = new int[trials];
        double[] candidatePotential = new double[blocks * trials];
        double[] blockPotential = new double[blocks];

        this.workers.forEach(blocks, b -> scoreCandidates(b, FIRST, 0, candidates, blockPotential));
        double potential = 0;
        for (double partial : blockPotential) {
            potential += partial;
        }
        for (int c = 1; c < this.k; c++) {
            ClusteringCancelledException.throwIfCancelled(cancelled);
            int pending = (c == 1) ? NONE : c - 1;
            for (int t = 0; t < trials; t++) {
                candidates[t] = locate(random.nextDouble() * potential, blockPotential, pending);
            }
            this.workers.forEach(blocks, b -> scoreCandidates(b, pending, trials, candidates, candidatePotential));
            int best = 0;
            double bestPotential = Double.POSITIVE_INFINITY;
            for (int t = 0; t < trials; t++) {
                double total = 0;
                for (int b = 0; b < blocks; b++) {
                    total += candidatePotential[b * trials + t];
                }
                if (total < bestPotential) {
                    bestPotential = total;
                    best = t;
                }
            }
            for (int b = 0; b < blocks; b++) {
                blockPotential[b] = candidatePotential[b * trials + best];
            }
            potential = bestPotential;
            System.arraycopy(x, candidates[best] * d, this.centres, c * d, d);
        }
        int last = this.k - 1;
        this.workers.forEach(blocks, b -> scoreCandidates(b, last, 0, candidates, blockPotential));
        return this.centres;
    }

    /**
     * For one block: folds centre {@code pending} into the nearest distances (or sets them, for
     * {@link #FIRST}), then adds up, per candidate, the potential the block would keep with it.
     */
    private void scoreCandidates(int block, int pending, int trials, int[] candidates, double[] potentials) {
        double[] x = this.points.data;
        int d = this.points.d;
        int width = Math.max(trials, 1);
        // per-row running totals, summed once per block: elementwise adds vectorise, a running sum does not
        double[][] totals = new double[width][RowTile.ROWS];
        RowTile tile = new RowTile(d);
        double[] distances = new double[RowTile.ROWS];
        double[] near = new double[RowTile.ROWS];
        int end = this.points.blockEnd(block);
        for (int start = this.points.blockStart(block); start < end; start += RowTile.ROWS) {
            tile.use(this.tiles[start / RowTile.ROWS]);
            int length = tile.length();
            if (pending == FIRST) {
                tile.squaredDistances(this.centres, 0, near);
                Arrays.fill(this.nearest, start, start + length, 0);
                double[] total = totals[0];
                for (int r = 0; r < length; r++) {
                    total[r] += near[r];
                }
            }
            else {
                System.arraycopy(this.closest, start, near, 0, length);
                if (pending != NONE) {
                    tile.squaredDistances(this.centres, pending * d, distances);
                    for (int r = 0; r < length; r++) {
                        if (distances[r] < near[r]) {
                            near[r] = distances[r];
                            this.nearest[start + r] = pending;
                        }
                    }
                }
            }
            System.arraycopy(near, 0, this.closest, start, length);
            for (int t = 0; t < trials; t++) {
                tile.squaredDistances(x, candidates[t] * d, distances);
                double[] total = totals[t];
                for (int r = 0; r < length; r++) {
                    total[r] += Math.min(distances[r], near[r]);
                }
            }
        }
        if (pending == FIRST) {
            potentials[block] = sum(totals[0], RowTile.ROWS);
        }
        else {
            for (int t = 0; t < trials; t++) {
                potentials[block * trials + t] = sum(totals[t], RowTile.ROWS);
            }
        }
    }

    /** Row i's weight once the pending centre counts, without storing it. */
    private double weight(int i, int pending) {
        double own = this.closest[i];
        if (pending != NONE) {
            int d = this.points.d;
            own = Math.min(own, PointSet.squaredDistance(this.points.data, i * d, this.centres, pending * d, d));
        }
        return own;
    }

    /** The first row whose running sum of weights exceeds {@code target}: a draw proportional to weight. */
    private int locate(double target, double[] blockPotential, int pending) {
        double running = 0;
        int block = 0;
        while (block < blockPotential.length - 1 && running + blockPotential[block] <= target) {
            running += blockPotential[block];
            block++;
        }
        int lastPositive = -1;
        for (int i = this.points.blockStart(block); i < this.points.n; i++) {
            double weight = weight(i, pending);
            if (weight > 0) {
                lastPositive = i;
                running += weight;
                if (running > target) {
                    return i;
                }
            }
        }
        // rounding left the target past the last row: take the last row with weight, as scikit-learn clips
        for (int i = this.points.blockStart(block) - 1; lastPositive < 0 && i >= 0; i--) {
            if (weight(i, pending) > 0) {
                lastPositive = i;
            }
        }
        return lastPositive;
    }

    /** A sum over four running totals: deterministic, and not bound by the latency of one chain of adds. */
    static double sum(double[] values, int length) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int r = 0;
        for (; r + 3 < length; r += 4) {
            s0 += values[r];
            s1 += values[r + 1];
            s2 += values[r + 2];
            s3 += values[r + 3];
        }
        for (; r < length; r++) {
            s0 += values[r];
        }
        return (s0 + s1) + (s2 + s3);
    }

}
