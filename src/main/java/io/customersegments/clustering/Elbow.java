package io.customersegments.clustering;

import java.util.OptionalInt;

/**
 * The Kneedle elbow of the inertia curve (Satopää et al., 2011, as the {@code kneed} package computes it
 * with S = 1 for a decreasing convex curve): with k' = (k − kMin) / (kMax − kMin) and
 * I' = (inertia − min) / (max − min), the difference curve is D = (1 − I') − k'; a local maximum of D sets
 * the threshold D − S / (number of ks − 1), and the elbow is the k of that maximum once D falls below it.
 *
 * @param k the elbow, empty when the curve has none (too few ks, a flat or non-convex curve)
 * @param difference the difference curve D, one value per k of the sweep (for charts)
 * @param sensitivity Kneedle's S
 */
public record Elbow(OptionalInt k, double[] difference, double sensitivity) {

}
