package io.customersegments.activation;

import java.time.Instant;

/**
 * A publish wrote its segment events: those of the dataset with {@code afterId < id <= lastId}. Published in the
 * publishing transaction (while publishes are held to one at a time, so no other events fall in the range), for
 * modules that pass the events on.
 *
 * @param previousSegmentationId the run that was live before, or null on the dataset's first publish
 * @param count the number of events written; 0 when no customer changed segment (then {@code lastId == afterId})
 */
public record SegmentChangesWritten(long datasetId, long segmentationId, Long previousSegmentationId,
        Instant publishedAt, long afterId, long lastId, int count) {
}
