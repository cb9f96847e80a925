package io.customersegments.dataset;

/**
 * Tukey's fences, 1.5 interquartile ranges beyond the quartiles: the one outlier rule of the dataset
 * summary, a run's outlier policy and the histogram.
 */
public record IqrFences(double low, double high) {

    public static IqrFences of(double p25, double p75) {
        double iqr = p75 - p25;
        return new IqrFences(p25 - 1.5 * iqr, p75 + 1.5 * iqr);
    }

    public boolean outside(double value) {
        return value < low || value > high;
    }

}
