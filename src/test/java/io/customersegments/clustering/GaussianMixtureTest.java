package io.customersegments.clustering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.math3.distribution.MixtureMultivariateNormalDistribution;
import org.apache.commons.math3.distribution.MultivariateNormalDistribution;
import org.apache.commons.math3.distribution.fitting.MultivariateNormalMixtureExpectationMaximization;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.util.Pair;
import org.junit.jupiter.api.Test;

class GaussianMixtureTest {

    /** Three elongated, correlated blobs in two dimensions; labels are the blob each point came from. */
    private static final int N = 900;

    private static double[] blobs(int[] labels) {
        Well19937c random = new Well19937c(11);
        double[] data = new double[N * 2];
        double[][] centres = { { 0, 0 }, { 6, 1 }, { 2, 7 } };
        for (int i = 0; i < N; i++) {
            int c = i % 3;
            double u = random.nextGaussian();
            double v = random.nextGaussian();
            // Correlated within each blob: x and y share u.
            data[i * 2] = centres[c][0] + 1.5 * u;
            data[i * 2 + 1] = centres[c][1] + (c == 1 ? -0.8 : 0.8) * u + 0.5 * v;
            labels[i] = c;
        }
        return data;
    }

    /**
     * scikit-learn's loop: each iteration an E step, then an M step, then the change of the E step's mean
     * log-likelihood against the last one's; when it is below the tolerance, the fit keeps the parameters of that M
     * step, and the BIC is of them. So the fit stops one M step after the first change below the tolerance.
     */
    @Test
    void stopsOneMStepAfterTheChangeFallsBelowTheToleranceAsScikitLearnDoes() {
        int[] labels = new int[N];
        double[] data = blobs(labels);
        // The mean log-likelihood of the parameters after j M steps, from fits that never converge.
        double[] meanLogLikelihood = new double[12];
        for (int j = 1; j < meanLogLikelihood.length; j++) {
            meanLogLikelihood[j] = GaussianMixture.fit(data, N, 2, 3, labels, new MixtureOptions(0, j, 1e-6, 2),
                    () -> false).logLikelihood() / N;
        }
        // A tolerance that the change from j - 1 to j M steps is the first to fall below.
        int j = 3;
        while (j + 1 < meanLogLikelihood.length
                && !(change(meanLogLikelihood, j) < change(meanLogLikelihood, j - 1))) {
            j++;
        }
        double tolerance = (change(meanLogLikelihood, j) + change(meanLogLikelihood, j - 1)) / 2;
        for (int earlier = 2; earlier < j; earlier++) {
            assertThat(change(meanLogLikelihood, earlier)).isGreaterThan(tolerance);
        }

        MixtureFit fit = GaussianMixture.fit(data, N, 2, 3, labels, new MixtureOptions(tolerance, 100, 1e-6, 2),
                () -> false);

        assertThat(fit.converged()).isTrue();
        assertThat(fit.iterations()).isEqualTo(j + 1);
        assertThat(fit.logLikelihood() / N).isEqualTo(meanLogLikelihood[j + 1]);
    }

    private static double change(double[] meanLogLikelihood, int j) {
        return Math.abs(meanLogLikelihood[j] - meanLogLikelihood[j - 1]);
    }

    @Test
    void agreesWithCommonsMathsExpectationMaximisationFromTheSameStart() {
        int[] labels = new int[N];
        double[] data = blobs(labels);
        MixtureOptions exact = new MixtureOptions(1e-12, 500, 0, 2);

        MixtureFit ours = GaussianMixture.fit(data, N, 2, 3, labels, exact, () -> false);

        GaussianMixture.Parameters start = GaussianMixture.Parameters.fromLabels(data, N, 2, 3, labels, 0);
        List<Pair<Double, MultivariateNormalDistribution>> components = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            double[][] covariance = { { start.covariances()[c * 4], start.covariances()[c * 4 + 1] },
                    { start.covariances()[c * 4 + 2], start.covariances()[c * 4 + 3] } };
            components.add(new Pair<>(start.weights()[c], new MultivariateNormalDistribution(
                    new double[] { start.means()[c * 2], start.means()[c * 2 + 1] }, covariance)));
        }
        double[][] rows = new double[N][];
        for (int i = 0; i < N; i++) {
            rows[i] = new double[] { data[i * 2], data[i * 2 + 1] };
        }
        MultivariateNormalMixtureExpectationMaximization oracle = new MultivariateNormalMixtureExpectationMaximization(rows);
        oracle.fit(new MixtureMultivariateNormalDistribution(components), 500, 1e-12);

        assertThat(ours.logLikelihood() / N).isCloseTo(oracle.getLogLikelihood(), within(1e-8));
        List<Pair<Double, MultivariateNormalDistribution>> fitted = oracle.getFittedModel().getComponents();
        for (int c = 0; c < 3; c++) {
            assertThat(ours.weights()[c]).isCloseTo(fitted.get(c).getFirst(), within(1e-6));
            assertThat(ours.means()[c * 2]).isCloseTo(fitted.get(c).getSecond().getMeans()[0], within(1e-5));
            assertThat(ours.means()[c * 2 + 1]).isCloseTo(fitted.get(c).getSecond().getMeans()[1], within(1e-5));
            double[][] covariance = fitted.get(c).getSecond().getCovariances().getData();
            assertThat(ours.covariances()[c * 4 + 1]).isCloseTo(covariance[0][1], within(1e-5));
            assertThat(ours.covariances()[c * 4 + 3]).isCloseTo(covariance[1][1], within(1e-5));
        }
    }

    @Test
    void findsTheBlobsAndTheirProbabilities() {
        int[] labels = new int[N];
        double[] data = blobs(labels);

        MixtureFit fit = GaussianMixture.fit(data, N, 2, 3, labels, MixtureOptions.defaults(), () -> false);
        MixtureAssignments assigned = fit.assign(data, N, 2, () -> false);

        int agree = 0;
        for (int i = 0; i < N; i++) {
            agree += assigned.labels()[i] == labels[i] ? 1 : 0;
            assertThat(assigned.probabilities()[i]).isBetween(1.0 / 3, 1.0);
            assertThat(assigned.probabilities()[i] + assigned.runnerUpProbabilities()[i]).isLessThanOrEqualTo(1 + 1e-12);
            assertThat(assigned.runnersUp()[i]).isNotEqualTo(assigned.labels()[i]);
        }
        assertThat(agree).isGreaterThan((int) (0.95 * N));
        assertThat(fit.converged()).isTrue();
        // BIC = -2 log L + p log n, p = 2 weights + 3 means of 2 + 3 covariances of 3 free values.
        assertThat(fit.parameterCount()).isEqualTo(17);
        assertThat(fit.bic()).isCloseTo(-2 * fit.logLikelihood() + 17 * Math.log(N), within(1e-9));
    }

    @Test
    void theRightNumberOfComponentsHasTheLowestBic() {
        int[] labels = new int[N];
        double[] data = blobs(labels);
        double[] bic = new double[6];
        for (int k = 1; k <= 5; k++) {
            int[] start = new int[N];
            for (int i = 0; i < N; i++) {
                // Any start with every label used: blob, split further by position for k > 3.
                start[i] = k >= 3 ? (labels[i] + (k > 3 && data[i * 2] > 3 ? 3 : 0) + (k > 4 && data[i * 2 + 1] > 3 ? 1 : 0))
                        % k : labels[i] % k;
            }
            bic[k] = GaussianMixture.fit(data, N, 2, k, start, MixtureOptions.defaults(), () -> false).bic();
        }
        assertThat(bic[3]).isLessThan(bic[1]).isLessThan(bic[2]).isLessThan(bic[4]).isLessThan(bic[5]);
    }

    @Test
    void singularDataNeverStopsTheFit() {
        // A constant column, and a component of identical points.
        int n = 300;
        double[] data = new double[n * 3];
        int[] labels = new int[n];
        Well19937c random = new Well19937c(3);
        for (int i = 0; i < n; i++) {
            labels[i] = i < 100 ? 0 : 1;
            data[i * 3] = i < 100 ? 5 : random.nextGaussian();
            data[i * 3 + 1] = i < 100 ? -2 : random.nextGaussian();
            data[i * 3 + 2] = 1;
        }

        MixtureFit fit = GaussianMixture.fit(data, n, 3, 2, labels, MixtureOptions.defaults(), () -> false);

        assertThat(Double.isFinite(fit.logLikelihood())).isTrue();
        assertThat(fit.assign(data, n, 1, () -> false).labels()).containsSequence(0, 0, 0);
    }

    @Test
    void aCancelledFitStops() {
        int[] labels = new int[N];
        double[] data = blobs(labels);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> GaussianMixture.fit(data, N, 2, 3, labels, MixtureOptions.defaults(), () -> true))
            .isInstanceOf(ClusteringCancelledException.class);
    }

}
