package io.customersegments.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import io.customersegments.preparation.FeatureTransform;

/**
 * Names segments after their most distinctive features (largest distance of the segment's mean from
 * the population's, in standard deviations), each with its level, e.g. "High Income · Low Spending".
 * The level words come from the profile's levels, so a name can never contradict the numbers.
 */
final class SegmentNamer {

    private static final int NAMED_FEATURES = 2;

    private SegmentNamer() {
    }

    static List<String> names(List<SegmentProfile> segments, List<FeatureTransform> transforms) {
        int d = transforms.size();
        List<String> names = new ArrayList<>();
        for (SegmentProfile segment : segments) {
            names.add(name(segment, transforms, Math.min(NAMED_FEATURES, d)));
        }
        // Segments that share a name get a further feature, then a number, until every name is unique.
        for (int features = NAMED_FEATURES + 1; features <= d && hasDuplicates(names); features++) {
            Map<String, Long> counts = counts(names);
            for (int s = 0; s < segments.size(); s++) {
                if (counts.get(names.get(s)) > 1) {
                    names.set(s, name(segments.get(s), transforms, features));
                }
            }
        }
        Map<String, Long> counts = counts(names);
        Map<String, Integer> seen = new HashMap<>();
        for (int s = 0; s < names.size(); s++) {
            String name = names.get(s);
            if (counts.get(name) > 1) {
                names.set(s, name + " " + (char) ('A' + seen.merge(name, 1, Integer::sum) - 1));
            }
        }
        return names;
    }

    /** The given number of most distinctive features, named in the run's feature order. */
    private static String name(SegmentProfile segment, List<FeatureTransform> transforms, int features) {
        return String.join(" · ", ranked(segment).limit(features)
            .sorted()
            .mapToObj(j -> segment.profile().get(transforms.get(j).feature()).level().word() + " "
                    + transforms.get(j).label())
            .toList());
    }

    /** Feature indexes, most distinctive first (ties in feature order). */
    static IntStream ranked(SegmentProfile segment) {
        double[] z = segment.distinctiveness();
        return IntStream.range(0, z.length)
            .boxed()
            .sorted(Comparator.comparingDouble((Integer j) -> -Math.abs(z[j])).thenComparingInt(j -> j))
            .mapToInt(Integer::intValue);
    }

    static String description(SegmentProfile segment, List<FeatureTransform> transforms) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%,d customers (%.1f%%)", segment.size(),
                100 * segment.share()));
        List<String> parts = new ArrayList<>();
        ranked(segment).forEach(j -> {
            FeatureTransform transform = transforms.get(j);
            FeatureProfile profile = segment.profile().get(transform.feature());
            parts.add(String.format(Locale.ROOT, "%s averages %s (%s)", transform.feature(), format(profile.mean()),
                    profile.level().word().toLowerCase(Locale.ROOT)));
        });
        return text.append(" whose ").append(String.join(", ", parts)).append('.').toString();
    }

    private static String format(double value) {
        return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%,.0f", value)
                : String.format(Locale.ROOT, "%.1f", value);
    }

    private static boolean hasDuplicates(List<String> names) {
        return names.stream().distinct().count() < names.size();
    }

    private static Map<String, Long> counts(List<String> names) {
        Map<String, Long> counts = new HashMap<>();
        names.forEach(name -> counts.merge(name, 1L, Long::sum));
        return counts;
    }

}
