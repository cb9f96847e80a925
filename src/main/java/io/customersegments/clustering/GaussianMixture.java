package io.customersegments.clustering;

import java.util.Arrays;
import java.util.function.BooleanSupplier;

import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.NonSymmetricMatrixException;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Gaussian mixtures with full covariances fitted by expectation-maximisation, started from a k-means
 * labelling (scikit-learn's {@code init_params="kmeans"}), with {@code regularisation} added to every
 * covariance's diagonal so a singular component never stops the fit (scikit-learn's {@code reg_covar}).
 * <p>
 * Hand-written over flat arrays, one pass per iteration that computes the responsibilities and gathers
 * the next parameters' sums in row blocks on every core: Commons Math's
 * {@code MultivariateNormalMixtureExpectationMaximization} builds a distribution object per component and
 * point, fails on a singular covariance and has no regularisation; it remains the oracle in the tests.
 */
public final class GaussianMixture {

    private static final int BLOCK = 4096;

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    /**
     * Components whose log-probability lies this far below a row's largest are left out of its sums: e^-37 is below
     * a double's precision beside 1, so the sums come out the same, and most exp calls are spared.
     */
    static final double NEGLIGIBLE = -37;

    private GaussianMixture() {
    }

    /**
     * Fits k components to the rows, starting from the given labelling.
     *
     * @param data row-major n × d
     * @param initialLabels a label in [0, k) per row (a k-means fit's); every label must occur
     */
    public static MixtureFit fit(double[] data, int n, int d, int k, int[] initialLabels, MixtureOptions options,
            BooleanSupplier cancelled) {
        if (initialLabels.length != n) {
            throw InvalidClusteringInputException.option("initialLabels has " + initialLabels.length + " labels for "
                    + n + " rows");
        }
        Parameters parameters = Parameters.fromLabels(data, n, d, k, initialLabels, options.regularisation());
        double previous = Double.NEGATIVE_INFINITY;
        int iteration = 0;
        boolean converged = false;
        try (Workers workers = new Workers(options.threads())) {
            double logLikelihood = Double.NaN;
            while (true) {
                ClusteringCancelledException.throwIfCancelled(cancelled);
                // The E step of these parameters: their log-likelihood, and the sums of the next ones.
                Statistics statistics = Statistics.gather(data, n, d, parameters, workers);
                logLikelihood = statistics.logLikelihood;
                double meanLogLikelihood = logLikelihood / n;
                if (iteration == options.maxIterations()) {
                    break;
                }
                parameters = statistics.parameters(options.regularisation());
                iteration++;
                // As scikit-learn: once the change is below the tolerance, the parameters are those of the M step
                // that followed it, and their log-likelihood (for the BIC) is measured in one more pass.
                if (Math.abs(meanLogLikelihood - previous) < options.tolerance()) {
                    converged = true;
                    ClusteringCancelledException.throwIfCancelled(cancelled);
                    logLikelihood = Statistics.gather(data, n, d, parameters, workers).logLikelihood;
                    break;
                }
                previous = meanLogLikelihood;
            }
            return new MixtureFit(k, d, n, parameters.weights, parameters.means, parameters.covariances,
                    parameters.choleskys, logLikelihood, iteration, converged);
        }
    }

    /**
     * A mixture's parameters, with each covariance's Cholesky factor, and what every density needs worked out once:
     * per component log(weight) - (d log 2π + log det) / 2, and the reciprocals of the factors' diagonals.
     */
    record Parameters(int k, int d, double[] weights, double[] means, double[] covariances, double[] choleskys,
            double[] constants, double[] inverseDiagonals, double[] inverseLargestEigenvalues) {

        static Parameters withLogDeterminants(int k, int d, double[] weights, double[] means, double[] covariances,
                double[] choleskys, double[] logDeterminants) {
            double[] constants = new double[k];
            double[] inverseDiagonals = new double[k * d];
            double[] inverseLargestEigenvalues = new double[k];
            for (int c = 0; c < k; c++) {
                constants[c] = Math.log(weights[c]) - 0.5 * (d * LOG_2PI + logDeterminants[c]);
                double[][] covariance = new double[d][d];
                for (int a = 0; a < d; a++) {
                    inverseDiagonals[c * d + a] = 1 / choleskys[c * d * d + a * d + a];
                    System.arraycopy(covariances, c * d * d + a * d, covariance[a], 0, d);
                }
                // The largest eigenvalue, a little enlarged against rounding: the pruning bound must stay a bound.
                double largest = Arrays.stream(new EigenDecomposition(MatrixUtils.createRealMatrix(covariance))
                    .getRealEigenvalues()).max().orElse(0);
                inverseLargestEigenvalues[c] = 1 / (largest * (1 + 1e-9) + Double.MIN_NORMAL);
            }
            return new Parameters(k, d, weights, means, covariances, choleskys, constants, inverseDiagonals,
                    inverseLargestEigenvalues);
        }

        static Parameters fromLabels(double[] data, int n, int d, int k, int[] labels, double regularisation) {
            Statistics statistics = new Statistics(k, d);
            for (int i = 0; i < n; i++) {
                statistics.add(data, i * d, labels[i], 1);
            }
            for (int c = 0; c < k; c++) {
                if (statistics.counts[c] == 0) {
                    throw InvalidClusteringInputException.option("initial label " + c + " labels no row");
                }
            }
            return statistics.parameters(regularisation);
        }

        /** Builds the parameters, adding to the diagonal until every covariance factorises. */
        static Parameters of(int k, int d, double[] weights, double[] means, double[] covariances, double regularisation) {
            double[] choleskys = new double[k * d * d];
            double[] logDeterminants = new double[k];
            for (int c = 0; c < k; c++) {
                double extra = regularisation;
                while (true) {
                    double[][] matrix = new double[d][d];
                    for (int a = 0; a < d; a++) {
                        for (int b = 0; b < d; b++) {
                            matrix[a][b] = covariances[c * d * d + a * d + b] + (a == b ? extra : 0);
                        }
                    }
                    try {
                        RealMatrix lower = new CholeskyDecomposition(MatrixUtils.createRealMatrix(matrix), 1e-10, 1e-300)
                            .getL();
                        double logDeterminant = 0;
                        for (int a = 0; a < d; a++) {
                            for (int b = 0; b <= a; b++) {
                                choleskys[c * d * d + a * d + b] = lower.getEntry(a, b);
                            }
                            logDeterminant += 2 * Math.log(lower.getEntry(a, a));
                        }
                        logDeterminants[c] = logDeterminant;
                        for (int a = 0; a < d; a++) {
                            covariances[c * d * d + a * d + a] += extra;
                        }
                        break;
                    }
                    catch (NonPositiveDefiniteMatrixException | NonSymmetricMatrixException ex) {
                        // Rounding can leave a degenerate component not quite positive definite: regularise it more.
                        extra = Math.max(extra * 10, 1e-12);
                    }
                }
            }
            return withLogDeterminants(k, d, weights, means, covariances, choleskys, logDeterminants);
        }

        /**
         * Writes the log of weight × density of each component at the row into logDensities, and answers their
         * log-sum (the row's log-likelihood).
         */
        double logJoint(double[] data, int offset, double[] logDensities, double[] scratch) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double value = logDensity(data, offset, c, scratch);
                logDensities[c] = value;
                max = Math.max(max, value);
            }
            return max + logSumOfExp(logDensities, max);
        }

        /**
         * As {@link #logJoint}, except that a component that cannot come within {@link #NEGLIGIBLE} of the row's most
         * likely one gets -∞ without its density being computed: (x - μ)ᵀ Σ⁻¹ (x - μ) is at least |x - μ|² / λmax(Σ),
         * so log(weight × density) is at most constant - |x - μ|² / (2 λmax), which costs d operations instead of
         * the d² / 2 of the triangular solve. What is left out is what the sums would leave out anyway.
         */
        double logJointPruned(double[] data, int offset, double[] logDensities, double[] scratch) {
            int likeliest = 0;
            double bestBound = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double squares = 0;
                for (int a = 0; a < d; a++) {
                    double delta = data[offset + a] - means[c * d + a];
                    squares += delta * delta;
                }
                double bound = constants[c] - 0.5 * squares * inverseLargestEigenvalues[c];
                logDensities[c] = bound;
                if (bound > bestBound) {
                    bestBound = bound;
                    likeliest = c;
                }
            }
            double max = logDensity(data, offset, likeliest, scratch);
            logDensities[likeliest] = max;
            for (int c = 0; c < k; c++) {
                if (c == likeliest) {
                    continue;
                }
                if (logDensities[c] < max + NEGLIGIBLE) {
                    logDensities[c] = Double.NEGATIVE_INFINITY;
                }
                else {
                    logDensities[c] = logDensity(data, offset, c, scratch);
                    max = Math.max(max, logDensities[c]);
                }
            }
            return max + logSumOfExp(logDensities, max);
        }

        /** log(weight × density) of component c at the row, by forward substitution with its Cholesky factor. */
        private double logDensity(double[] data, int offset, int c, double[] scratch) {
            int base = c * d * d;
            double squares = 0;
            for (int a = 0; a < d; a++) {
                double sum = data[offset + a] - means[c * d + a];
                for (int b = 0; b < a; b++) {
                    sum -= choleskys[base + a * d + b] * scratch[b];
                }
                double y = sum * inverseDiagonals[c * d + a];
                scratch[a] = y;
                squares += y * y;
            }
            return constants[c] - 0.5 * squares;
        }

        private double logSumOfExp(double[] logDensities, double max) {
            double sum = 0;
            for (int c = 0; c < k; c++) {
                double relative = logDensities[c] - max;
                if (relative > NEGLIGIBLE) {
                    sum += Math.exp(relative);
                }
            }
            return Math.log(sum);
        }

    }

    /** Responsibility-weighted sums over rows: counts, sums and the upper triangles of the sums of products. */
    static final class Statistics {

        final int k;

        final int d;

        final double[] counts;

        final double[] sums;

        final double[] products;

        double logLikelihood;

        Statistics(int k, int d) {
            this.k = k;
            this.d = d;
            this.counts = new double[k];
            this.sums = new double[k * d];
            this.products = new double[k * d * d];
        }

        void add(double[] data, int offset, int c, double weight) {
            counts[c] += weight;
            for (int a = 0; a < d; a++) {
                double xa = weight * data[offset + a];
                sums[c * d + a] += xa;
                int row = c * d * d + a * d;
                for (int b = a; b < d; b++) {
                    products[row + b] += xa * data[offset + b];
                }
            }
        }

        void merge(Statistics other) {
            for (int i = 0; i < counts.length; i++) {
                counts[i] += other.counts[i];
            }
            for (int i = 0; i < sums.length; i++) {
                sums[i] += other.sums[i];
            }
            for (int i = 0; i < products.length; i++) {
                products[i] += other.products[i];
            }
            logLikelihood += other.logLikelihood;
        }

        /** One E step with the given parameters, gathering the sums the next M step needs, in row blocks. */
        static Statistics gather(double[] data, int n, int d, Parameters parameters, Workers workers) {
            int k = parameters.k();
            int blocks = (n + BLOCK - 1) / BLOCK;
            Statistics[] partial = new Statistics[blocks];
            workers.forEach(blocks, block -> {
                Statistics statistics = new Statistics(k, d);
                double[] log = new double[k];
                double[] scratch = new double[d];
                int end = Math.min(n, (block + 1) * BLOCK);
                for (int i = block * BLOCK; i < end; i++) {
                    double total = parameters.logJointPruned(data, i * d, log, scratch);
                    statistics.logLikelihood += total;
                    for (int c = 0; c < k; c++) {
                        double relative = log[c] - total;
                        if (relative > NEGLIGIBLE) {
                            statistics.add(data, i * d, c, Math.exp(relative));
                        }
                    }
                }
                partial[block] = statistics;
            });
            Statistics total = new Statistics(k, d);
            for (Statistics statistics : partial) {
                total.merge(statistics);
            }
            return total;
        }

        /** The M step: weights, means and regularised covariances from the sums. */
        Parameters parameters(double regularisation) {
            double n = 0;
            for (double count : counts) {
                n += count;
            }
            double[] weights = new double[k];
            double[] means = new double[k * d];
            double[] covariances = new double[k * d * d];
            for (int c = 0; c < k; c++) {
                // A component that lost every row keeps a tiny weight rather than dividing by zero.
                double count = Math.max(counts[c], 10 * Double.MIN_NORMAL);
                weights[c] = count / n;
                for (int a = 0; a < d; a++) {
                    means[c * d + a] = sums[c * d + a] / count;
                }
                for (int a = 0; a < d; a++) {
                    for (int b = a; b < d; b++) {
                        double covariance = products[c * d * d + a * d + b] / count - means[c * d + a] * means[c * d + b];
                        covariances[c * d * d + a * d + b] = covariance;
                        covariances[c * d * d + b * d + a] = covariance;
                    }
                }
            }
            return Parameters.of(k, d, weights, means, covariances, regularisation);
        }

    }

}
