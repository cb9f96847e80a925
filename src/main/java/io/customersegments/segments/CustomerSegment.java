package io.customersegments.segments;

import io.customersegments.run.RfmScore;

/**
 * The live segment of one customer.
 *
 * @param distance distance to the segment's centre (clustering space)
 * @param margin how much farther the runner-up segment's centre is: small margins mark borderline customers
 * @param rfm for an RFM run, the customer's R, F and M scores (1..5); null for a clustering
 * @param probability for a Gaussian mixture run, the probability that the customer belongs to the segment; else null
 * @param runnerUp for a Gaussian mixture run, the next most probable segment; else null
 */
record CustomerSegment(String externalId, long datasetId, long segmentationId, String segmentKey,
        String segmentName, double distance, double margin, RfmScore rfm, Double probability, RunnerUp runnerUp) {
}
