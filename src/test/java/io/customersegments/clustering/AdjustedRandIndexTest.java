package io.customersegments.clustering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Known values of scikit-learn's {@code adjusted_rand_score} (1.2.1). */
class AdjustedRandIndexTest {

    @Test
    void isOneForTheSamePartitionWhateverTheNames() {
        assertThat(AdjustedRandIndex.between(new int[] { 0, 0, 1, 1 }, new int[] { 0, 0, 1, 1 })).isEqualTo(1.0);
        assertThat(AdjustedRandIndex.between(new int[] { 0, 0, 1, 1 }, new int[] { 7, 7, -3, -3 })).isEqualTo(1.0);
        assertThat(AdjustedRandIndex.between(new int[] { 0, 0, 0, 0 }, new int[] { 0, 0, 0, 0 })).isEqualTo(1.0);
        assertThat(AdjustedRandIndex.between(new int[] { 0, 1, 2, 3 }, new int[] { 0, 1, 2, 3 })).isEqualTo(1.0);
    }

    @Test
    void matchesScikitLearnOnKnownCases() {
        assertThat(AdjustedRandIndex.between(new int[] { 0, 0, 1, 2 }, new int[] { 0, 0, 1, 1 }))
            .isCloseTo(0.5714285714285714, within(1e-15));
        assertThat(AdjustedRandIndex.between(new int[] { 0, 0, 1, 1 }, new int[] { 0, 1, 0, 1 })).isCloseTo(-0.5, within(1e-15));
        assertThat(AdjustedRandIndex.between(new int[] { 0, 0, 0, 0 }, new int[] { 0, 1, 2, 3 })).isEqualTo(0.0);
        assertThat(AdjustedRandIndex.between(new int[] { 0, 0, 1, 1, 2, 2 }, new int[] { 0, 0, 1, 2, 2, 2 }))
            .isCloseTo(0.4444444444444444, within(1e-15));
        SklearnReference.Blobs blobs = SklearnReference.Blobs.load();
        assertThat(AdjustedRandIndex.between(blobs.labels(), blobs.kmeansLabels()))
            .isCloseTo(SklearnReference.value("blobs.ari_label_vs_kmeans"), within(1e-15));
    }

    @Test
    void isSymmetric() {
        int[] a = { 0, 0, 1, 1, 2, 2, 2, 0 };
        int[] b = { 1, 1, 1, 0, 0, 2, 2, 2 };
        assertThat(AdjustedRandIndex.between(a, b)).isEqualTo(AdjustedRandIndex.between(b, a));
    }

    @Test
    void countsSmallLabelsAsTheSortOfAnyLabelsDoes() {
        // labels 0..k-1 are counted in a contingency table; negative or huge ones are sorted: the same counts
        java.util.Random random = new java.util.Random(7);
        for (int trial = 0; trial < 40; trial++) {
            int n = 1 + random.nextInt(5_000);
            int kA = 1 + random.nextInt(trial < 20 ? 12 : 3_000);
            int kB = 1 + random.nextInt(12);
            int[] a = new int[n];
            int[] b = new int[n];
            int[] aElsewhere = new int[n];
            int[] bElsewhere = new int[n];
            for (int i = 0; i < n; i++) {
                a[i] = random.nextInt(kA);
                // b agrees with a on about half the rows, so the index is far from 0 and 1
                b[i] = random.nextBoolean() ? a[i] % kB : random.nextInt(kB);
                aElsewhere[i] = a[i] - 1_000_000;
                bElsewhere[i] = b[i] * 7_919 + Integer.MAX_VALUE / 2;
            }
            assertThat(AdjustedRandIndex.between(a, b)).as("trial %d", trial)
                .isEqualTo(AdjustedRandIndex.between(aElsewhere, bElsewhere))
                .isEqualTo(AdjustedRandIndex.between(aElsewhere, b))
                .isEqualTo(AdjustedRandIndex.between(a, bElsewhere));
        }
        assertThat(AdjustedRandIndex.between(new int[0], new int[0])).isEqualTo(1.0);
    }

    @Test
    void rejectsLabelingsOfDifferentLengths() {
        assertThatThrownBy(() -> AdjustedRandIndex.between(new int[] { 0, 1 }, new int[] { 0 }))
            .isInstanceOf(InvalidClusteringInputException.class);
    }

}
