package io.customersegments.clustering;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

/**
 * Fits K-means for every k in a range and helps choose k: inertia, silhouette, Calinski-Harabasz and
 * Davies-Bouldin per k, the Kneedle elbow of the inertia curve, the silhouette maximum, the chosen k
 * with a one-sentence reason, and the stability of the chosen solution.
 *
 * <p>Seeds: every k is fitted with {@code seed} itself (so {@code KMeans.fit(data, n, d,
 * options.kMeans(k), seed)} reproduces any fit of the sweep), the silhouette samples with {@code seed},
 * and the stability fits use {@code seed + 1}, {@code seed + 2}, … .
 */
public final class KSweep {

    /** Kneedle's sensitivity S, as the {@code kneed} package's default. */
    static final double SENSITIVITY = 1.0;

    private KSweep() {
    }

    /** Sweeps k over n rows of d features (row-major); see {@link #run(double[], int, int, SweepOptions, long, DoubleConsumer, BooleanSupplier)}. */
    public static SweepResult run(double[] data, int n, int d, SweepOptions options, long seed) {
        return run(data, n, d, options, seed, fraction -> {
        }, () -> false);
    }

    /**
     * Sweeps k over n rows of d features (row-major).
     *
     * @param progress hears the fraction done, from 0 to 1, rising after every K-means start and
     *     silhouette; called on the calling thread
     * @param cancelled checked between iterations; once it answers true the sweep throws
     *     {@link ClusteringCancelledException}
     * @throws InvalidClusteringInputException when the data cannot be clustered into {@code kMax} clusters
     */
    public static SweepResult run(double[] data, int n, int d, SweepOptions options, long seed,
            DoubleConsumer progress, BooleanSupplier cancelled) {
        PointSet points = PointSet.of(data, n, d);
        points.requireClusterable(options.kMax());
        Progress tracker = new Progress(options, progress);
        return sweep(points, options, seed, tracker, progress, cancelled,
                (k, workers) -> KMeans.fit(points, options.kMeans(k), seed, workers, cancelled,
                        restart -> tracker.advance(k)));
    }

    /** How a sweep gets each k's fit, with the sweep's thread team. */
    private interface Fitter {

        KMeansResult fit(int k, Workers workers);

    }

    /** Fits and measures every k of the range with {@code fitter}, then chooses k. */
    private static SweepResult sweep(PointSet points, SweepOptions options, long seed, Progress tracker,
            DoubleConsumer progress, BooleanSupplier cancelled, Fitter fitter) {
        return withTeams(options, (workers, forSilhouette) -> {
            List<KFit> fits = new ArrayList<>();
            for (int k = options.kMin(); k <= options.kMax(); k++) {
                KMeansResult model = fitter.fit(k, workers);
                ClusteringCancelledException.throwIfCancelled(cancelled);
                fits.add(measured(points, model, options, seed, forSilhouette, tracker));
            }
            return choose(points, fits, options, seed, workers, tracker, progress, cancelled);
        });
    }

    /**
     * Runs {@code sweep} with the sweep's thread team and the silhouettes' (the same team when they ask for as many
     * threads, else a team of their own).
     */
    private static SweepResult withTeams(SweepOptions options, BiFunction<Workers, Workers, SweepResult> sweep) {
        boolean shared = options.silhouette().threads() == options.threads();
        try (Workers workers = new Workers(options.threads());
                Workers silhouetteWorkers = new Workers(shared ? 1 : options.silhouette().threads())) {
            return sweep.apply(workers, shared ? workers : silhouetteWorkers);
        }
    }

    /**
     * Completes a sweep whose fits were made elsewhere (a Spark job): each k's centres, in the order of
     * {@code kMin..kMax}, assign the rows (each to its nearest centre, as a converged Lloyd iteration leaves them;
     * an empty cluster takes the row farthest from its centre) and are numbered and measured as the engine's own
     * fits are; then silhouettes, the elbow and the choice of k follow exactly as in {@link #run}. No stability
     * fits are made (they would need fits of this engine): set {@code options.stabilityFits()} to 0.
     *
     * @param centres per k, k × d centres (row-major) in the space of {@code data}
     * @param iterations per k, the Lloyd iterations its fit ran
     */
    public static SweepResult fromCentres(double[] data, int n, int d, SweepOptions options, long seed,
            List<double[]> centres, int[] iterations, DoubleConsumer progress, BooleanSupplier cancelled) {
        if (options.stabilityFits() != 0) {
            throw InvalidClusteringInputException.option("fits made elsewhere have no stability fits: set stabilityFits "
                    + "to 0");
        }
        int ks = options.kMax() - options.kMin() + 1;
        if (centres.size() != ks || iterations.length != ks) {
            throw InvalidClusteringInputException.option("expected centres and iterations for each of the " + ks
                    + " k of " + options.kMin() + ".." + options.kMax() + ", got " + centres.size() + " and "
                    + iterations.length);
        }
        PointSet points = PointSet.of(data, n, d);
        points.requireClusterable(options.kMax());
        Progress tracker = new Progress(options, progress);
        return sweep(points, options, seed, tracker, progress, cancelled, (k, workers) -> {
            int index = k - options.kMin();
            KMeansResult model = KMeans.fromCentres(points, k, centres.get(index), iterations[index],
                    options.maxIterations(), workers);
            tracker.advance(k * (double) options.restarts());
            return model;
        });
    }

    /**
     * The sum of squared centre shifts at which a start stops: {@code tolerance} times the mean per-feature variance
     * of the data, as scikit-learn scales its {@code tol}.
     */
    public static double absoluteTolerance(double[] data, int n, int d, double tolerance) {
        try (Workers workers = new Workers(Workers.defaultThreads())) {
            return tolerance * PointSet.of(data, n, d).meanFeatureVariance(workers);
        }
    }

    /** One k's fit with its silhouette. */
    private static KFit measured(PointSet points, KMeansResult model, SweepOptions options, long seed,
            Workers forSilhouette, Progress tracker) {
        SilhouetteResult silhouette = Silhouette.of(points, model.labels(), model.k(), options.silhouette(), seed,
                forSilhouette);
        tracker.advance(model.k());
        return new KFit(model.k(), model, silhouette);
    }

    /** The elbow, the chosen k with its reason, and the chosen k's stability. */
    private static SweepResult choose(PointSet points, List<KFit> fits, SweepOptions options, long seed,
            Workers workers, Progress tracker, DoubleConsumer progress, BooleanSupplier cancelled) {
        Elbow elbow = elbow(fits);
        int silhouetteK = silhouetteMaximum(fits);
        boolean byElbow = options.criterion() == KCriterion.ELBOW && elbow.k().isPresent();
        int chosenK = byElbow ? elbow.k().getAsInt() : silhouetteK;
        KMeansResult chosen = fits.get(chosenK - options.kMin()).model();

        double[] scores = new double[options.stabilityFits()];
        for (int s = 0; s < scores.length; s++) {
            KMeansResult other = KMeans.fit(points, options.kMeans(chosenK), seed + 1 + s, workers, cancelled,
                    restart -> tracker.advanceStability());
            scores[s] = AdjustedRandIndex.between(chosen.labels(), other.labels());
        }
        double stability = Double.NaN;
        if (scores.length > 0) {
            stability = 0;
            for (double score : scores) {
                stability += score;
            }
            stability /= scores.length;
        }
        progress.accept(1.0);
        String reason = reason(options, fits, elbow.k(), silhouetteK, chosenK, byElbow);
        return new SweepResult(fits, elbow, silhouetteK, chosenK, options.criterion(), reason, stability, scores);
    }

    private static Elbow elbow(List<KFit> fits) {
        double[] ks = new double[fits.size()];
        double[] inertia = new double[fits.size()];
        for (int i = 0; i < ks.length; i++) {
            ks[i] = fits.get(i).k();
            inertia[i] = fits.get(i).inertia();
        }
        OptionalInt index = Kneedle.elbowIndex(ks, inertia, SENSITIVITY);
        OptionalInt k = index.isPresent() ? OptionalInt.of(fits.get(index.getAsInt()).k()) : OptionalInt.empty();
        return new Elbow(k, Kneedle.differenceCurve(ks, inertia), SENSITIVITY);
    }

    private static int silhouetteMaximum(List<KFit> fits) {
        KFit best = fits.get(0);
        for (KFit fit : fits) {
            if (fit.silhouetteMean() > best.silhouetteMean()) {
                best = fit;
            }
        }
        return best.k();
    }

    private static String reason(SweepOptions options, List<KFit> fits, OptionalInt elbowK, int silhouetteK,
            int chosenK, boolean byElbow) {
        String range = "k = " + options.kMin() + ".." + options.kMax();
        String peak = String.format(Locale.ROOT, "%.3f", fits.get(silhouetteK - options.kMin()).silhouetteMean());
        if (byElbow) {
            String silhouette = (silhouetteK == chosenK) ? "the silhouette peaks there too (" + peak + ")"
                    : "the silhouette peaks at k = " + silhouetteK + " (" + peak + ")";
            return "k = " + chosenK + " is the elbow (Kneedle) of the inertia curve over " + range + "; " + silhouette
                    + ".";
        }
        String elbow = elbowK.isEmpty() ? "the inertia curve shows no elbow"
                : (elbowK.getAsInt() == chosenK) ? "the inertia elbow (Kneedle) is there too"
                        : "the inertia elbow (Kneedle) is at k = " + elbowK.getAsInt();
        if (options.criterion() == KCriterion.ELBOW) {
            return "The inertia curve over " + range + " shows no elbow, so k = " + chosenK
                    + " was chosen by its highest mean silhouette (" + peak + ").";
        }
        return "k = " + chosenK + " has the highest mean silhouette (" + peak + ") over " + range + "; " + elbow + ".";
    }

    /**
     * Where a sweep is at a fraction of its progress: the k being fitted, or empty once the stability fits of the chosen
     * k run (the plan the progress fraction is counted on).
     */
    public static OptionalInt kAt(SweepOptions options, double fraction) {
        Progress plan = new Progress(options, value -> {
        });
        double done = fraction * plan.total;
        double passed = 0;
        for (int k = options.kMin(); k <= options.kMax(); k++) {
            passed += (options.restarts() + 1.0) * k;
            if (done < passed) {
                return OptionalInt.of(k);
            }
        }
        return options.stabilityFits() > 0 ? OptionalInt.empty() : OptionalInt.of(options.kMax());
    }

    /** Turns finished starts into a rising fraction; the stability fits share what the plan kept for them. */
    private static final class Progress {

        private final DoubleConsumer listener;

        private final double total;

        private final double perStabilityStart;

        private double done;

        Progress(SweepOptions options, DoubleConsumer listener) {
            this.listener = listener;
            double sweep = 0;
            for (int k = options.kMin(); k <= options.kMax(); k++) {
                sweep += (options.restarts() + 1.0) * k;
            }
            this.perStabilityStart = options.kMax();
            this.total = sweep + (double) options.stabilityFits() * options.restarts() * this.perStabilityStart;
        }

        void advance(double units) {
            this.done += units;
            this.listener.accept(Math.min(1.0, this.done / this.total));
        }

        void advanceStability() {
            advance(this.perStabilityStart);
        }

    }

}
