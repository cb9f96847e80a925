package io.customersegments.run;

/**
 * One customer's place in a run.
 *
 * @param externalId the customer's id in its dataset
 * @param rowNo the customer's row in the dataset, from 1 in file order
 * @param ordinal the segment's ordinal in the run
 * @param distance to the segment's centre, in the run's clustering space
 * @param secondDistance to the runner-up segment's centre
 * @param rfm for an RFM run, the customer's R, F and M scores; null for a clustering
 * @param probability for a Gaussian mixture run, the probability of the customer's segment; else null
 * @param runnerUp for a Gaussian mixture run, the second most probable segment's ordinal; else null
 * @param runnerUpProbability its probability
 */
public record AssignmentRow(String externalId, int rowNo, int ordinal, double distance, double secondDistance,
        RfmScore rfm, Double probability, Integer runnerUp, Double runnerUpProbability) {

    /** The same place, of the customer with this id. */
    AssignmentRow withExternalId(String id) {
        return new AssignmentRow(id, rowNo, ordinal, distance, secondDistance, rfm, probability, runnerUp,
                runnerUpProbability);
    }

    /** How much farther the runner-up's centre is: small margins mark borderline customers. */
    public double margin() {
        return secondDistance - distance;
    }

}
