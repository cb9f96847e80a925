package io.customersegments.dataset;

import java.util.List;
import java.util.Optional;

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

    /** The column a request names: by header name, by key, or by the key its name would have ("Annual Income" for annual_income). */
    public static Optional<DatasetColumn> find(List<DatasetColumn> columns, String name) {
        return columns.stream()
            .filter(column -> column.name().equals(name) || column.key().equals(name))
            .findFirst()
            .or(() -> columns.stream().filter(column -> column.key().equals(keyOf(name))).findFirst());
    }

    /** The key a column of this name gets: the name in snake_case. */
    public static String keyOf(String name) {
        return ColumnTypeInference.key(name);
    }

}
