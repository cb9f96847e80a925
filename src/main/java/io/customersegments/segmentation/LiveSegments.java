package io.customersegments.segmentation;

import java.time.Instant;
import java.util.List;

/**
 * The segments marketing apps use for a dataset: those of the published run, or of the latest
 * successful run when none is published ({@code published} false, {@code publishedAt} null).
 */
public record LiveSegments(long segmentationId, long datasetId, boolean published, Instant publishedAt,
        List<SegmentView> segments) {
}
