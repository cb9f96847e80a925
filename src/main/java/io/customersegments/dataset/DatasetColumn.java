package io.customersegments.dataset;

/**
 * One column of a dataset's catalogue.
 *
 * @param name the column's name as written in the header
 * @param key the name in snake_case, unique within the dataset, for use in APIs
 * @param role what the column holds
 * @param index the column's slot in the customer row's numeric array (NUMERIC, DATE) or categorical array (CATEGORICAL); null for the ID
 * @param format for DATE columns, the layout the dates were read in
 * @param missing empty or missing-marker cells among the stored rows
 * @param distinct distinct non-missing values
 * @param distinctExact false when {@code distinct} is an estimate (very many distinct values)
 */
public record DatasetColumn(String name, String key, ColumnRole role, Integer index, String format, long missing,
        long distinct, boolean distinctExact) {
}
