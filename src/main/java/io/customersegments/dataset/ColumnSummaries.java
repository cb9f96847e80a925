package io.customersegments.dataset;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** Descriptive statistics of every column but the ID, computed while the file streamed in. */
public record ColumnSummaries(List<Numeric> numeric, List<Categorical> categorical, List<Date> dates) {

    /**
     * A numeric column, like pandas' {@code describe()} plus missing values and IQR outliers; quartiles
     * interpolate linearly. {@code exact} is false when the column was too large to keep whole and
     * quantiles, distinct and outlier counts come from a uniform sample.
     */
    @Schema(name = "NumericColumnSummary")
    public record Numeric(String name, String key, long count, long missing, long distinct, Double mean, Double std,
            Double min, Double p25, Double median, Double p75, Double max, Long outliers, boolean exact) {
    }

    /** A categorical column: distinct values and the most frequent ones with their counts. */
    @Schema(name = "CategoricalColumnSummary")
    public record Categorical(String name, String key, long count, long missing, long distinct, boolean exact,
            List<ValueCount> topValues) {
    }

    /** A date column: its range as ISO date-times and the layout it was read in. */
    // Named apart from java.util.Date, which a generated client imports.
    @Schema(name = "DateColumnSummary")
    public record Date(String name, String key, long count, long missing, long distinct, String min, String median,
            String max, String format) {
    }

}
