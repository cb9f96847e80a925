package io.customersegments.preparation;

import java.util.List;

/**
 * How a run's features are prepared for clustering.
 *
 * @param features the features as the run named them, in the loaded table's column order
 * @param featureKeys the same features' catalogue keys
 * @param logTransform the features (as named in {@code features}) to take sign(x) · log(1 + |x|) of (log(1 + x) for amounts)
 */
public record Preparation(List<String> features, List<String> featureKeys, List<String> logTransform, Scaling scaling,
        MissingPolicy missing, OutlierPolicy outliers) {
}
