package io.customersegments.clustering;

/**
 * Rows assigned to a mixture's components.
 *
 * @param labels each row's most probable component
 * @param probabilities the probability of that component given the row
 * @param runnersUp each row's second most probable component (-1 with one component)
 * @param runnerUpProbabilities its probability
 */
public record MixtureAssignments(int[] labels, double[] probabilities, int[] runnersUp, double[] runnerUpProbabilities) {
}
