package io.customersegments.dataset;

import java.util.List;

/** Descriptive statistics of a dataset's columns, as pandas' describe() would give, plus missing values, outliers and top values. */
public record DatasetSummary(long datasetId, long rowCount, List<ColumnSummaries.Numeric> numeric,
        List<ColumnSummaries.Categorical> categorical, List<ColumnSummaries.Date> dates) {
}
