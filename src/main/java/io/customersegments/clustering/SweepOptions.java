package io.customersegments.clustering;

/**
 * How to sweep k. Start from {@link #defaults()} and adjust with the {@code with…} methods.
 *
 * @param kMin the smallest k tried (default 2, at least 2)
 * @param kMax the largest k tried (default 10)
 * @param criterion how k is chosen (default {@link KCriterion#SILHOUETTE})
 * @param restarts K-means starts per k (default 10)
 * @param maxIterations the iteration cap per start (default 300)
 * @param tolerance the relative tolerance, as in {@link KMeansOptions} (default 1e-4)
 * @param stabilityFits how many fits with other seeds the chosen k is compared with (default 3; 0 skips it)
 * @param silhouette how the silhouette of each k is computed
 * @param threads threads for K-means (default: available processors); results do not depend on it
 */
public record SweepOptions(int kMin, int kMax, KCriterion criterion, int restarts, int maxIterations, double tolerance,
        int stabilityFits, SilhouetteOptions silhouette, int threads) {

    public static final int DEFAULT_K_MIN = 2;

    public static final int DEFAULT_K_MAX = 10;

    public static final int DEFAULT_STABILITY_FITS = 3;

    public SweepOptions {
        InvalidClusteringInputException.requireK(kMin);
        if (kMax < kMin) {
            throw InvalidClusteringInputException.option("kMax (" + kMax + ") must be at least kMin (" + kMin + ")");
        }
        if (criterion == null || silhouette == null) {
            throw InvalidClusteringInputException.option("criterion and silhouette options must not be null");
        }
        if (stabilityFits < 0) {
            throw InvalidClusteringInputException.option("stabilityFits must not be negative but was " + stabilityFits);
        }
        kMeans(kMin, restarts, maxIterations, tolerance, threads);
    }

    /** k = 2..10, chosen by silhouette, 10 restarts, 300 iterations, tolerance 1e-4, 3 stability fits. */
    public static SweepOptions defaults() {
        return new SweepOptions(DEFAULT_K_MIN, DEFAULT_K_MAX, KCriterion.SILHOUETTE, KMeansOptions.DEFAULT_RESTARTS,
                KMeansOptions.DEFAULT_MAX_ITERATIONS, KMeansOptions.DEFAULT_TOLERANCE, DEFAULT_STABILITY_FITS,
                SilhouetteOptions.defaults(), Workers.defaultThreads());
    }

    public SweepOptions withRange(int kMin, int kMax) {
        return new SweepOptions(kMin, kMax, this.criterion, this.restarts, this.maxIterations, this.tolerance,
                this.stabilityFits, this.silhouette, this.threads);
    }

    public SweepOptions withCriterion(KCriterion criterion) {
        return new SweepOptions(this.kMin, this.kMax, criterion, this.restarts, this.maxIterations, this.tolerance,
                this.stabilityFits, this.silhouette, this.threads);
    }

    public SweepOptions withRestarts(int restarts) {
        return new SweepOptions(this.kMin, this.kMax, this.criterion, restarts, this.maxIterations, this.tolerance,
                this.stabilityFits, this.silhouette, this.threads);
    }

    public SweepOptions withMaxIterations(int maxIterations) {
        return new SweepOptions(this.kMin, this.kMax, this.criterion, this.restarts, maxIterations, this.tolerance,
                this.stabilityFits, this.silhouette, this.threads);
    }

    public SweepOptions withTolerance(double tolerance) {
        return new SweepOptions(this.kMin, this.kMax, this.criterion, this.restarts, this.maxIterations, tolerance,
                this.stabilityFits, this.silhouette, this.threads);
    }

    public SweepOptions withStabilityFits(int stabilityFits) {
        return new SweepOptions(this.kMin, this.kMax, this.criterion, this.restarts, this.maxIterations, this.tolerance,
                stabilityFits, this.silhouette, this.threads);
    }

    public SweepOptions withSilhouette(SilhouetteOptions silhouette) {
        return new SweepOptions(this.kMin, this.kMax, this.criterion, this.restarts, this.maxIterations, this.tolerance,
                this.stabilityFits, silhouette, this.threads);
    }

    public SweepOptions withThreads(int threads) {
        return new SweepOptions(this.kMin, this.kMax, this.criterion, this.restarts, this.maxIterations, this.tolerance,
                this.stabilityFits, this.silhouette, threads);
    }

    /** The K-means options this sweep uses for k. */
    public KMeansOptions kMeans(int k) {
        return kMeans(k, this.restarts, this.maxIterations, this.tolerance, this.threads);
    }

    private static KMeansOptions kMeans(int k, int restarts, int maxIterations, double tolerance, int threads) {
        return new KMeansOptions(k, restarts, maxIterations, tolerance, threads);
    }

}
