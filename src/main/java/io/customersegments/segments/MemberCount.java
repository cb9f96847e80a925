package io.customersegments.segments;

/**
 * How many customers a live segment has.
 *
 * @param segmentationId the published run the segment belongs to
 */
record MemberCount(String segmentKey, long count, long datasetId, long segmentationId) {
}
