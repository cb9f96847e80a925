package io.customersegments.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Quantiles found by selection are exactly those read from the sorted values. */
class QuantilesTests {

    static final double[] QS = { 0, 0.25, 1.0 / 3, 0.5, 2.0 / 3, 0.75, 1 };

    @Test
    void selectionGivesTheQuantilesOfTheSortedValues() {
        Random random = new Random(7);
        for (int size : new int[] { 1, 2, 3, 10, 1_000, 100_001 }) {
            for (int distinct : new int[] { 1, 5, Integer.MAX_VALUE }) {
                double[] values = new double[size + 3];
                for (int i = 0; i < values.length; i++) {
                    values[i] = distinct == Integer.MAX_VALUE ? random.nextGaussian() * 1e3 : random.nextInt(distinct);
                }
                double[] sorted = Arrays.copyOf(values, size);
                Arrays.sort(sorted);

                double[] selected = Quantiles.selected(values.clone(), size, QS);

                for (int q = 0; q < QS.length; q++) {
                    assertThat(selected[q]).as("q %s of %s values", QS[q], size)
                        .isEqualTo(Quantiles.sorted(sorted, size, QS[q]));
                }
            }
        }
    }

    @Test
    void selectionInPlaceAndWithInfinitiesMatchesTheSortedValues() {
        Random random = new Random(11);
        double[] values = new double[50_001];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 1000 == 0 ? Double.POSITIVE_INFINITY : i % 999 == 0 ? Double.NEGATIVE_INFINITY
                    : random.nextInt(7) - 3;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);

        double[] selected = Quantiles.selected(values, values.length, QS);

        for (int q = 0; q < QS.length; q++) {
            // Boxed: where both interpolate infinities into NaN, they must agree on that too.
            assertThat(Double.valueOf(selected[q])).as("q %s", QS[q])
                .isEqualTo(Double.valueOf(Quantiles.sorted(sorted, sorted.length, QS[q])));
        }
    }

    @Test
    void hugeValuesOfOppositeSignDoNotOverflow() {
        double[] values = { -Double.MAX_VALUE, Double.MAX_VALUE };

        assertThat(Quantiles.selected(values, 2, 0.5)[0]).isZero();
    }

}
