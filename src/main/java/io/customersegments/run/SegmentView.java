package io.customersegments.run;

import java.util.List;
import java.util.Map;

import io.customersegments.profile.CategoryShare;
import io.customersegments.profile.FeatureProfile;
import io.customersegments.profile.Recommendation;

/**
 * A segment as marketing apps see it.
 *
 * @param key stable identity: kept by the matching segment when a retrained run is published
 * @param ordinal the segment's number in its run (0 is the largest)
 * @param centroid the segment's centre in the file's units, by feature as the run named it: the model's centre mapped
 *        back through the scaling and log transforms, so the mean of the values as clustered (after a log transform,
 *        clipping or median filling, not the mean of the customers' own values, which the profile gives)
 * @param profile per feature: mean, median, min, max, std and level, in the file's units
 * @param mix per categorical column, the shares of its most frequent values
 * @param silhouette the segment's mean silhouette (how well its customers fit it, -1..1)
 * @param lifetimeValue what its customers are worth, when the dataset has lifetime-value columns; else null
 */
public record SegmentView(String key, int ordinal, String name, String description, long size, double share,
        Map<String, Double> centroid, Map<String, FeatureProfile> profile, Map<String, List<CategoryShare>> mix,
        Double silhouette, List<Recommendation> recommendations, SegmentValue lifetimeValue) {
}
