package io.customersegments.clustering;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KMeansPlusPlusTest {

    /** A new centre takes over only the rows it is strictly nearer to: on a tie the earlier (lower) centre stays. */
    @Test
    void aNewCentreWinsOnlyTheRowsItIsStrictlyNearerTo() {
        double tiny = Double.MIN_VALUE;
        double[] near = { 4.0, 4.0, 4.0, 0.0, tiny, Double.POSITIVE_INFINITY, Double.MAX_VALUE, 2.0 };
        double[] candidate = { 3.0, 4.0, 5.0, 0.0, 0.0, Double.MAX_VALUE, Double.POSITIVE_INFINITY, 2.0 };
        int[] nearest = { 9, 1, 2, 3, 4, 5, 6, 7, 8, 9 };

        KMeansPlusPlus.foldIn(7, candidate, near, nearest, 1, near.length);

        assertThat(near).containsExactly(3.0, 4.0, 4.0, 0.0, 0.0, Double.MAX_VALUE, Double.MAX_VALUE, 2.0);
        assertThat(nearest).containsExactly(9, 7, 2, 3, 4, 7, 7, 7, 8, 9);
    }

}
