package io.customersegments.segments;

import java.time.Instant;
import java.util.List;

import io.customersegments.run.SegmentView;

/**
 * The segments marketing apps use for a dataset: those of its published run, and only those (an
 * analyst's trial run is never served). {@code published} is always true; kept for clients that read it.
 *
 * @param datasetId the published run's dataset
 * @param lineageId the table that dataset is a version of (its first version's id), whose live segments these are
 */
record LiveSegments(long segmentationId, long datasetId, long lineageId, boolean published, Instant publishedAt,
        List<SegmentView> segments) {
}
