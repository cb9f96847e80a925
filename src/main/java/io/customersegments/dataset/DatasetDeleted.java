package io.customersegments.dataset;

/** A dataset is being deleted, in the current transaction: listeners remove what they keep for it. */
public record DatasetDeleted(long datasetId) {
}
