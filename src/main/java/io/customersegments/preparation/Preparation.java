package io.customersegments.preparation;

import java.util.List;
import java.util.Map;

/**
 * How a run's features are prepared for clustering.
 *
 * @param features the numeric features as the run named them, in the loaded table's column order
 * @param featureKeys the same features' catalogue keys
 * @param logTransform the features (as named in {@code features}) to take sign(x) · log(1 + |x|) of (log(1 + x) for amounts)
 * @param categorical the categorical features as the run named them
 * @param categoricalKeys their catalogue keys
 * @param weights per feature (as named), how much more than one standardised feature it counts; 1 when absent
 * @param rareCategoryShare categories with a smaller share of the customers are folded into "Other"
 */
public record Preparation(List<String> features, List<String> featureKeys, List<String> logTransform, Scaling scaling,
        MissingPolicy missing, OutlierPolicy outliers, List<String> categorical, List<String> categoricalKeys,
        Map<String, Double> weights, double rareCategoryShare) {

    /** The share below which a category folds into "Other" unless a run says otherwise. */
    public static final double DEFAULT_RARE_CATEGORY_SHARE = 0.01;

    /** Numeric features only, each weighing the same. */
    public Preparation(List<String> features, List<String> featureKeys, List<String> logTransform, Scaling scaling,
            MissingPolicy missing, OutlierPolicy outliers) {
        this(features, featureKeys, logTransform, scaling, missing, outliers, List.of(), List.of(), Map.of(),
                DEFAULT_RARE_CATEGORY_SHARE);
    }

    double weight(String feature) {
        return weights.getOrDefault(feature, 1.0);
    }

}
