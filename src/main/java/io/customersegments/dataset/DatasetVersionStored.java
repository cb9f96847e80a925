package io.customersegments.dataset;

/**
 * A new version of a customer table was stored. Published in the storing transaction; listeners that act on the new
 * version (a refresh policy) do so once it has committed.
 *
 * @param lineageId the table's first version, which names its lineage
 * @param datasetId the new version
 */
public record DatasetVersionStored(long lineageId, long datasetId, int version) {
}
