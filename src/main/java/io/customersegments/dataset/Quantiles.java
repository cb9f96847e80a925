package io.customersegments.dataset;

import java.util.Arrays;

import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.util.KthSelector;
import org.apache.commons.math3.util.RandomPivotingStrategy;

/**
 * Quantiles of sorted values by linear interpolation between closest ranks (R-7: NumPy's and pandas'
 * default, Commons Math's {@code EstimationType.R_7}). Hand-written since Commons Math's {@code Percentile}
 * overflows between two huge values of opposite sign, and selects anew in data that is already sorted.
 */
public final class Quantiles {

    private static final int PIVOTS_CACHED = (1 << 10) - 1;

    private Quantiles() {
    }

    /** The q-quantile (0..1) of the first {@code size} values of a sorted array; {@code size} must be positive. */
    public static double sorted(double[] sorted, int size, double q) {
        double position = q * (size - 1);
        int lower = (int) Math.floor(position);
        int upper = Math.min(lower + 1, size - 1);
        return between(sorted[lower], sorted[upper], position - lower);
    }

    /**
     * The q-quantiles (each 0..1) of the first {@code size} values, the same as {@link #sorted} gives after a sort,
     * found by selection with Commons Math's {@link KthSelector} (expected linear time, not a sort). Reorders the values;
     * {@code size} must be positive and the values free of NaN.
     */
    public static double[] selected(double[] values, int size, double... qs) {
        double[] work = size == values.length ? values : Arrays.copyOf(values, size);
        // Random pivots: no order of the values (they come from uploads) makes selection quadratic, as a crafted one
        // can with the default median of three; the quantiles do not depend on the pivots.
        KthSelector selector = new KthSelector(new RandomPivotingStrategy(new Well19937c()));
        // Later selections reuse the partitions of earlier ones (the cache Commons Math's Percentile keeps).
        int[] pivots = new int[PIVOTS_CACHED];
        Arrays.fill(pivots, -1);
        double[] quantiles = new double[qs.length];
        for (int i = 0; i < qs.length; i++) {
            double position = qs[i] * (size - 1);
            int lower = (int) Math.floor(position);
            int upper = Math.min(lower + 1, size - 1);
            double low = selector.select(work, pivots, lower);
            quantiles[i] = between(low, upper == lower ? low : selector.select(work, pivots, upper), position - lower);
        }
        return quantiles;
    }

    private static double between(double lower, double upper, double fraction) {
        double span = upper - lower;
        return Double.isFinite(span) ? lower + span * fraction : lower * (1 - fraction) + upper * fraction;
    }

}
