package io.customersegments.run;

import java.time.Instant;
import java.util.List;

/**
 * A succeeded run as the readers of its segments need it.
 *
 * @param publishedAt when it was published; null when it is not
 * @param model the transform and centres that score new customers
 * @param segments its segments, by ordinal
 */
public record RunSegments(long runId, long datasetId, long lineageId, Instant publishedAt, RunModel model, List<SegmentView> segments) {
}
