package io.customersegments.clustering;

import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * Lloyd's iterations from given centres, with Hamerly's bounds: an upper bound on the distance to the
 * own centre and a lower bound on the distance to the runner-up, moved by the centre shifts, so that a
 * row whose bounds still separate skips every distance computation and never touches its data. The
 * cluster sums are kept up to date by the rows that change cluster (per block, reduced in block order),
 * so a settled row costs three array reads.
 *
 * <p>Convergence follows scikit-learn: stop when no label changed (strict) or when the summed squared
 * centre shift is at most the absolute tolerance; after a tolerance stop one more assignment makes the
 * labels match the centres. The per-row and per-block arrays are allocated once and reused across restarts; each
 * thread taking part in an assignment makes its own small work arrays ({@link Scratch}) for it.
 */
final class HamerlyLloyd {

    /** What one run ended with; labels and centres stay in the engine's arrays until the next run. */
    record Outcome(double inertia, int iterations, boolean converged) {
    }

    private final PointSet points;

    private final int k;

    private final Workers workers;

    final int[] labels;

    private final double[] upper;

    private final double[] lower;

    double[] centres;

    private double[] nextCentres;

    private final double[] sums;

    private final long[] counts;

    private final double[] shift;

    private final double[] halfSeparation;

    /** Per cluster: how far its rows' runner-up bound moves down, the largest shift of any other centre. */
    private final double[] lowerShift;

    private final double[] blockSums;

    private final int[] blockCounts;

    private final int[] blockChanged;

    private final double[] blockInertia;

    /**
     * Per block: whether rows whose bounds fail are first measured against their own centre alone, which the last
     * assignment found worth it (on well separated data most are cleared by it; on overlapping data most need every
     * centre anyway, and the check costs more than it spares).
     */
    private final boolean[] checkOwnCentre;

    HamerlyLloyd(PointSet points, int k, Workers workers) {
        this.points = points;
        this.k = k;
        this.workers = workers;
        this.labels = new int[points.n];
        this.upper = new double[points.n];
        this.lower = new double[points.n];
        this.centres = new double[k * points.d];
        this.nextCentres = new double[k * points.d];
        this.sums = new double[k * points.d];
        this.counts = new long[k];
        this.shift = new double[k];
        this.halfSeparation = new double[k];
        this.lowerShift = new double[k];
        int blocks = points.blocks();
        this.blockSums = new double[blocks * k * points.d];
        this.blockCounts = new int[blocks * k];
        this.blockChanged = new int[blocks];
        this.blockInertia = new double[blocks];
        this.checkOwnCentre = new boolean[blocks];
    }

    /**
     * Runs from the seeding's centres, given each row's nearest initial centre and the squared distance
     * to it.
     */
    Outcome run(double[] initialCentres, int[] nearest, double[] closest, int maxIterations, double absoluteTolerance,
            BooleanSupplier cancelled) {
        int d = this.points.d;
        int blocks = this.points.blocks();
        System.arraycopy(initialCentres, 0, this.centres, 0, this.k * d);
        System.arraycopy(nearest, 0, this.labels, 0, this.points.n);
        Arrays.fill(this.checkOwnCentre, true);
        boolean strict = false;
        boolean converged = false;
        int iterations = 0;
        while (iterations < maxIterations) {
            ClusteringCancelledException.throwIfCancelled(cancelled);
            boolean first = iterations == 0;
            computeHalfSeparation();
            if (first) {
                this.workers.forEach(blocks, b -> assignFromSeeding(b, closest));
                Arrays.fill(this.sums, 0.0);
                Arrays.fill(this.counts, 0L);
            }
            else {
                this.workers.forEach(blocks, this::scratch, (scratch, b) -> assignWithBounds(b, true, scratch));
            }
            int changed = addBlockSums();
            boolean relocated = relocateEmptyClusters();
            for (int c = 0; c < this.k; c++) {
                for (int f = 0; f < d; f++) {
                    this.nextCentres[c * d + f] = this.sums[c * d + f] / this.counts[c];
                }
            }
            double totalShift = recordShift();
            double[] previous = this.centres;
            this.centres = this.nextCentres;
            this.nextCentres = previous;
            iterations++;
            if (!first && changed == 0 && !relocated) {
                strict = true;
                break;
            }
            if (totalShift <= absoluteTolerance) {
                converged = true;
                break;
            }
        }
        if (!strict) {
            computeHalfSeparation();
            this.workers.forEach(blocks, this::scratch, (scratch, b) -> assignWithBounds(b, false, scratch));
            fillEmptyClustersWithFarthestRows();
        }
        return new Outcome(inertia(), iterations, strict || converged);
    }

    private void computeHalfSeparation() {
        int d = this.points.d;
        Arrays.fill(this.halfSeparation, Double.POSITIVE_INFINITY);
        for (int a = 0; a < this.k; a++) {
            for (int b = a + 1; b < this.k; b++) {
                double half = 0.5 * Math.sqrt(PointSet.squaredDistance(this.centres, a * d, this.centres, b * d, d));
                this.halfSeparation[a] = Math.min(this.halfSeparation[a], half);
                this.halfSeparation[b] = Math.min(this.halfSeparation[b], half);
            }
        }
    }

    /**
     * The first assignment, taken over from the seeding, which left each row's nearest centre and squared
     * distance exact; the runner-up bound comes from the triangle inequality (no row is nearer than
     * twice the half-separation minus its own distance to any other centre). Sums the block in full.
     */
    private void assignFromSeeding(int block, double[] closest) {
        double[] x = this.points.data;
        int d = this.points.d;
        int k = this.k;
        int sumsOffset = block * k * d;
        int countsOffset = block * k;
        Arrays.fill(this.blockSums, sumsOffset, sumsOffset + k * d, 0.0);
        Arrays.fill(this.blockCounts, countsOffset, countsOffset + k, 0);
        int start = this.points.blockStart(block);
        int end = this.points.blockEnd(block);
        for (int i = start; i < end; i++) {
            int own = this.labels[i];
            double u = Math.sqrt(closest[i]);
            this.upper[i] = u;
            this.lower[i] = 2.0 * this.halfSeparation[own] - u;
            this.blockCounts[countsOffset + own]++;
            int target = sumsOffset + own * d;
            for (int f = 0; f < d; f++) {
                this.blockSums[target + f] += x[i * d + f];
            }
        }
        this.blockChanged[block] = end - start;
    }

    /**
     * Moves the bounds by the last centre shifts and reassigns the rows whose bounds no longer separate;
     * with {@code track}, records the moves of rows between clusters as the block's changes to the sums.
     *
     * <p>Up to three passes over the block, each narrowing the rows the next looks at: the moved bounds; the exact
     * distance to the own centre (where {@link #checkOwnCentre} says it pays); every centre, measured a tile of
     * gathered rows at a time. No pass branches on a row's bounds: on overlapping clusters a third of the bound
     * tests fail, at random, and a mispredicted branch costs more than the test.
     */
    private void assignWithBounds(int block, boolean track, Scratch scratch) {
        double[] x = this.points.data;
        double[] c = this.centres;
        int d = this.points.d;
        int k = this.k;
        int sumsOffset = block * k * d;
        int countsOffset = block * k;
        if (track) {
            Arrays.fill(this.blockSums, sumsOffset, sumsOffset + k * d, 0.0);
            Arrays.fill(this.blockCounts, countsOffset, countsOffset + k, 0);
        }
        int start = this.points.blockStart(block);
        int end = this.points.blockEnd(block);
        int[] rows = scratch.rows;
        int failing = 0;
        for (int i = start; i < end; i++) {
            int own = this.labels[i];
            double u = this.upper[i] + this.shift[own];
            double l = this.lower[i] - this.lowerShift[own];
            this.upper[i] = u;
            this.lower[i] = l;
            rows[failing] = i;
            failing += reaches(u, bound(l, this.halfSeparation[own]));
        }
        boolean checkOwn = this.checkOwnCentre[block];
        int scanning = failing;
        if (checkOwn) {
            scanning = 0;
            for (int j = 0; j < failing; j++) {
                int i = rows[j];
                int own = this.labels[i];
                double u = Math.sqrt(PointSet.squaredDistance(x, i * d, c, own * d, d));
                this.upper[i] = u;
                rows[scanning] = i;
                scanning += reaches(u, bound(this.lower[i], this.halfSeparation[own]));
            }
        }
        // rows the own-centre check cleared, or would have: it pays while it spares at least every other full scan
        int cleared = failing - scanning;
        int changed = 0;
        NearestCentres measured = scratch.measured;
        double[] nearestTwo = scratch.nearestTwo;
        for (int first = 0; first < scanning; first += RowTile.ROWS) {
            int length = Math.min(RowTile.ROWS, scanning - first);
            measured.measure(x, rows, first, length, c);
            for (int j = 0; j < length; j++) {
                int i = rows[first + j];
                int own = this.labels[i];
                if (!checkOwn) {
                    double bound = bound(this.lower[i], this.halfSeparation[own]);
                    cleared += 1 - reaches(measured.distance(j, own), bound * bound); // squared: no root needed
                }
                int best = measured.nearest(j, nearestTwo);
                this.upper[i] = Math.sqrt(nearestTwo[0]);
                this.lower[i] = Math.sqrt(nearestTwo[1]);
                if (best != own) {
                    changed++;
                    this.labels[i] = best;
                    if (track) {
                        this.blockCounts[countsOffset + own]--;
                        this.blockCounts[countsOffset + best]++;
                        int row = i * d;
                        int from = sumsOffset + own * d;
                        int to = sumsOffset + best * d;
                        for (int f = 0; f < d; f++) {
                            this.blockSums[from + f] -= x[row + f];
                            this.blockSums[to + f] += x[row + f];
                        }
                    }
                }
            }
        }
        this.checkOwnCentre[block] = 2 * cleared >= failing;
        this.blockChanged[block] = changed;
    }

    /*
     * The bound tests are arithmetic on the doubles' raw bits, which order as the values do when not negative: a
     * comparison the JIT may compile to a branch, and on overlapping clusters it would be mispredicted.
     */

    /** The larger of a runner-up bound and a half-separation (never negative); a negative bound counts as 0. */
    private static double bound(double lower, double halfSeparation) {
        long l = Double.doubleToRawLongBits(lower);
        l &= ~(l >> 63);
        long h = Double.doubleToRawLongBits(halfSeparation);
        return Double.longBitsToDouble(h + ((l - h) & ~((l - h) >> 63)));
    }

    /**
     * 1 when the (non-negative) distance reaches the (non-negative) bound, else 0. A row stays with its centre only
     * when strictly nearer to it than the bound: a tie goes to the scan of every centre, where the lower index wins,
     * as in plain Lloyd iterations, whether or not the own-centre check ran.
     */
    private static int reaches(double distance, double bound) {
        return (int) ((Double.doubleToRawLongBits(bound) - Double.doubleToRawLongBits(distance) - 1) >>> 63);
    }

    /** Adds every block's sums (or changes to them) in block order; returns how many labels changed. */
    private int addBlockSums() {
        int width = this.k * this.points.d;
        int changed = 0;
        for (int b = 0; b < this.points.blocks(); b++) {
            changed += this.blockChanged[b];
            for (int j = 0; j < width; j++) {
                this.sums[j] += this.blockSums[b * width + j];
            }
            for (int c = 0; c < this.k; c++) {
                this.counts[c] += this.blockCounts[b * this.k + c];
            }
        }
        return changed;
    }

    /**
     * Stores each centre's move and, per cluster, the largest move of any other centre (the runner-up bound's
     * move); returns the summed squared shift.
     */
    private double recordShift() {
        int d = this.points.d;
        double total = 0;
        double largest = 0;
        double secondLargest = 0;
        int largestCluster = -1;
        for (int c = 0; c < this.k; c++) {
            double squared = PointSet.squaredDistance(this.nextCentres, c * d, this.centres, c * d, d);
            total += squared;
            double moved = Math.sqrt(squared);
            this.shift[c] = moved;
            if (moved > largest) {
                secondLargest = largest;
                largest = moved;
                largestCluster = c;
            }
            else if (moved > secondLargest) {
                secondLargest = moved;
            }
        }
        for (int c = 0; c < this.k; c++) {
            this.lowerShift[c] = (c == largestCluster) ? secondLargest : largest;
        }
        return total;
    }

    /**
     * Gives every empty cluster the row farthest from its centre, as scikit-learn does; the row moves
     * at once (label, sums, and bounds that force a fresh look at it next time).
     */
    private boolean relocateEmptyClusters() {
        boolean relocated = false;
        int d = this.points.d;
        for (int empty = 0; empty < this.k; empty++) {
            if (this.counts[empty] != 0) {
                continue;
            }
            int far = farthestMovableRow(this.counts);
            int old = this.labels[far];
            this.counts[old]--;
            this.counts[empty] = 1;
            for (int f = 0; f < d; f++) {
                double value = this.points.data[far * d + f];
                this.sums[old * d + f] -= value;
                this.sums[empty * d + f] = value;
            }
            this.labels[far] = empty;
            this.upper[far] = Double.POSITIVE_INFINITY;
            this.lower[far] = 0.0;
            relocated = true;
        }
        return relocated;
    }

    /** After the last assignment: an empty cluster takes the farthest row, label and centre both. */
    private void fillEmptyClustersWithFarthestRows() {
        fillEmptyClustersWithFarthestRows(this.points, this.k, this.labels, this.centres);
    }

    /**
     * Gives every cluster no row was assigned to the row farthest from its own centre (label and centre both), as
     * an empty cluster is left after this engine's last assignment; also for fits made elsewhere.
     */
    static void fillEmptyClustersWithFarthestRows(PointSet points, int k, int[] labels, double[] centres) {
        int d = points.d;
        long[] sizes = new long[k];
        for (int label : labels) {
            sizes[label]++;
        }
        for (int empty = 0; empty < k; empty++) {
            if (sizes[empty] == 0) {
                int far = farthestMovableRow(points, labels, centres, sizes);
                sizes[labels[far]]--;
                sizes[empty] = 1;
                labels[far] = empty;
                System.arraycopy(points.data, far * d, centres, empty * d, d);
            }
        }
    }

    private int farthestMovableRow(long[] sizes) {
        return farthestMovableRow(this.points, this.labels, this.centres, sizes);
    }

    /** The row farthest from its own centre among rows whose cluster keeps another row; ties to the lowest index. */
    private static int farthestMovableRow(PointSet points, int[] labels, double[] centres, long[] sizes) {
        int d = points.d;
        int far = -1;
        double farthest = -1;
        for (int i = 0; i < points.n; i++) {
            if (sizes[labels[i]] > 1) {
                double dist = PointSet.squaredDistance(points.data, i * d, centres, labels[i] * d, d);
                if (dist > farthest) {
                    farthest = dist;
                    far = i;
                }
            }
        }
        return far;
    }

    private double inertia() {
        return inertia(this.points, this.labels, this.centres, this.workers, this.blockInertia);
    }

    /** The sum of every row's squared distance to its own centre, added per block in block order. */
    static double inertia(PointSet points, int[] labels, double[] centres, Workers workers, double[] blockInertia) {
        int d = points.d;
        workers.forEach(points.blocks(), b -> {
            double sum = 0;
            for (int i = points.blockStart(b); i < points.blockEnd(b); i++) {
                sum += PointSet.squaredDistance(points.data, i * d, centres, labels[i] * d, d);
            }
            blockInertia[b] = sum;
        });
        double total = 0;
        for (double partial : blockInertia) {
            total += partial;
        }
        return total;
    }

    /** Work arrays for one thread's share of an assignment. */
    private Scratch scratch() {
        return new Scratch(this.points.d, this.k);
    }

    /** A thread's work arrays: the rows of a block still to look at, and the measure of those that need every centre. */
    private static final class Scratch {

        final int[] rows = new int[PointSet.BLOCK_ROWS];

        final double[] nearestTwo = new double[2];

        final NearestCentres measured;

        Scratch(int d, int k) {
            this.measured = new NearestCentres(d, k);
        }

    }

}
