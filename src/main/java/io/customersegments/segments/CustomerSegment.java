package io.customersegments.segments;

/**
 * The live segment of one customer.
 *
 * @param distance distance to the segment's centre (clustering space)
 * @param margin how much farther the runner-up segment's centre is: small margins mark borderline customers
 */
record CustomerSegment(String externalId, long datasetId, long segmentationId, String segmentKey,
        String segmentName, double distance, double margin) {
}
