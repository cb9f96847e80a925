package io.customersegments.clustering;

import java.util.function.BooleanSupplier;

/**
 * A fitted Gaussian mixture. The arrays are the fit's own, not copies: callers must not modify them.
 *
 * @param n the rows it was fitted on
 * @param weights the k mixing weights
 * @param means k × d component means, row-major
 * @param covariances k × d × d covariances, regularisation included
 * @param choleskys k × d × d lower Cholesky factors of the covariances
 * @param logLikelihood the rows' total log-likelihood under the fitted parameters
 * @param iterations EM iterations run
 * @param converged whether EM met the tolerance before the iteration cap
 */
public record MixtureFit(int k, int d, int n, double[] weights, double[] means, double[] covariances, double[] choleskys,
        double logLikelihood, int iterations, boolean converged) {

    /** The free parameters: k - 1 weights, k means and k symmetric covariances. */
    public long parameterCount() {
        return (k - 1) + (long) k * d + (long) k * d * (d + 1) / 2;
    }

    /** The Bayesian information criterion on the fitted rows (scikit-learn's {@code bic}); smaller is better. */
    public double bic() {
        return -2 * logLikelihood + parameterCount() * Math.log(n);
    }

    /**
     * Each row's most probable component and its probability, and the runner-up component and its probability
     * (-1 and 0 for a one-component mixture), with the distances to their means.
     */
    public MixtureAssignments assign(double[] data, int rows, int threads, BooleanSupplier cancelled) {
        GaussianMixture.Parameters parameters = parameters();
        int[] labels = new int[rows];
        double[] probabilities = new double[rows];
        int[] runnersUp = new int[rows];
        double[] runnerUpProbabilities = new double[rows];
        double[] distances = new double[rows];
        double[] secondDistances = new double[rows];
        int block = 4096;
        int blocks = (rows + block - 1) / block;
        try (Workers workers = new Workers(threads)) {
            workers.forEach(blocks, b -> {
                ClusteringCancelledException.throwIfCancelled(cancelled);
                double[] log = new double[k];
                double[] scratch = new double[d];
                for (int i = b * block; i < Math.min(rows, (b + 1) * block); i++) {
                    double total = parameters.logJoint(data, i * d, log, scratch);
                    int best = -1;
                    int second = -1;
                    for (int c = 0; c < k; c++) {
                        if (best < 0 || log[c] > log[best]) {
                            second = best;
                            best = c;
                        }
                        else if (second < 0 || log[c] > log[second]) {
                            second = c;
                        }
                    }
                    labels[i] = best;
                    probabilities[i] = Math.exp(log[best] - total);
                    runnersUp[i] = second;
                    runnerUpProbabilities[i] = second < 0 ? 0 : Math.exp(log[second] - total);
                    distances[i] = Math.sqrt(PointSet.squaredDistance(data, i * d, means, best * d, d));
                    secondDistances[i] = second < 0 ? Double.POSITIVE_INFINITY
                            : Math.sqrt(PointSet.squaredDistance(data, i * d, means, second * d, d));
                }
            });
        }
        return new MixtureAssignments(labels, probabilities, runnersUp, runnerUpProbabilities, distances,
                secondDistances);
    }

    GaussianMixture.Parameters parameters() {
        double[] logDeterminants = new double[k];
        for (int c = 0; c < k; c++) {
            for (int a = 0; a < d; a++) {
                logDeterminants[c] += 2 * Math.log(choleskys[c * d * d + a * d + a]);
            }
        }
        return GaussianMixture.Parameters.withLogDeterminants(k, d, weights, means, covariances, choleskys, logDeterminants);
    }

}
