package io.customersegments.activation;

import java.time.Instant;

/**
 * A publish wrote its segment events: those of the lineage with {@code afterId < id <= lastId}. Published in the
 * publishing transaction (while publishes are held to one at a time, so no other events fall in the range), for
 * modules that pass the events on.
 *
 * @param lineageId the lineage (the versions of a customer table) whose events these are: its first version's id
 * @param datasetId the published run's dataset (one version of the lineage)
 * @param previousSegmentationId the run that was live before, or null on the lineage's first publish
 * @param count the number of events written; 0 when no customer changed segment (then {@code lastId == afterId})
 */
public record SegmentChangesWritten(long lineageId, long datasetId, long segmentationId, Long previousSegmentationId,
        Instant publishedAt, long afterId, long lastId, int count) {
}
