package io.customersegments.segments;

import io.customersegments.run.RfmScore;

/**
 * The live segment of one customer.
 *
 * @param distance distance to the segment's centre (clustering space)
 * @param margin how much farther the runner-up segment's centre is: small margins mark borderline customers
 * @param rfm for an RFM run, the customer's R, F and M scores (1..5); null for a clustering
 */
record CustomerSegment(String externalId, long datasetId, long segmentationId, String segmentKey,
        String segmentName, double distance, double margin, RfmScore rfm) {
}
