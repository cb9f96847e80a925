package io.customersegments.segments;

import java.util.Map;

import io.customersegments.run.RfmScore;

/**
 * The segment a new customer would join.
 *
 * @param externalId the customer's id, if the request gave one
 * @param distance distance to the segment's centre in the run's clustering space
 * @param margin how much farther the runner-up segment's centre is (null when the run has one segment); negative when
 *        another centre is nearer than the segment's (a mixture's most probable segment, an RFM grid cell's)
 * @param outOfRange true when a value lies outside the range the run's customers had
 * @param unseenCategories categorical features whose value none of the run's customers had, feature to value: they
 *        count as no category of theirs, so weigh the answer with care
 * @param probability for a Gaussian mixture run, the probability that the customer belongs to the segment; else null
 * @param runnerUp for a Gaussian mixture run, the next most probable segment; else null
 * @param rfm for an RFM run, the customer's R, F and M scores by the run's quintile edges; the segment is the one
 *        of its R and F scores
 * @param rfmTie for an RFM run, true when the frequency equals one of the run's quintile edges that its first-come
 *        ranking split: some of the run's customers with that frequency have the F score above this one's (a customer
 *        of the run asked again may land in the neighbouring segment); else null
 * @param rfmCell for an RFM run, the key of the grid cell the R and F scores fall in; when it is not
 *        {@code segmentKey}, none of the run's customers fell in that cell, so the run has no such segment and the
 *        nearest one is answered; else null
 */
record Prediction(String externalId, String segmentKey, String segmentName, double distance, Double margin,
        boolean outOfRange, Map<String, String> unseenCategories, Double probability, RunnerUp runnerUp, RfmScore rfm,
        Boolean rfmTie, String rfmCell) {
}
