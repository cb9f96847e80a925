package io.customersegments.dataset;

import java.util.List;

/**
 * Values of a column that were stored but look wrong.
 *
 * @param kind OUTSIDE_DECLARED_RANGE (outside "(1-100)" in the column's name), IMPLAUSIBLE_AGE (0 or below, above 110),
 *        BIRTH_YEAR_BEFORE_1900, EXTREME_OUTLIER (beyond three interquartile ranges from the quartiles) or FUTURE_DATE
 * @param count how many values
 * @param lines the first of their lines in the file (for outliers, the most extreme ones')
 * @param message the warning in words
 */
public record ValueWarning(String column, String key, String kind, long count, List<Long> lines, String message) {
}
