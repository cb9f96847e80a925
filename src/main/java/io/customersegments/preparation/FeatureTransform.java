package io.customersegments.preparation;

/**
 * How one feature goes from the file's units into the clustering space: clipped (outlier policy
 * CLIP), log-transformed when asked (sign(x) · log(1 + |x|): log(1 + x) for the usual non-negative amounts,
 * and defined for net amounts that refunds take below zero), then centred and scaled. Stored with the run's model so new
 * customers are scored exactly as the run's customers were.
 *
 * @param feature the feature as the request named it
 * @param key the column's key in the dataset
 * @param label a short human label for names ("Income" for "Annual Income (k$)")
 * @param median the value a missing one is replaced with under the MEDIAN policy
 * @param clipLow lower clip bound, or null
 * @param clipHigh upper clip bound, or null
 * @param min the smallest value the run saw, in the file's units
 * @param max the largest value the run saw, in the file's units
 */
public record FeatureTransform(String feature, String key, String label, int slot, boolean log, double center,
        double scale, double median, Double clipLow, Double clipHigh, double min, double max) {

    /** The value in clustering space; NaN stays NaN. */
    public double apply(double value) {
        double x = value;
        if (clipLow != null && x < clipLow) {
            x = clipLow;
        }
        if (clipHigh != null && x > clipHigh) {
            x = clipHigh;
        }
        if (log) {
            x = Math.copySign(Math.log1p(Math.abs(x)), x);
        }
        return (x - center) / scale;
    }

    /** A clustering-space coordinate back in the file's units. */
    public double invert(double scaled) {
        double x = scaled * scale + center;
        return log ? Math.copySign(Math.expm1(Math.abs(x)), x) : x;
    }

    public boolean outOfRange(double value) {
        return value < min || value > max;
    }

}
