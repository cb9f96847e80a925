package io.customersegments.run;

import java.time.Instant;

/**
 * A run became the live one of its dataset. Published inside the publishing transaction, after the run's segments
 * have their stable keys: listeners that write in that transaction commit (or fail) with the publish.
 *
 * @param lineageId the lineage of the run's dataset: its versions share one live run
 * @param datasetId the run's dataset
 * @param previousSegmentationId the run that was live before, or null on the lineage's first publish
 * @param previousDatasetId the previous run's dataset (another version of the table, or the same dataset), or null
 */
public record RunPublished(long lineageId, long datasetId, long segmentationId, Long previousSegmentationId,
        Long previousDatasetId, Instant publishedAt) {
}
