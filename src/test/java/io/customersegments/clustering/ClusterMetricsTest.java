package io.customersegments.clustering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Calinski-Harabasz and Davies-Bouldin against scikit-learn ({@link SklearnReference}). */
class ClusterMetricsTest {

    @Test
    void matchScikitLearnOnTheGeneratingLabels() {
        SklearnReference.Blobs blobs = SklearnReference.Blobs.load();
        ClusterMetrics metrics = metrics(blobs.data(), blobs.n(), 3, blobs.labels(), 4);

        assertThat(metrics.calinskiHarabasz()).isCloseTo(SklearnReference.value("blobs.calinski_harabasz"), within(1e-9));
        assertThat(metrics.daviesBouldin()).isCloseTo(SklearnReference.value("blobs.davies_bouldin"), within(1e-12));
    }

    @Test
    void matchScikitLearnOnItsKMeansLabels() {
        SklearnReference.Blobs blobs = SklearnReference.Blobs.load();
        ClusterMetrics metrics = metrics(blobs.data(), blobs.n(), 3, blobs.kmeansLabels(), 4);

        assertThat(metrics.calinskiHarabasz())
            .isCloseTo(SklearnReference.value("blobs.kmeans.calinski_harabasz"), within(1e-9));
        assertThat(metrics.daviesBouldin()).isCloseTo(SklearnReference.value("blobs.kmeans.davies_bouldin"), within(1e-12));
    }

    @Test
    void followScikitLearnInDegenerateCases() {
        // every cluster a single repeated point: no spread, Calinski-Harabasz is 1 and Davies-Bouldin 0
        double[] data = { 0, 0, 0, 0, 5, 5, 5, 5 };
        ClusterMetrics metrics = metrics(data, 4, 2, new int[] { 0, 0, 1, 1 }, 2);
        assertThat(metrics.calinskiHarabasz()).isEqualTo(1.0);
        assertThat(metrics.daviesBouldin()).isEqualTo(0.0);
    }

    @Test
    void countOnlyNonEmptyClusters() {
        SklearnReference.Blobs blobs = SklearnReference.Blobs.load();
        int[] shifted = blobs.labels().clone();
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] = (shifted[i] == 3) ? 5 : shifted[i];
        }
        ClusterMetrics metrics = metrics(blobs.data(), blobs.n(), 3, shifted, 6);
        assertThat(metrics.calinskiHarabasz()).isCloseTo(SklearnReference.value("blobs.calinski_harabasz"), within(1e-9));
        assertThat(metrics.daviesBouldin()).isCloseTo(SklearnReference.value("blobs.davies_bouldin"), within(1e-12));
    }

    private static ClusterMetrics metrics(double[] data, int n, int d, int[] labels, int k) {
        try (Workers workers = new Workers(2)) {
            return ClusterMetrics.of(PointSet.of(data, n, d), labels, k, workers);
        }
    }

}
