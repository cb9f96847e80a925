package io.customersegments.run;

/**
 * What runs of a dataset (of the lineage, the versions of its table) show changed: a run stored its result, was published, deleted or went with its
 * dataset. Published in the changing transaction; listeners act once it has committed.
 */
public record RunResultsChanged(long datasetId, long lineageId) {
}
