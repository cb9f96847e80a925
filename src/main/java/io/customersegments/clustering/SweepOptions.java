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
 * @param screeningSample with more than twice this many rows, each k's restarts are screened on a sample of this
 *     many and only the best is run on every row; 0 runs every restart on every row (default
 *     {@value KMeans#SCREENING_SAMPLE})
 */
public record SweepOptions(int kMin, int kMax, KCriterion criterion, int restarts, int maxIterations, double tolerance,
        int stabilityFits, SilhouetteOptions silhouette, int threads, int screeningSample) {

    public static final int DEFAULT_K_MIN = 2;

    public static final int DEFAULT_K_MAX = 10;

    public static final int DEFAULT_STABILITY_FITS = 3;

    /** Rows each k's restarts are screened on when there are more than twice as many. */
    public static final int DEFAULT_SCREENING_SAMPLE = KMeans.SCREENING_SAMPLE;

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
        // Validates the K-means options every k uses.
        new KMeansOptions(kMin, restarts, maxIterations, tolerance, threads, screeningSample);
    }

    /** k = 2..10, chosen by silhouette, 10 restarts, 300 iterations, tolerance 1e-4, 3 stability fits. */
    public static SweepOptions defaults() {
        return new SweepOptions(DEFAULT_K_MIN, DEFAULT_K_MAX, KCriterion.SILHOUETTE, KMeansOptions.DEFAULT_RESTARTS,
                KMeansOptions.DEFAULT_MAX_ITERATIONS, KMeansOptions.DEFAULT_TOLERANCE, DEFAULT_STABILITY_FITS,
                SilhouetteOptions.defaults(), Workers.defaultThreads(), KMeans.SCREENING_SAMPLE);
    }

    public SweepOptions withRange(int kMin, int kMax) {
        return new SweepOptions(kMin, kMax, this.criterion, this.restarts, this.maxIterations, this.tolerance,
                this.stabilityFits, this.silhouette, this.threads, this.screeningSample);
    }

    public SweepOptions withCriterion(KCriterion criterion) {
        return new SweepOptions(this.kMin, this.kMax, criterion, this.restarts, this.maxIterations, this.tolerance,
                this.stabilityFits, this.silhouette, this.threads, this.screeningSample);
    }

    public SweepOptions withRestarts(int restarts) {
        return new SweepOptions(this.kMin, this.kMax, this.criterion, restarts, this.maxIterations, this.tolerance,
                this.stabilityFits, this.silhouette, this.threads, this.screeningSample);
    }

    public SweepOptions withMaxIterations(int maxIterations) {
        return new SweepOptions(this.kMin, this.kMax, this.criterion, this.restarts, maxIterations, this.tolerance,
                this.stabilityFits, this.silhouette, this.threads, this.screeningSample);
    }

    public SweepOptions withTolerance(double tolerance) {
        return new SweepOptions(this.kMin, this.kMax, this.criterion, this.restarts, this.maxIterations, tolerance,
                this.stabilityFits, this.silhouette, this.threads, this.screeningSample);
    }

    public SweepOptions withStabilityFits(int stabilityFits) {
        return new SweepOptions(this.kMin, this.kMax, this.criterion, this.restarts, this.maxIterations, this.tolerance,
                stabilityFits, this.silhouette, this.threads, this.screeningSample);
    }

    public SweepOptions withSilhouette(SilhouetteOptions silhouette) {
        return new SweepOptions(this.kMin, this.kMax, this.criterion, this.restarts, this.maxIterations, this.tolerance,
                this.stabilityFits, silhouette, this.threads, this.screeningSample);
    }

    public SweepOptions withThreads(int threads) {
        return new SweepOptions(this.kMin, this.kMax, this.criterion, this.restarts, this.maxIterations, this.tolerance,
                this.stabilityFits, this.silhouette, threads, this.screeningSample);
    }

    public SweepOptions withScreeningSample(int screeningSample) {
        return new SweepOptions(this.kMin, this.kMax, this.criterion, this.restarts, this.maxIterations, this.tolerance,
                this.stabilityFits, this.silhouette, this.threads, screeningSample);
    }

    /** Whether restarts are screened on a sample for {@code n} rows (more than twice the sample, several starts). */
    public boolean screens(long n) {
        return this.screeningSample > 0 && this.restarts > 1 && n > 2L * this.screeningSample;
    }

    /** The K-means options this sweep uses for k. */
    public KMeansOptions kMeans(int k) {
        return new KMeansOptions(k, this.restarts, this.maxIterations, this.tolerance, this.threads,
                this.screeningSample);
    }

}
