package io.customersegments.dataset;

/** How often a categorical value occurs. */
record ValueCount(String value, long count) {
}
