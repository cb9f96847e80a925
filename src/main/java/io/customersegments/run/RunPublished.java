package io.customersegments.run;

import java.time.Instant;

/**
 * A run became the live one of its dataset. Published inside the publishing transaction, after the run's segments
 * have their stable keys: listeners that write in that transaction commit (or fail) with the publish.
 *
 * @param previousSegmentationId the run that was live before, or null on the dataset's first publish
 */
public record RunPublished(long datasetId, long segmentationId, Long previousSegmentationId, Instant publishedAt) {
}
