package io.customersegments.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.customersegments.preparation.FeatureTransform;

/**
 * Names segments after what sets them apart most: their most distinctive numeric features (largest
 * distance of the segment's mean from the population's, in standard deviations), each with its level
 * ("High Income", "Older"), and, first, the category of a categorical feature that is markedly more common
 * in the segment than overall ("Married · High Income"). The level words come from the profile's levels, so a name can never
 * contradict the numbers. Names are unique within a run: segments that would share one are told apart by
 * further features, then by their rank on the feature on which they differ most ("High Income (higher)").
 */
final class SegmentNamer {

    private static final int NAMED_FEATURES = 2;

    private SegmentNamer() {
    }

    /** One thing a name may say, with how distinctive it is and where it goes in the name. */
    private record Part(double distinctiveness, int order, String words) {
    }

    static List<String> names(List<SegmentProfile> segments, List<FeatureTransform> transforms) {
        List<List<Part>> parts = segments.stream().map(segment -> parts(segment, transforms)).toList();
        int most = parts.stream().mapToInt(List::size).max().orElse(0);
        List<String> names = new ArrayList<>();
        for (List<Part> candidates : parts) {
            names.add(name(candidates, NAMED_FEATURES));
        }
        // Segments that share a name get a further feature, until every name is unique or all are used.
        for (int count = NAMED_FEATURES + 1; count <= most && hasDuplicates(names); count++) {
            Map<String, Long> counts = counts(names);
            for (int s = 0; s < segments.size(); s++) {
                if (counts.get(names.get(s)) > 1) {
                    names.set(s, name(parts.get(s), count));
                }
            }
        }
        tellApart(names, segments, transforms);
        for (int s = 0; s < names.size(); s++) {
            if (names.get(s).isBlank()) {
                // Nothing distinctive to say (every feature of one value, say): named by its place, never blank.
                names.set(s, "Segment " + (segments.get(s).ordinal() + 1));
            }
        }
        return names;
    }

    /** What may be said of a segment: each numeric feature at its level, and each categorical feature's lead. */
    private static List<Part> parts(SegmentProfile segment, List<FeatureTransform> transforms) {
        List<Part> parts = new ArrayList<>();
        CategoryLead strongest = segment.leads()
            .stream()
            .max(Comparator.comparingDouble(CategoryLead::distinctiveness))
            .orElse(null);
        for (CategoryLead lead : segment.leads()) {
            // A category markedly more common in the segment is concrete to a marketer: the strongest is always named.
            parts.add(new Part(lead == strongest ? Double.POSITIVE_INFINITY : lead.distinctiveness(), parts.size(),
                    lead.value()));
        }
        int leads = parts.size();
        ranked(segment).forEach(j -> {
            FeatureTransform transform = transforms.get(j);
            if (transform.min() == transform.max()) {
                return; // One value for everyone: nothing a name could say of a segment (the run warns of it).
            }
            parts.add(new Part(Math.abs(segment.distinctiveness()[j]), leads + j,
                    FeatureWords.atLevel(transform.label(), segment.profile().get(transform.feature()).level())));
        });
        return parts;
    }

    /** The given number of most distinctive parts, categories first, then the features in the run's order. */
    private static String name(List<Part> parts, int count) {
        return parts.stream()
            .sorted(Comparator.comparingDouble((Part part) -> -part.distinctiveness()).thenComparingInt(Part::order))
            .limit(count)
            .sorted(Comparator.comparingInt(Part::order))
            .map(Part::words)
            .collect(Collectors.joining(" · "));
    }

    /**
     * Segments that still share a name are alike at every level; each group is ordered on the numeric feature
     * its centres differ most on and ranked on it within their level ("High Income (higher)", "High Income (lower)"),
     * else by size ("Larger Group").
     */
    private static void tellApart(List<String> names, List<SegmentProfile> segments, List<FeatureTransform> transforms) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int s = 0; s < names.size(); s++) {
            groups.computeIfAbsent(names.get(s), name -> new ArrayList<>()).add(s);
        }
        for (Map.Entry<String, List<Integer>> group : groups.entrySet()) {
            List<Integer> members = group.getValue();
            if (members.size() < 2) {
                continue;
            }
            int feature = widestFeature(members, segments, transforms.size());
            String noun = feature < 0 ? "Group" : FeatureWords.noun(transforms.get(feature).label());
            List<Integer> ordered = new ArrayList<>(members);
            ordered.sort(Comparator.comparingDouble(s -> feature < 0 ? segments.get(s).size()
                    : segments.get(s).centroidScaled()[feature]));
            List<String> ranks = ranks(ordered.size(), feature < 0);
            for (int r = 0; r < ordered.size(); r++) {
                int s = ordered.get(r);
                String atLevel = feature < 0 ? null : FeatureWords.atLevel(transforms.get(feature).label(),
                        segments.get(s).profile().get(transforms.get(feature).feature()).level());
                // The rank qualifies the segment's level ("High Income (lower)"), never replaces it: a "Lower Income"
                // of high income would read as below another segment's "Low Income".
                String ranked = feature < 0 ? ranks.get(r) + " " + noun
                        : atLevel + " (" + ranks.get(r).toLowerCase(Locale.ROOT) + ")";
                List<String> parts = new ArrayList<>(List.of(group.getKey().split(" · ")));
                int named = feature < 0 ? -1 : parts.indexOf(atLevel);
                if (named >= 0) {
                    parts.set(named, ranked);
                }
                else {
                    parts.add(ranked);
                }
                names.set(s, String.join(" · ", parts.stream().filter(part -> !part.isEmpty()).toList()));
            }
        }
    }

    /** The numeric feature on which the group's centres lie farthest apart, or -1 without one. */
    private static int widestFeature(List<Integer> members, List<SegmentProfile> segments, int d) {
        int widest = -1;
        double widestSpread = 0;
        for (int j = 0; j < d; j++) {
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            for (int s : members) {
                double x = segments.get(s).centroidScaled()[j];
                low = Math.min(low, x);
                high = Math.max(high, x);
            }
            if (high - low > widestSpread) {
                widestSpread = high - low;
                widest = j;
            }
        }
        return widest;
    }

    /** Rank words from lowest to highest for a group of this size: Lower, Higher; Lowest, Middle, Highest; ... */
    private static List<String> ranks(int size, boolean bySize) {
        String low = bySize ? "Smaller" : "Lower";
        String high = bySize ? "Larger" : "Higher";
        if (size == 2) {
            return List.of(low, high);
        }
        if (size == 3) {
            return List.of(bySize ? "Smallest" : "Lowest", "Middle", bySize ? "Largest" : "Highest");
        }
        List<String> ranks = new ArrayList<>();
        for (int r = 0; r < size; r++) {
            ranks.add(r == 0 ? (bySize ? "Smallest" : "Lowest") : r == size - 1 ? (bySize ? "Largest" : "Highest")
                    : ordinal(r + 1) + (bySize ? "-smallest" : "-lowest"));
        }
        return ranks;
    }

    private static String ordinal(int n) {
        int lastTwo = n % 100;
        String suffix = lastTwo >= 11 && lastTwo <= 13 ? "th"
                : switch (n % 10) {
                    case 1 -> "st";
                    case 2 -> "nd";
                    case 3 -> "rd";
                    default -> "th";
                };
        return n + suffix;
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
        if (!parts.isEmpty()) {
            text.append(" whose ").append(String.join(", ", parts));
        }
        text.append('.');
        for (CategoryLead lead : segment.leads()) {
            text.append(String.format(Locale.ROOT, " %.0f%% are %s (%.0f%% of all customers).", 100 * lead.share(),
                    lead.value(), 100 * lead.populationShare()));
        }
        String comparison = SegmentIndexes.comparison(segment, transforms);
        if (!comparison.isEmpty()) {
            text.append(' ').append(comparison);
        }
        return text.toString();
    }

    private static String format(double value) {
        return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%,.0f", value)
                : String.format(Locale.ROOT, "%.1f", value);
    }

    private static boolean hasDuplicates(List<String> names) {
        return names.stream().distinct().count() < names.size();
    }

    private static Map<String, Long> counts(List<String> names) {
        Map<String, Long> counts = new LinkedHashMap<>();
        names.forEach(name -> counts.merge(name, 1L, Long::sum));
        return counts;
    }

}
