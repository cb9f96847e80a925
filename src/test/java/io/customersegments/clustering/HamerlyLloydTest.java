package io.customersegments.clustering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hamerly's bounds, and the engine's choice per block of whether to check a row's own centre first, only skip work:
 * from the same start the engine must take the same steps as plain Lloyd iterations that measure every row against
 * every centre (the nearest centre wins, the lower index on a tie; an empty cluster takes the row farthest from its
 * centre).
 */
class HamerlyLloydTest {

    /**
     * Overlapping clusters make most bound checks fail (the own-centre check is dropped), separated ones make them
     * mostly hold (it is kept); all span several blocks. Integer data makes exact ties between centres common.
     */
    @ParameterizedTest
    @CsvSource({ "5, 0.4, false", "5, 3.0, false", "16, 0.6, false", "3, 2.0, true" })
    void takesTheSameStepsAsPlainLloydIterations(int d, double spread, boolean integers) {
        int k = 8;
        double[] centres = new double[k * d];
        RandomGenerator random = new Well19937c(d);
        for (int j = 0; j < centres.length; j++) {
            centres[j] = random.nextDouble() * 6 * spread;
        }
        double[] data = GeneratedBlobs.around(centres, d, 2_500, 2.0 * spread / 3.0 + 0.3, 7).data();
        if (integers) {
            for (int j = 0; j < data.length; j++) {
                data[j] = Math.rint(data[j]);
            }
        }
        PointSet points = PointSet.of(data, data.length / d, d);
        double[][] closest = new double[1][points.n];
        int[][] nearest = new int[1][points.n];
        try (Workers workers = new Workers(2)) {
            double[] initial = KMeansPlusPlus.seed(points, k, new RandomGenerator[] { new Well19937c(3) }, workers,
                    closest, nearest, () -> false)[0];
            assertSameSteps(points, k, initial, workers, 2);
        }
    }

    /** A row as far from the centre of cluster 0 as from that of cluster 1 joins cluster 0, as argmin does. */
    @Test
    void givesATieToTheLowerIndexWhateverTheBoundsSay() {
        PointSet points = PointSet.of(new double[] { 0, 0, 1, 3 }, 4, 1);
        try (Workers workers = new Workers(2)) {
            // after the first iteration the centres are 0 and 2, and the row at 1 is as far from both
            HamerlyLloyd engine = assertSameSteps(points, 2, new double[] { -0.6, 2.5 }, workers, 3);
            assertThat(engine.labels).containsExactly(0, 0, 0, 1);
            assertThat(engine.centres).containsExactly(1.0 / 3.0, 3.0);
        }
    }

    /** Two starting centres far from every row leave their clusters empty: each takes the row farthest from its centre. */
    @Test
    void refillsEmptyClustersAsPlainLloydDoes() {
        int d = 2;
        double[] centres = { 0, 0, 6, 0, 0, 6, 6, 6 };
        GeneratedBlobs blobs = GeneratedBlobs.around(centres, d, 1_500, 1.5, 11);
        PointSet points = PointSet.of(blobs.data(), blobs.n(), d);
        double[] initial = { 1, 1, 5, 1, 1, 5, 5, 5, 1_000, 1_000, -1_000, 1_000 };
        try (Workers workers = new Workers(2)) {
            HamerlyLloyd engine = assertSameSteps(points, 6, initial, workers, 3);
            int[] sizes = new int[6];
            for (int label : engine.labels) {
                sizes[label]++;
            }
            assertThat(sizes).doesNotContain(0);
        }
    }

    /** Runs the engine and plain Lloyd from the same centres (and each row's nearest) and compares every outcome. */
    private static HamerlyLloyd assertSameSteps(PointSet points, int k, double[] initial, Workers workers,
            int atLeastIterations) {
        int[] nearest = new int[points.n];
        double[] closest = new double[points.n];
        for (int i = 0; i < points.n; i++) {
            nearest[i] = PlainLloyd.nearest(points, initial, k, i);
            closest[i] = PointSet.squaredDistance(points.data, i * points.d, initial, nearest[i] * points.d, points.d);
        }
        double tolerance = 1e-4 * points.meanFeatureVariance(workers);
        HamerlyLloyd engine = new HamerlyLloyd(points, k, workers);
        HamerlyLloyd.Outcome outcome = engine.run(initial, nearest, closest, 300, tolerance, () -> false);
        PlainLloyd plain = PlainLloyd.run(points, k, initial, nearest, 300, tolerance);

        assertThat(outcome.iterations()).isEqualTo(plain.iterations());
        assertThat(outcome.iterations()).isGreaterThanOrEqualTo(atLeastIterations);
        assertThat(engine.labels).containsExactly(plain.labels());
        assertThat(engine.centres).containsExactly(plain.centres(), within(1e-9));
        assertThat(outcome.inertia()).isCloseTo(plain.inertia(), within(1e-9 * plain.inertia()));
        return engine;
    }

    /** Lloyd's iterations without bounds, stopping as the engine does (no label changed, or a shift within tolerance). */
    private record PlainLloyd(int[] labels, double[] centres, int iterations, double inertia) {

        static PlainLloyd run(PointSet points, int k, double[] initial, int[] seeded, int maxIterations,
                double tolerance) {
            int n = points.n;
            int d = points.d;
            double[] centres = initial.clone();
            int[] labels = seeded.clone();
            int iterations = 0;
            boolean strict = false;
            while (iterations < maxIterations) {
                int changed = n;
                if (iterations > 0) {
                    int[] next = new int[n];
                    changed = 0;
                    for (int i = 0; i < n; i++) {
                        next[i] = nearest(points, centres, k, i);
                        changed += (next[i] != labels[i]) ? 1 : 0;
                    }
                    labels = next;
                }
                boolean relocated = refill(points, k, labels, centres, false);
                double[] sums = new double[k * d];
                int[] counts = new int[k];
                for (int i = 0; i < n; i++) {
                    counts[labels[i]]++;
                    for (int f = 0; f < d; f++) {
                        sums[labels[i] * d + f] += points.data[i * d + f];
                    }
                }
                double shift = 0;
                for (int j = 0; j < k * d; j++) {
                    double moved = sums[j] / counts[j / d] - centres[j];
                    shift += moved * moved;
                    centres[j] = sums[j] / counts[j / d];
                }
                iterations++;
                if (iterations > 1 && changed == 0 && !relocated) {
                    strict = true;
                    break;
                }
                if (shift <= tolerance) {
                    break;
                }
            }
            if (!strict) {
                for (int i = 0; i < n; i++) {
                    labels[i] = nearest(points, centres, k, i);
                }
                refill(points, k, labels, centres, true);
            }
            double inertia = 0;
            for (int i = 0; i < n; i++) {
                inertia += PointSet.squaredDistance(points.data, i * d, centres, labels[i] * d, d);
            }
            return new PlainLloyd(labels, centres, iterations, inertia);
        }

        /** The nearest centre of row i, the lower index on a tie. */
        static int nearest(PointSet points, double[] centres, int k, int i) {
            int best = 0;
            double nearest = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double dist = PointSet.squaredDistance(points.data, i * points.d, centres, c * points.d, points.d);
                if (dist < nearest) {
                    nearest = dist;
                    best = c;
                }
            }
            return best;
        }

        /**
         * Gives each empty cluster, in index order, the row farthest from its own centre among clusters that keep
         * another row (the lower row on a tie); after the last assignment the row also becomes the centre.
         */
        private static boolean refill(PointSet points, int k, int[] labels, double[] centres, boolean moveCentre) {
            int d = points.d;
            int[] sizes = new int[k];
            for (int label : labels) {
                sizes[label]++;
            }
            boolean refilled = false;
            for (int empty = 0; empty < k; empty++) {
                if (sizes[empty] > 0) {
                    continue;
                }
                int far = -1;
                double farthest = -1;
                for (int i = 0; i < points.n; i++) {
                    double dist = PointSet.squaredDistance(points.data, i * d, centres, labels[i] * d, d);
                    if (sizes[labels[i]] > 1 && dist > farthest) {
                        farthest = dist;
                        far = i;
                    }
                }
                sizes[labels[far]]--;
                sizes[empty] = 1;
                labels[far] = empty;
                if (moveCentre) {
                    System.arraycopy(points.data, far * d, centres, empty * d, d);
                }
                refilled = true;
            }
            return refilled;
        }

    }

}
