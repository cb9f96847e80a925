package io.customersegments.dataset;

/**
 * Quantiles of sorted values by linear interpolation between closest ranks (R-7: NumPy's and pandas'
 * default, Commons Math's {@code EstimationType.R_7}). Hand-written since Commons Math's {@code Percentile}
 * overflows between two huge values of opposite sign, and selects anew in data that is already sorted.
 */
public final class Quantiles {

    private Quantiles() {
    }

    /** The q-quantile (0..1) of the first {@code size} values of a sorted array; {@code size} must be positive. */
    public static double sorted(double[] sorted, int size, double q) {
        double position = q * (size - 1);
        int lower = (int) Math.floor(position);
        int upper = Math.min(lower + 1, size - 1);
        double fraction = position - lower;
        double span = sorted[upper] - sorted[lower];
        return Double.isFinite(span) ? sorted[lower] + span * fraction
                : sorted[lower] * (1 - fraction) + sorted[upper] * fraction;
    }

}
