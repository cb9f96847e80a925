package io.customersegments.profile;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import io.customersegments.dataset.FeatureTable;
import io.customersegments.preparation.PreparedData;

/**
 * The profile module's public face: profiles each segment of a clustering in the file's units, names
 * it from its most distinctive features, describes it and attaches the playbook's recommendations.
 */
@Component
public class SegmentDescriber {

    private final Playbook playbook;

    SegmentDescriber(Playbook playbook) {
        this.playbook = playbook;
    }

    /**
     * @param labels each prepared row's segment
     * @param centroidsScaled the k centres in the prepared (scaled) space, row-major
     * @param silhouettes each segment's mean silhouette (NaN where unknown)
     */
    public List<SegmentProfile> describe(FeatureTable table, PreparedData data, int[] labels, int k,
            double[] centroidsScaled, double[] silhouettes) {
        List<SegmentProfile> profiles = SegmentProfiler.profile(table, data, labels, k, centroidsScaled, silhouettes);
        List<String> names = SegmentNamer.names(profiles, data.transforms());
        List<SegmentProfile> named = new ArrayList<>();
        for (SegmentProfile profile : profiles) {
            named.add(profile.named(names.get(profile.ordinal()), SegmentNamer.description(profile, data.transforms()),
                    playbook.recommend(profile, data.transforms())));
        }
        return named;
    }

    /**
     * Profiles segments whose names are given (the fixed segments of a recipe such as RFM): each gets its
     * key, name and description, and the playbook's recommendations for that key.
     *
     * @param fixed per segment ordinal, its key, name and description
     */
    public List<SegmentProfile> describeFixed(FeatureTable table, PreparedData data, int[] labels,
            double[] centroidsScaled, List<FixedSegment> fixed) {
        List<SegmentProfile> profiles = SegmentProfiler.profile(table, data, labels, fixed.size(), centroidsScaled, null);
        List<SegmentProfile> named = new ArrayList<>();
        for (SegmentProfile profile : profiles) {
            FixedSegment segment = fixed.get(profile.ordinal());
            named.add(profile.named(segment.name(), segment.description(), playbook.recommendFixed(segment.key()))
                .keyed(segment.key()));
        }
        return named;
    }

    /**
     * Profiles the segments of a finished run's model applied to other customers (a scoring run): each keeps the name
     * and recommendations it has in that run, and its key unless none is given (a new one is made when it is stored);
     * its size, profile and description are the new customers'.
     *
     * @param known per segment ordinal, what the model's run says of it
     */
    public List<SegmentProfile> describeKnown(FeatureTable table, PreparedData data, int[] labels,
            double[] centroidsScaled, List<KnownSegment> known) {
        return SegmentProfiler.profile(table, data, labels, known.size(), centroidsScaled, null).stream()
            .map(profile -> {
                KnownSegment segment = known.get(profile.ordinal());
                // The description states sizes and means: the scored customers', not the model's.
                return profile.named(segment.name(), SegmentNamer.description(profile, data.transforms()),
                        segment.recommendations())
                    .keyed(segment.key());
            })
            .toList();
    }

    /** A segment of a finished run, as it is stored: its key (or null), name, description and recommendations. */
    public record KnownSegment(String key, String name, List<Recommendation> recommendations) {
    }

    /** A segment that a recipe defines, not a clustering: its stable key, name and description. */
    public record FixedSegment(String key, String name, String description) {
    }

}
