package io.customersegments.profile;

/**
 * A segment on one feature, in the file's units.
 *
 * @param std sample standard deviation; null for a segment of one
 * @param level where the segment's mean falls among the population's tertiles
 * @param index the segment's mean as a percentage of the population's (100: average, 240: 2.4 times the average);
 *        null when the population's mean is not above zero, where a ratio says nothing
 */
public record FeatureProfile(double mean, double median, double min, double max, Double std, Level level,
        Double index) {

    public FeatureProfile(double mean, double median, double min, double max, Double std, Level level) {
        this(mean, median, min, max, std, level, null);
    }

    /** The segment's mean over the population's, e.g. 2.4; null without an index. */
    Double ratio() {
        return index == null ? null : index / 100;
    }

}
