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
 * labels match the centres. Work arrays are allocated once and reused across restarts.
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

    private final double[] blockSums;

    private final int[] blockCounts;

    private final int[] blockChanged;

    private final double[] blockInertia;

    private int largestShiftCluster;

    private double largestShift;

    private double secondLargestShift;

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
        int blocks = points.blocks();
        this.blockSums = new double[blocks * k * points.d];
        this.blockCounts = new int[blocks * k];
        this.blockChanged = new int[blocks];
        this.blockInertia = new double[blocks];
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
                this.workers.forEach(blocks, b -> assignWithBounds(b, true));
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
            this.workers.forEach(blocks, b -> assignWithBounds(b, false));
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
     */
    private void assignWithBounds(int block, boolean track) {
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
        int changed = 0;
        double[] distances = new double[k];
        double[] nearestTwo = new double[2];
        for (int i = this.points.blockStart(block), end = this.points.blockEnd(block); i < end; i++) {
            int own = this.labels[i];
            double u = this.upper[i] + this.shift[own];
            double l = this.lower[i] - ((own == this.largestShiftCluster) ? this.secondLargestShift : this.largestShift);
            double bound = Math.max(l, this.halfSeparation[own]);
            if (u > bound) {
                int row = i * d;
                u = Math.sqrt(PointSet.squaredDistance(x, row, c, own * d, d));
                if (u > bound) {
                    PointSet.squaredDistances(x, row, c, k, d, distances);
                    int best = PointSet.nearestTwo(distances, k, nearestTwo);
                    u = Math.sqrt(nearestTwo[0]);
                    l = Math.sqrt(nearestTwo[1]);
                    if (best != own) {
                        changed++;
                        this.labels[i] = best;
                        if (track) {
                            this.blockCounts[countsOffset + own]--;
                            this.blockCounts[countsOffset + best]++;
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
            this.upper[i] = u;
            this.lower[i] = l;
        }
        this.blockChanged[block] = changed;
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

    /** Stores each centre's move and the two largest moves; returns the summed squared shift. */
    private double recordShift() {
        int d = this.points.d;
        double total = 0;
        this.largestShift = 0;
        this.secondLargestShift = 0;
        this.largestShiftCluster = -1;
        for (int c = 0; c < this.k; c++) {
            double squared = PointSet.squaredDistance(this.nextCentres, c * d, this.centres, c * d, d);
            total += squared;
            double moved = Math.sqrt(squared);
            this.shift[c] = moved;
            if (moved > this.largestShift) {
                this.secondLargestShift = this.largestShift;
                this.largestShift = moved;
                this.largestShiftCluster = c;
            }
            else if (moved > this.secondLargestShift) {
                this.secondLargestShift = moved;
            }
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

}
