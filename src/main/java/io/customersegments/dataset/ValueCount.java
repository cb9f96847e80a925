package io.customersegments.dataset;

/** How often a categorical value occurs. */
public record ValueCount(String value, long count) {
}
