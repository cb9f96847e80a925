package io.customersegments.segments;

/**
 * Whether a customer is in a live segment now.
 *
 * @param segmentationId the published run that decides
 */
record Membership(String segmentKey, String customerId, boolean member, long datasetId, long segmentationId) {
}
