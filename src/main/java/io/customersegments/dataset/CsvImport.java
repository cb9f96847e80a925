package io.customersegments.dataset;

import java.util.List;

/** What reading a CSV file produced, besides the rows it streamed to the database. */
record CsvImport(long rowCount, List<DatasetColumn> columns, QualityReport quality, ColumnSummaries summaries) {
}
