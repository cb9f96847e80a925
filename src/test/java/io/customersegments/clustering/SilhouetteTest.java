package io.customersegments.clustering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.math3.ml.clustering.Cluster;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SilhouetteTest {

    @Test
    void matchesScikitLearnRowByRow() {
        SklearnReference.Blobs blobs = SklearnReference.Blobs.load();
        SilhouetteResult result = Silhouette.of(blobs.data(), blobs.n(), 3, blobs.labels(), 4, SilhouetteOptions.defaults(), 0);

        assertThat(result.exact()).isTrue();
        assertThat(result.sampleSize()).isEqualTo(300);
        assertThat(result.mean()).isCloseTo(SklearnReference.value("blobs.silhouette"), within(1e-12));
        assertThat(result.ciLow()).isEqualTo(result.mean());
        assertThat(result.ciHigh()).isEqualTo(result.mean());
        for (int i = 0; i < blobs.n(); i++) {
            assertThat(result.rows()[i]).isEqualTo(i);
            assertThat(result.labels()[i]).isEqualTo(blobs.labels()[i]);
            assertThat(result.values()[i]).isCloseTo(blobs.silhouette()[i], within(1e-12));
        }
    }

    @Test
    void equalsTheTextbookDefinitionComputedNaively() {
        GeneratedBlobs blobs = GeneratedBlobs.around(new double[] { 0, 0, 0, 3, 0, 0, 0, 3, 0, 1, 1, 1 }, 3, 400, 1.0, 5);
        int[] labels = blobs.truth().clone();
        labels[17] = 4; // a cluster of one, whose silhouette is 0
        SilhouetteResult result = Silhouette.of(blobs.data(), blobs.n(), 3, labels, 6, SilhouetteOptions.defaults(), 0);
        double[] naive = naiveSilhouette(blobs.data(), blobs.n(), 3, labels, 6);

        double mean = 0;
        for (int i = 0; i < blobs.n(); i++) {
            assertThat(result.values()[i]).isCloseTo(naive[i], within(1e-12));
            mean += naive[i];
        }
        assertThat(result.values()[17]).isZero();
        assertThat(result.mean()).isCloseTo(mean / blobs.n(), within(1e-12));
        assertThat(result.clusterMeans()[4]).isZero();
        assertThat(result.clusterMeans()[5]).isNaN();
        assertThat(result.clusterShareNegative()[5]).isNaN();
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 2, 4, 7 })
    void equalsTheNaiveDefinitionForAnyNumberOfFeatures(int d) {
        double[] centres = new double[3 * d];
        for (int f = 0; f < d; f++) {
            centres[d + f] = 2;
            centres[2 * d + f] = (f % 2 == 0) ? 4 : -1;
        }
        GeneratedBlobs blobs = GeneratedBlobs.around(centres, d, 233, 1.0, d);
        SilhouetteResult result = Silhouette.of(blobs.data(), blobs.n(), d, blobs.truth(), 3, SilhouetteOptions.defaults(), 0);
        double[] naive = naiveSilhouette(blobs.data(), blobs.n(), d, blobs.truth(), 3);
        assertThat(result.values()).containsExactly(naive, within(1e-12));
    }

    @Test
    void reportsPerClusterMeansAndTheShareBelowZero() {
        SklearnReference.Blobs blobs = SklearnReference.Blobs.load();
        SilhouetteResult result = Silhouette.of(blobs.data(), blobs.n(), 3, blobs.labels(), 4, SilhouetteOptions.defaults(), 0);
        for (int c = 0; c < 4; c++) {
            double sum = 0;
            int count = 0;
            int negative = 0;
            for (int i = 0; i < blobs.n(); i++) {
                if (blobs.labels()[i] == c) {
                    sum += blobs.silhouette()[i];
                    count++;
                    negative += (blobs.silhouette()[i] < 0) ? 1 : 0;
                }
            }
            assertThat(result.clusterMeans()[c]).isCloseTo(sum / count, within(1e-12));
            assertThat(result.clusterShareNegative()[c]).isCloseTo((double) negative / count, within(1e-15));
        }
        assertThat(Arrays.stream(result.clusterShareNegative()).sum()).isPositive();
    }

    @Test
    void samplesByClusterAboveTheExactLimitAndCoversTheExactValue() {
        GeneratedBlobs blobs = GeneratedBlobs.around(new double[] { 0, 0, 4, 0, 0, 4, 4, 4 }, 2, 1500, 1.0, 2);
        int[] labels = blobs.truth();
        SilhouetteResult exact = Silhouette.of(blobs.data(), blobs.n(), 2, labels, 4, SilhouetteOptions.defaults(), 0);
        SilhouetteOptions sampled = SilhouetteOptions.defaults().withExactLimit(3000).withSampleSize(1000);
        SilhouetteResult estimate = Silhouette.of(blobs.data(), blobs.n(), 2, labels, 4, sampled, 7);

        assertThat(estimate.exact()).isFalse();
        assertThat(estimate.sampleSize()).isEqualTo(1000);
        assertThat(estimate.rows()).hasSize(1000).isSorted().doesNotHaveDuplicates();
        int[] perCluster = new int[4];
        for (int j = 0; j < 1000; j++) {
            assertThat(estimate.labels()[j]).isEqualTo(labels[estimate.rows()[j]]);
            perCluster[estimate.labels()[j]]++;
        }
        assertThat(perCluster).containsExactly(250, 250, 250, 250);
        assertThat(estimate.ciLow()).isLessThan(estimate.mean()).isLessThan(estimate.ciHigh());
        assertThat(estimate.ciHigh() - estimate.ciLow()).isLessThan(0.05);
        assertThat(exact.mean()).isBetween(estimate.ciLow(), estimate.ciHigh());

        SilhouetteResult again = Silhouette.of(blobs.data(), blobs.n(), 2, labels, 4, sampled.withThreads(1), 7);
        assertThat(again.rows()).containsExactly(estimate.rows());
        assertThat(again.values()).containsExactly(estimate.values());
    }

    @Test
    void allocatesAtLeastTwoRowsToEverySmallCluster() {
        int[] quota = StratifiedSample.allocate(new int[] { 9990, 5, 5, 1, 0 }, 10_001, 100);
        assertThat(quota).containsExactly(95, 2, 2, 1, 0);
        assertThat(StratifiedSample.allocate(new int[] { 500, 300, 200 }, 1000, 10)).containsExactly(5, 3, 2);
        assertThat(StratifiedSample.allocate(new int[] { 2, 2, 3 }, 7, 7)).containsExactly(2, 2, 3);
    }

    @Test
    void isTheSameOnAnyNumberOfThreads() {
        GeneratedBlobs blobs = GeneratedBlobs.around(new double[] { 0, 0, 2, 0, 0, 2 }, 2, 700, 1.0, 9);
        SilhouetteResult one = Silhouette.of(blobs.data(), blobs.n(), 2, blobs.truth(), 3, SilhouetteOptions.defaults().withThreads(1), 0);
        SilhouetteResult three = Silhouette.of(blobs.data(), blobs.n(), 2, blobs.truth(), 3, SilhouetteOptions.defaults().withThreads(3), 0);
        assertThat(three.values()).containsExactly(one.values());
        assertThat(three.mean()).isEqualTo(one.mean());
    }

    @Test
    void aboveFortyThousandRowsTheBlocksGrowAndTheValuesStayExact() {
        // 45,000 rows: blocks of 288 rows rather than 256, and clusters whose sizes are not multiples of either
        GeneratedBlobs blobs = GeneratedBlobs.around(new double[] { 0, 0, 3, 0, 0, 3, 2, 2 }, 2, 11_250, 1.0, 11);
        int[] labels = blobs.truth().clone();
        labels[5] = 4; // a cluster of one
        SilhouetteOptions exact = SilhouetteOptions.defaults().withExactLimit(50_000);
        SilhouetteResult two = Silhouette.of(blobs.data(), blobs.n(), 2, labels, 5, exact.withThreads(2), 0);
        SilhouetteResult one = Silhouette.of(blobs.data(), blobs.n(), 2, labels, 5, exact.withThreads(1), 0);

        assertThat(two.exact()).isTrue();
        assertThat(two.values()).containsExactly(one.values());
        double[] naive = naiveSilhouette(blobs.data(), blobs.n(), 2, labels, 5, 211);
        for (int i = 0; i < blobs.n(); i += 211) {
            assertThat(two.values()[i]).as("row %d", i).isCloseTo(naive[i], within(1e-12));
        }
        assertThat(two.values()[5]).isZero();
    }

    @Test
    void servesAsACommonsMathEvaluatorThatPrefersLargerScores() {
        SklearnReference.Blobs blobs = SklearnReference.Blobs.load();
        List<Cluster<DoublePoint>> clusters = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            clusters.add(new Cluster<>());
        }
        for (int i = 0; i < blobs.n(); i++) {
            clusters.get(blobs.labels()[i]).addPoint(new DoublePoint(Arrays.copyOfRange(blobs.data(), i * 3, i * 3 + 3)));
        }
        SilhouetteEvaluator<DoublePoint> evaluator = new SilhouetteEvaluator<>();

        assertThat(evaluator.score(clusters)).isCloseTo(SklearnReference.value("blobs.silhouette"), within(1e-12));
        assertThat(evaluator.isBetterScore(0.6, 0.5)).isTrue();
        assertThat(evaluator.isBetterScore(0.5, 0.6)).isFalse();
    }

    static double[] naiveSilhouette(double[] x, int n, int d, int[] labels, int k) {
        return naiveSilhouette(x, n, d, labels, k, 1);
    }

    /** The textbook values of every {@code step}-th row (0 for the others). */
    static double[] naiveSilhouette(double[] x, int n, int d, int[] labels, int k, int step) {
        int[] sizes = new int[k];
        for (int label : labels) {
            sizes[label]++;
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i += step) {
            double[] sums = new double[k];
            for (int j = 0; j < n; j++) {
                sums[labels[j]] += Math.sqrt(PointSet.squaredDistance(x, i * d, x, j * d, d));
            }
            int own = labels[i];
            if (sizes[own] == 1) {
                continue;
            }
            double a = sums[own] / (sizes[own] - 1);
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (c != own && sizes[c] > 0) {
                    b = Math.min(b, sums[c] / sizes[c]);
                }
            }
            values[i] = (b - a) / Math.max(a, b);
        }
        return values;
    }

}
