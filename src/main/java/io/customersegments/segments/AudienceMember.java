package io.customersegments.segments;

import io.customersegments.run.RfmScore;

/**
 * A customer in a segment's audience: the id, the distance to its centre and the margin to the runner-up's,
 * and for an RFM run the customer's R, F and M scores; for a Gaussian mixture run the probability that the customer
 * belongs to the segment and the next most probable segment ({@code runnerUp}).
 */
record AudienceMember(String externalId, double distance, double margin, RfmScore rfm, Double probability,
        RunnerUp runnerUp) {
}
