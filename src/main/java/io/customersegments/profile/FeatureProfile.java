package io.customersegments.profile;

/**
 * A segment on one feature, in the file's units.
 *
 * @param std sample standard deviation; null for a segment of one
 * @param level where the segment's mean falls among the population's tertiles
 */
public record FeatureProfile(double mean, double median, double min, double max, Double std, Level level) {
}
