package io.customersegments.clustering;

import java.util.Arrays;
import java.util.function.BooleanSupplier;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * Greedy k-means++ seeding as scikit-learn does it: each new centre is the best, by the potential it
 * leaves, of {@code 2 + ⌊ln k⌋} candidates drawn with probability proportional to the squared distance
 * to the nearest centre chosen so far.
 *
 * <p>Several independent seedings (one per restart, each with its own random generator) run in
 * lockstep: one pass over the data per centre serves them all, so each tile of rows is read from memory
 * once for every restart's candidates. The pass that scores the candidates also folds the previous
 * winner into the nearest distances. When seeding ends, every row's nearest centre and squared distance
 * to it are exact for each seeding, ready for its first Lloyd iteration. Each seeding's result is the
 * same as if it had run alone.
 */
final class KMeansPlusPlus {

    /** Marks a pass with no centre to fold in. */
    private static final int NONE = -1;

    /** Marks the first pass, which sets every row's distance to the first centre. */
    private static final int FIRST = -2;

    private final PointSet points;

    private final Workers workers;

    private final int k;

    private final int seedings;

    private final int trials;

    /** Per seeding: k × d centres, row-major. */
    private final double[][] centres;

    /** Per seeding: squared distance of each row to its nearest chosen centre (not yet counting the pending one). */
    private final double[][] closest;

    /** Per seeding: index of that centre. */
    private final int[][] nearest;

    private final double[][][] tiles;

    private KMeansPlusPlus(PointSet points, int k, int seedings, Workers workers, double[][] closest, int[][] nearest) {
        this.points = points;
        this.k = k;
        this.seedings = seedings;
        this.trials = candidatesPerStep(k);
        this.workers = workers;
        this.closest = closest;
        this.nearest = nearest;
        this.centres = new double[seedings][k * points.d];
        this.tiles = points.tiles(workers);
    }

    /**
     * Seeds {@code random.length} starts at once and returns each one's k initial centres, row-major; leaves
     * in {@code closest[s]} and {@code nearest[s]} (n long) each row's squared distance to seeding s's
     * nearest centre and that centre's index (the lower on a tie).
     */
    static double[][] seed(PointSet points, int k, RandomGenerator[] random, Workers workers, double[][] closest,
            int[][] nearest, BooleanSupplier cancelled) {
        return new KMeansPlusPlus(points, k, random.length, workers, closest, nearest).choose(random, cancelled);
    }

    static int candidatesPerStep(int k) {
        return 2 + (int) Math.log(k);
    }

    private double[][] choose(RandomGenerator[] random, BooleanSupplier cancelled) {
        double[] x = this.points.data;
        int d = this.points.d;
        int blocks = this.points.blocks();
        int[][] candidates = new int[this.seedings][this.trials];
        double[][] candidatePotential = new double[this.seedings][blocks * this.trials];
        double[][] blockPotential = new double[this.seedings][blocks];
        double[] potential = new double[this.seedings];
        for (int s = 0; s < this.seedings; s++) {
            int first = random[s].nextInt(this.points.n);
            System.arraycopy(x, first * d, this.centres[s], 0, d);
        }
        this.workers.forEach(blocks, b -> scoreCandidates(b, FIRST, 0, candidates, blockPotential));
        for (int s = 0; s < this.seedings; s++) {
            for (double partial : blockPotential[s]) {
                potential[s] += partial;
            }
        }
        for (int c = 1; c < this.k; c++) {
            ClusteringCancelledException.throwIfCancelled(cancelled);
            int pending = (c == 1) ? NONE : c - 1;
            for (int s = 0; s < this.seedings; s++) {
                for (int t = 0; t < this.trials; t++) {
                    candidates[s][t] = locate(s, random[s].nextDouble() * potential[s], blockPotential[s], pending);
                }
            }
            this.workers.forEach(blocks, b -> scoreCandidates(b, pending, this.trials, candidates, candidatePotential));
            for (int s = 0; s < this.seedings; s++) {
                int best = 0;
                double bestPotential = Double.POSITIVE_INFINITY;
                for (int t = 0; t < this.trials; t++) {
                    double total = 0;
                    for (int b = 0; b < blocks; b++) {
                        total += candidatePotential[s][b * this.trials + t];
                    }
                    if (total < bestPotential) {
                        bestPotential = total;
                        best = t;
                    }
                }
                for (int b = 0; b < blocks; b++) {
                    blockPotential[s][b] = candidatePotential[s][b * this.trials + best];
                }
                potential[s] = bestPotential;
                System.arraycopy(x, candidates[s][best] * d, this.centres[s], c * d, d);
            }
        }
        int last = this.k - 1;
        this.workers.forEach(blocks, b -> scoreCandidates(b, last, 0, candidates, blockPotential));
        return this.centres;
    }

    /**
     * For one block and every seeding: folds centre {@code pending} into the nearest distances (or sets
     * them, for {@link #FIRST}), then adds up, per candidate, the potential the block would keep with it.
     */
    private void scoreCandidates(int block, int pending, int trials, int[][] candidates, double[][] potentials) {
        double[] x = this.points.data;
        int d = this.points.d;
        int width = Math.max(trials, 1);
        // per-row running totals, summed once per block: elementwise adds vectorise, a running sum does not
        double[][][] totals = new double[this.seedings][width][RowTile.ROWS];
        RowTile tile = new RowTile(d);
        double[] distances = new double[RowTile.ROWS];
        double[] near = new double[RowTile.ROWS];
        int end = this.points.blockEnd(block);
        for (int start = this.points.blockStart(block); start < end; start += RowTile.ROWS) {
            tile.use(this.tiles[start / RowTile.ROWS]);
            int length = tile.length();
            for (int s = 0; s < this.seedings; s++) {
                if (pending == FIRST) {
                    tile.squaredDistances(this.centres[s], 0, near);
                    Arrays.fill(this.nearest[s], start, start + length, 0);
                    addNearer(totals[s][0], near, near, length);
                }
                else {
                    System.arraycopy(this.closest[s], start, near, 0, length);
                    if (pending != NONE) {
                        tile.squaredDistances(this.centres[s], pending * d, distances);
                        foldIn(pending, distances, near, this.nearest[s], start, length);
                    }
                }
                System.arraycopy(near, 0, this.closest[s], start, length);
                for (int t = 0; t < trials; t++) {
                    tile.squaredDistances(x, candidates[s][t] * d, distances);
                    addNearer(totals[s][t], distances, near, length);
                }
            }
        }
        for (int s = 0; s < this.seedings; s++) {
            if (pending == FIRST) {
                potentials[s][block] = sum(totals[s][0], RowTile.ROWS);
            }
            else {
                for (int t = 0; t < trials; t++) {
                    potentials[s][block * trials + t] = sum(totals[s][t], RowTile.ROWS);
                }
            }
        }
    }

    /**
     * Makes {@code pending} the nearest centre of the rows it is strictly nearer to, with masks rather than a branch
     * per row (early in a seeding which centre is nearer is a coin toss, and a mispredicted branch costs more than
     * the comparison); squared distances are never negative, and such doubles order as their bits do.
     */
    static void foldIn(int pending, double[] distances, double[] near, int[] nearestCentre, int start,
            int length) {
        for (int r = 0; r < length; r++) {
            long candidate = Double.doubleToRawLongBits(distances[r]);
            long current = Double.doubleToRawLongBits(near[r]);
            long nearer = (candidate - current) >> 63;
            near[r] = Double.longBitsToDouble(current ^ ((current ^ candidate) & nearer));
            int own = nearestCentre[start + r];
            nearestCentre[start + r] = own ^ ((own ^ pending) & (int) nearer);
        }
    }

    private static void addNearer(double[] total, double[] distances, double[] near, int length) {
        for (int r = 0; r < length; r++) {
            total[r] += Math.min(distances[r], near[r]);
        }
    }

    /** Row i's weight in seeding s once the pending centre counts, without storing it. */
    private double weight(int s, int i, int pending) {
        double own = this.closest[s][i];
        if (pending != NONE) {
            int d = this.points.d;
            own = Math.min(own, PointSet.squaredDistance(this.points.data, i * d, this.centres[s], pending * d, d));
        }
        return own;
    }

    /** The first row whose running sum of weights exceeds {@code target}: a draw proportional to weight. */
    private int locate(int s, double target, double[] blockPotential, int pending) {
        double running = 0;
        int block = 0;
        while (block < blockPotential.length - 1 && running + blockPotential[block] <= target) {
            running += blockPotential[block];
            block++;
        }
        int lastPositive = -1;
        for (int i = this.points.blockStart(block); i < this.points.n; i++) {
            double weight = weight(s, i, pending);
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
            if (weight(s, i, pending) > 0) {
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
