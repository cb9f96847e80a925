package io.customersegments.activation;

import java.time.Instant;

/**
 * A customer entered or left a live segment when a run was published.
 *
 * @param id the event's place in the one order of all events: a consumer resumes after the last id it handled
 * @param segmentationId the published run that made the change
 */
public record SegmentChange(long id, ChangeType type, String customerId, String segmentKey, String segmentName,
        long datasetId, long segmentationId, Instant publishedAt) {
}
