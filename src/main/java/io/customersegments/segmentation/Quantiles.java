package io.customersegments.segmentation;

/** Quantiles by linear interpolation between closest ranks (NumPy's and pandas' default). */
final class Quantiles {

    private Quantiles() {
    }

    /** The q-quantile of the first {@code size} values of a sorted array. */
    static double sorted(double[] sorted, int size, double q) {
        double position = q * (size - 1);
        int lower = (int) Math.floor(position);
        int upper = Math.min(lower + 1, size - 1);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
    }

}
