package io.customersegments.clustering;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Restarts screened on a sample against the same restarts run in full, above the screening threshold. */
class ScreenedRestartsTest {

    @Test
    void screenedRestartsFindAsGoodAFitAsFullRestarts() {
        // 250,000 rows in five features from eight overlapping blobs: local optima are easy to fall into.
        GeneratedBlobs blobs = GeneratedBlobs.around(new double[] { 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 3, 0, 0, 0, 3, 3,
                0, 0, 0, 0, 0, 3, 0, 0, 1.5, 1.5, 1.5, 0, 0, 0, 0, 0, 3, 0, 3, 0, 3, 0, 3 }, 5, 31_250, 1.2, 5);
        PointSet points = PointSet.of(blobs.data(), blobs.n(), blobs.d());
        try (Workers workers = new Workers(Workers.defaultThreads())) {
            for (int k : new int[] { 4, 8, 10 }) {
                KMeansOptions options = KMeansOptions.of(k);
                KMeansResult screened = KMeans.fit(points, options, 42, workers, () -> false, start -> {
                }, 100_000);
                KMeansResult full = KMeans.fit(points, options, 42, workers, () -> false, start -> {
                }, 0);

                assertThat(screened.inertia()).as("k = %d", k).isLessThanOrEqualTo(full.inertia() * 1.001);
                if (k == 8) {
                    // At the generating k both find the blobs; at other k, equally good fits may cut them differently.
                    assertThat(AdjustedRandIndex.between(screened.labels(), full.labels())).isGreaterThan(0.9);
                }
            }
        }
    }

    @Test
    void drawsTheSameSampleForTheSameSeedAndDistinctRows() {
        double[] data = new double[1_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = i;
        }
        PointSet points = PointSet.of(data, 1_000, 1);

        PointSet first = KMeans.sample(points, 300, 9);
        PointSet again = KMeans.sample(points, 300, 9);

        assertThat(again.data).containsExactly(first.data);
        assertThat(first.countDistinctUpTo(1_000)).isEqualTo(300);
        assertThat(first.data).isSorted();
    }

}
