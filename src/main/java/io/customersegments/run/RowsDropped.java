package io.customersegments.run;

/** Rows a run left out: for a missing feature (missing=DROP) and for an outlying value (outliers=DROP). */
record RowsDropped(long missing, long outliers) {
}
