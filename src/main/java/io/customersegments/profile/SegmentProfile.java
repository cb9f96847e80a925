package io.customersegments.profile;

import java.util.List;
import java.util.Map;

/**
 * Everything said about one segment before it is stored.
 *
 * @param ordinal the segment's number in the run (0 is the largest)
 * @param centroidScaled the centre in clustering space (for scoring and matching)
 * @param centroid the centre in the file's units, by feature as the request named it
 * @param profile per feature, by feature as the request named it
 * @param mix per categorical column (by header name), its most frequent values' shares
 * @param distinctiveness per feature, (segment mean - population mean) / population std
 * @param key the segment's fixed key (RFM segments: {@code champions}, ...); null for a clustering's segments,
 *        whose keys are given when they are stored
 * @param leads per categorical feature of the run whose most common category in the segment is at least
 *        {@link SegmentProfiler#LEAD_LIFT} times as common as overall, that category
 */
public record SegmentProfile(int ordinal, long size, double share, double[] centroidScaled, Map<String, Double> centroid,
        Map<String, FeatureProfile> profile, Map<String, List<CategoryShare>> mix, Double silhouette,
        double[] distinctiveness, String name, String description, List<Recommendation> recommendations, String key,
        List<CategoryLead> leads) {

    public SegmentProfile {
        leads = leads == null ? List.of() : List.copyOf(leads);
    }

    SegmentProfile named(String name, String description, List<Recommendation> recommendations) {
        return new SegmentProfile(ordinal, size, share, centroidScaled, centroid, profile, mix, silhouette,
                distinctiveness, name, description, recommendations, key, leads);
    }

    SegmentProfile keyed(String key) {
        return new SegmentProfile(ordinal, size, share, centroidScaled, centroid, profile, mix, silhouette,
                distinctiveness, name, description, recommendations, key, leads);
    }

}
