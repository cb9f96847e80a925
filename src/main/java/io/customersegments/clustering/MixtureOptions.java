package io.customersegments.clustering;

/**
 * How a Gaussian mixture is fitted; the defaults are scikit-learn's {@code GaussianMixture}'s.
 *
 * @param tolerance EM stops when the mean log-likelihood per row changes by less (scikit-learn's {@code tol})
 * @param maxIterations the most EM iterations (scikit-learn's {@code max_iter})
 * @param regularisation added to every covariance's diagonal (scikit-learn's {@code reg_covar})
 * @param threads the cores the E step uses
 */
public record MixtureOptions(double tolerance, int maxIterations, double regularisation, int threads) {

    public MixtureOptions {
        if (!(tolerance >= 0) || maxIterations < 1 || !(regularisation >= 0) || threads < 1) {
            throw InvalidClusteringInputException.option("mixture options need tolerance >= 0, maxIterations >= 1, "
                    + "regularisation >= 0 and threads >= 1");
        }
    }

    public static MixtureOptions defaults() {
        return new MixtureOptions(1e-3, 100, 1e-6, Workers.defaultThreads());
    }

    public MixtureOptions withThreads(int threads) {
        return new MixtureOptions(tolerance, maxIterations, regularisation, threads);
    }

}
