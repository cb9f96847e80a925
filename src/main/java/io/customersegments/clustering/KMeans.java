package io.customersegments.clustering;

import java.util.Arrays;
import java.util.BitSet;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * K-means on a row-major {@code double[]}: greedy k-means++ seeding, {@code restarts} independent starts
 * (the lowest inertia wins, the earliest on a tie), Lloyd iterations with Hamerly's bounds on all
 * threads, scikit-learn's relative tolerance, empty clusters re-seeded with the farthest row.
 *
 * <p>Above {@value #SCREENING_SAMPLE} × 2 rows the restarts are screened: every start is seeded and run
 * to convergence on a uniform sample of {@value #SCREENING_SAMPLE} rows, and only the best of them (lowest
 * sample inertia) is run on all the rows, from the centres it reached on the sample. This is Bradley and
 * Fayyad's refinement of initial points ("Refining Initial Points for K-Means Clustering", 1998); it keeps
 * the protection of many starts against a poor local optimum at about the cost of one full start.
 *
 * <p>Deterministic: the seed drives a {@link Well19937c} that draws one seed per start, and every sum is
 * taken over fixed row blocks in block order, so the same data, options and seed give identical labels,
 * centroids and numbering on any number of threads. Clusters are numbered by descending size, ties
 * broken by the lexicographic order of the centroids.
 */
final class KMeans {

    /** Restarts whose k-means++ seedings share their passes over the data (each keeps n doubles and ints). */
    private static final int SEEDINGS_AT_ONCE = 4;

    /** Rows on which restarts are screened when there are more than twice as many. */
    static final int SCREENING_SAMPLE = 100_000;

    private KMeans() {
    }

    /** Fits K-means to n rows of d features (row-major). The data array is read, never modified or kept. */
    public static KMeansResult fit(double[] data, int n, int d, KMeansOptions options, long seed) {
        return fit(data, n, d, options, seed, () -> false);
    }

    /**
     * As {@link #fit(double[], int, int, KMeansOptions, long)}, checking {@code cancelled} between
     * iterations and throwing {@link ClusteringCancelledException} once it answers true.
     */
    public static KMeansResult fit(double[] data, int n, int d, KMeansOptions options, long seed,
            BooleanSupplier cancelled) {
        PointSet points = PointSet.of(data, n, d);
        points.requireClusterable(options.k());
        try (Workers workers = new Workers(options.threads())) {
            return fit(points, options, seed, workers, cancelled, restart -> {
            });
        }
    }

    /** Fits validated points; {@code restartDone} hears the index of each finished start. */
    static KMeansResult fit(PointSet points, KMeansOptions options, long seed, Workers workers,
            BooleanSupplier cancelled, IntConsumer restartDone) {
        return fit(points, options, seed, workers, cancelled, restartDone, options.screeningSample());
    }

    /** As above, screening restarts on {@code screeningSample} rows when there are more than twice as many (0: never). */
    static KMeansResult fit(PointSet points, KMeansOptions options, long seed, Workers workers,
            BooleanSupplier cancelled, IntConsumer restartDone, int screeningSample) {
        int k = options.k();
        if (screeningSample > 0 && options.restarts() > 1 && points.n > 2L * screeningSample) {
            PointSet sample = sample(points, screeningSample, seed);
            if (sample.countDistinctUpTo(k) >= k) {
                Start screened = bestStart(sample, options, seed, workers, cancelled, restartDone);
                HamerlyLloyd engine = new HamerlyLloyd(points, k, workers);
                int[] nearest = new int[points.n];
                double[] closest = new double[points.n];
                // The full run starts as a seeding leaves it: each row's nearest centre and squared distance.
                Assignments.nearestSquared(points, screened.centres(), k, workers, nearest, closest, null);
                HamerlyLloyd.Outcome outcome = engine.run(screened.centres(), nearest, closest, options.maxIterations(),
                        absoluteTolerance(points, options, workers), cancelled);
                return numbered(points, k, engine.labels, engine.centres, outcome, workers);
            }
        }
        Start best = bestStart(points, options, seed, workers, cancelled, restartDone);
        return numbered(points, k, best.labels(), best.centres(), best.outcome(), workers);
    }

    /**
     * A fit made elsewhere, from its centres: every row goes to its nearest centre; a centre no row is nearest
     * to takes the row farthest from its own centre among clusters that keep another, as after this engine's last
     * assignment ({@code HamerlyLloyd.fillEmptyClustersWithFarthestRows}); then numbered and measured as this
     * engine's fits are.
     */
    static KMeansResult fromCentres(PointSet points, int k, double[] centres, int iterations, int maxIterations,
            Workers workers) {
        int d = points.d;
        if (centres.length != k * d) {
            throw InvalidClusteringInputException.option("k = " + k + " needs " + (k * d) + " centre coordinates, got "
                    + centres.length);
        }
        for (double coordinate : centres) {
            if (!Double.isFinite(coordinate)) {
                throw InvalidClusteringInputException.option("a centre of k = " + k + " has a coordinate " + coordinate);
            }
        }
        double[] own = centres.clone();
        int[] labels = new int[points.n];
        Assignments.nearestSquared(points, own, k, workers, labels, new double[points.n], null);
        HamerlyLloyd.fillEmptyClustersWithFarthestRows(points, k, labels, own);
        double inertia = HamerlyLloyd.inertia(points, labels, own, workers, new double[points.blocks()]);
        return numbered(points, k, labels, own,
                new HamerlyLloyd.Outcome(inertia, iterations, iterations < maxIterations), workers);
    }

    /** The best of {@code options.restarts()} k-means++ starts on these points. */
    private static Start bestStart(PointSet points, KMeansOptions options, long seed, Workers workers,
            BooleanSupplier cancelled, IntConsumer restartDone) {
        int k = options.k();
        int d = points.d;
        double absoluteTolerance = absoluteTolerance(points, options, workers);
        HamerlyLloyd engine = new HamerlyLloyd(points, k, workers);
        int group = Math.min(SEEDINGS_AT_ONCE, options.restarts());
        double[][] closest = new double[group][points.n];
        int[][] nearest = new int[group][points.n];
        RandomGenerator seeds = new Well19937c(seed);
        int[] bestLabels = new int[points.n];
        double[] bestCentres = new double[k * d];
        HamerlyLloyd.Outcome best = null;
        for (int first = 0; first < options.restarts(); first += group) {
            RandomGenerator[] random = new RandomGenerator[Math.min(group, options.restarts() - first)];
            for (int s = 0; s < random.length; s++) {
                random[s] = new Well19937c(seeds.nextLong());
            }
            double[][] initial = KMeansPlusPlus.seed(points, k, random, workers, closest, nearest, cancelled);
            for (int s = 0; s < random.length; s++) {
                HamerlyLloyd.Outcome outcome = engine.run(initial[s], nearest[s], closest[s], options.maxIterations(),
                        absoluteTolerance, cancelled);
                if (best == null || outcome.inertia() < best.inertia()) {
                    best = outcome;
                    System.arraycopy(engine.labels, 0, bestLabels, 0, points.n);
                    System.arraycopy(engine.centres, 0, bestCentres, 0, k * d);
                }
                restartDone.accept(first + s);
            }
        }
        return new Start(bestLabels, bestCentres, best);
    }

    private record Start(int[] labels, double[] centres, HamerlyLloyd.Outcome outcome) {
    }

    /** A uniform sample of m distinct rows without replacement (Floyd's algorithm), kept in row order. */
    static PointSet sample(PointSet points, int m, long seed) {
        RandomGenerator random = new Well19937c(seed ^ 0x5DEECE66DL);
        BitSet chosen = new BitSet(points.n);
        for (int j = points.n - m; j < points.n; j++) {
            int candidate = random.nextInt(j + 1);
            chosen.set(chosen.get(candidate) ? j : candidate);
        }
        int d = points.d;
        double[] rows = new double[m * d];
        int next = 0;
        for (int i = chosen.nextSetBit(0); i >= 0; i = chosen.nextSetBit(i + 1)) {
            System.arraycopy(points.data, i * d, rows, next++ * d, d);
        }
        return PointSet.of(rows, m, d);
    }

    /** scikit-learn's tolerance: relative to the mean per-feature variance of the data. */
    private static double absoluteTolerance(PointSet points, KMeansOptions options, Workers workers) {
        return options.tolerance() * points.meanFeatureVariance(workers);
    }

    /** Renumbers by descending size, then lexicographic centroid, and measures the result. */
    private static KMeansResult numbered(PointSet points, int k, int[] labels, double[] centres,
            HamerlyLloyd.Outcome outcome, Workers workers) {
        int d = points.d;
        int[] counts = new int[k];
        for (int label : labels) {
            counts[label]++;
        }
        Integer[] order = new Integer[k];
        for (int c = 0; c < k; c++) {
            order[c] = c;
        }
        Arrays.sort(order, (a, b) -> {
            if (counts[a] != counts[b]) {
                return Integer.compare(counts[b], counts[a]);
            }
            int byCentre = Arrays.compare(centres, a * d, a * d + d, centres, b * d, b * d + d);
            return (byCentre != 0) ? byCentre : Integer.compare(a, b);
        });
        int[] newIndex = new int[k];
        double[] centroids = new double[k * d];
        int[] sizes = new int[k];
        for (int position = 0; position < k; position++) {
            int old = order[position];
            newIndex[old] = position;
            sizes[position] = counts[old];
            System.arraycopy(centres, old * d, centroids, position * d, d);
        }
        for (int i = 0; i < labels.length; i++) {
            labels[i] = newIndex[labels[i]];
        }
        ClusterMetrics metrics = ClusterMetrics.of(points, labels, k, workers);
        return new KMeansResult(k, d, centroids, labels, sizes, outcome.inertia(), metrics.calinskiHarabasz(),
                metrics.daviesBouldin(), outcome.iterations(), outcome.converged());
    }

}
