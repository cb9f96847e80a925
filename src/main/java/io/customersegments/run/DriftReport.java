package io.customersegments.run;

import java.util.List;

/**
 * How far the customers a scoring run assigned have moved from those its model was trained on.
 *
 * @param modelRunId the run whose model scored
 * @param modelDatasetId the dataset that run was trained on
 * @param trainingRows the customers of the training dataset the model places (all of them, or under the DROP policy
 *        those with every feature)
 * @param scoredRows the customers scored
 * @param features per feature, its population stability index against the training customers (bins at the training
 *        deciles, plus one for missing values; a categorical feature's bins are its categories)
 * @param segments per segment, its share of the training customers and of the scored ones, both as the model places
 *        them
 * @param trainingMeanDistance the training customers' mean distance to the centre the model places them at, in
 *        clustering space
 * @param meanDistance the scored customers' mean distance to theirs
 * @param meanDistanceChange meanDistance / trainingMeanDistance - 1: how much looser the segments fit now
 * @param outOfRange scored customers with a value outside the range the model was trained on
 * @param psiThreshold a feature drifted at this index or above ({@code segmentation.runs.drift-psi})
 * @param sharePointsThreshold a segment drifted when its share moved by this many percentage points or more
 *        ({@code segmentation.runs.drift-share-points})
 * @param driftDetected whether any feature or segment drifted
 * @param reasons each drift, in words
 */
public record DriftReport(long modelRunId, long modelDatasetId, long trainingRows, long scoredRows,
        List<FeatureDrift> features, List<SegmentShift> segments, double trainingMeanDistance, double meanDistance,
        double meanDistanceChange, long outOfRange, double psiThreshold, double sharePointsThreshold,
        boolean driftDetected, List<String> reasons) {

    /** @param psi the population stability index: under 0.1 stable, 0.1 to 0.2 a moderate shift, above a large one */
    public record FeatureDrift(String feature, double psi, boolean drifted) {
    }

    /** @param changePoints share minus training share, in percentage points */
    public record SegmentShift(String key, String name, double trainingShare, double share, double changePoints,
            boolean drifted) {
    }

}
