package io.customersegments.dataset;

/** Where a file is at fault: a 1-based line number, the header name of the column (null for the whole row), and what is wrong. */
record RowError(long line, String column, String message) {
}
