package io.customersegments.clustering;

/**
 * How to run K-means. Start from {@link #of(int)} and adjust with the {@code with…} methods.
 *
 * @param k the number of clusters, at least 2
 * @param restarts independent k-means++ starts; the one with the lowest inertia wins (default 10)
 * @param maxIterations the cap on Lloyd iterations per start (default 300)
 * @param tolerance relative tolerance, as scikit-learn's {@code tol}: a start stops when the summed squared
 *     centre shift of one iteration is at most {@code tolerance} × the mean per-feature variance of the
 *     data (default 1e-4; 0 means run until no label changes)
 * @param threads threads for the row blocks (default: available processors); results do not depend on it
 * @param screeningSample with more than twice this many rows, restarts are screened on a sample of this many (see
 *     {@link KMeans}); 0 runs every restart on every row (default {@value KMeans#SCREENING_SAMPLE})
 */
record KMeansOptions(int k, int restarts, int maxIterations, double tolerance, int threads, int screeningSample) {

    public static final int DEFAULT_RESTARTS = 10;

    public static final int DEFAULT_MAX_ITERATIONS = 300;

    public static final double DEFAULT_TOLERANCE = 1e-4;

    public KMeansOptions {
        InvalidClusteringInputException.requireK(k);
        if (restarts < 1) {
            throw InvalidClusteringInputException.option("restarts must be at least 1 but was " + restarts);
        }
        if (maxIterations < 1) {
            throw InvalidClusteringInputException.option("maxIterations must be at least 1 but was " + maxIterations);
        }
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw InvalidClusteringInputException.option("tolerance must be finite and not negative but was " + tolerance);
        }
        if (threads < 1) {
            throw InvalidClusteringInputException.option("threads must be at least 1 but was " + threads);
        }
        if (screeningSample < 0) {
            throw InvalidClusteringInputException.option("screeningSample must not be negative but was "
                    + screeningSample);
        }
    }

    KMeansOptions(int k, int restarts, int maxIterations, double tolerance, int threads) {
        this(k, restarts, maxIterations, tolerance, threads, KMeans.SCREENING_SAMPLE);
    }

    /** k clusters with the defaults: 10 restarts, 300 iterations, tolerance 1e-4, all processors. */
    public static KMeansOptions of(int k) {
        return new KMeansOptions(k, DEFAULT_RESTARTS, DEFAULT_MAX_ITERATIONS, DEFAULT_TOLERANCE,
                Workers.defaultThreads());
    }

    public KMeansOptions withK(int k) {
        return new KMeansOptions(k, this.restarts, this.maxIterations, this.tolerance, this.threads,
                this.screeningSample);
    }

    public KMeansOptions withRestarts(int restarts) {
        return new KMeansOptions(this.k, restarts, this.maxIterations, this.tolerance, this.threads,
                this.screeningSample);
    }

    public KMeansOptions withMaxIterations(int maxIterations) {
        return new KMeansOptions(this.k, this.restarts, maxIterations, this.tolerance, this.threads,
                this.screeningSample);
    }

    public KMeansOptions withTolerance(double tolerance) {
        return new KMeansOptions(this.k, this.restarts, this.maxIterations, tolerance, this.threads,
                this.screeningSample);
    }

    /** Screening of restarts on a sample of this many rows; 0 runs every restart on every row (like for like). */
    public KMeansOptions withScreeningSample(int screeningSample) {
        return new KMeansOptions(this.k, this.restarts, this.maxIterations, this.tolerance, this.threads,
                screeningSample);
    }

    /** Every restart on every row. */
    public KMeansOptions withScreeningOff() {
        return withScreeningSample(0);
    }

    public KMeansOptions withThreads(int threads) {
        return new KMeansOptions(this.k, this.restarts, this.maxIterations, this.tolerance, threads,
                this.screeningSample);
    }

}
