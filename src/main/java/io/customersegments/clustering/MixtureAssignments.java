package io.customersegments.clustering;

/**
 * Rows assigned to a mixture's components.
 *
 * @param labels each row's most probable component
 * @param probabilities the probability of that component given the row
 * @param runnersUp each row's second most probable component (-1 with one component)
 * @param runnerUpProbabilities its probability
 * @param distances the Euclidean distance from each row to its component's mean
 * @param secondDistances to the runner-up's mean (infinite without one)
 */
public record MixtureAssignments(int[] labels, double[] probabilities, int[] runnersUp, double[] runnerUpProbabilities,
        double[] distances, double[] secondDistances) {
}
