package io.customersegments.dataset;

import java.util.List;

/**
 * What the upload found in the file.
 *
 * @param dataRows data rows read (not counting the header and blank lines)
 * @param acceptedRows rows stored
 * @param rejectedRows rows left out; the first of them are listed in {@code errors}
 * @param blankRowsSkipped lines with no values at all, skipped
 * @param rejectedShare rejectedRows / dataRows
 * @param encoding the character encoding the file was read in
 * @param delimiter the field delimiter
 * @param columns per column: missing and distinct counts, range and outliers
 * @param errors the first rejected rows with line, column and reason
 * @param errorsTruncated true when more rows were rejected than are listed
 * @param warnings things that were read but may surprise, e.g. a column name invented for an empty header cell
 * @param transactions for an upload of order lines, what cleaning did to them; null for customer files
 * @param valueWarnings values that were stored but look wrong (outside a declared range, implausible ages, extreme
 *        outliers, future dates), each with a count and example lines; empty for derived datasets
 */
record QualityReport(long dataRows, long acceptedRows, long rejectedRows, long blankRowsSkipped,
        double rejectedShare, String encoding, String delimiter, List<ColumnQuality> columns, List<RowError> errors,
        boolean errorsTruncated, List<String> warnings, TransactionReport transactions, List<ValueWarning> valueWarnings) {

    QualityReport {
        valueWarnings = valueWarnings == null ? List.of() : List.copyOf(valueWarnings);
    }

}
