package io.customersegments.dataset;

/**
 * A column's line in the quality report.
 *
 * @param min smallest value: a number, or an ISO date-time for DATE columns; null for text
 * @param max largest value, as {@code min}
 * @param outliers values beyond 1.5 IQR from the quartiles (numeric columns only)
 */
record ColumnQuality(String name, String key, ColumnRole role, long missing, long distinct, Object min, Object max,
        Long outliers) {
}
