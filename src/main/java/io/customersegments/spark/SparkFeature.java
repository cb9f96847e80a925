package io.customersegments.spark;

/**
 * One numeric feature as the job prepares it: read from the dataset's value slot (0-based), a missing value
 * replaced by the median, then clipped, log-transformed (sign(x) · log(1 + |x|)), centred and scaled, in that order
 * and with the parameters the service computed for the run.
 */
public record SparkFeature(int slot, double median, Double clipLow, Double clipHigh, boolean log, double center,
        double scale) {
}
