package io.customersegments.profile;

/** The share of a segment's customers with one value of a categorical column (value null: missing). */
public record CategoryShare(String value, long count, double share) {
}
