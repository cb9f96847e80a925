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
    void rejectsLabelingsOfDifferentLengths() {
        assertThatThrownBy(() -> AdjustedRandIndex.between(new int[] { 0, 1 }, new int[] { 0 }))
            .isInstanceOf(InvalidClusteringInputException.class);
    }

}
