package io.customersegments.segmentation;

/** The share of a segment's customers with one value of a categorical column (value null: missing). */
record CategoryShare(String value, long count, double share) {
}
