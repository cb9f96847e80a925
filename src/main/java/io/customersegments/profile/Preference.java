package io.customersegments.profile;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.customersegments.dataset.DatasetColumn;
import io.customersegments.preparation.FeatureTransform;

/**
 * A playbook rule on what a segment prefers: among the features whose name or key matches one of the
 * patterns ({@code *} matches any part, e.g. {@code Mnt*} or {@code Num*Purchases}), the one the segment
 * over-indexes on most (index at least {@code minIndex}), or under-indexes on most (at most {@code maxIndex}),
 * gives one recommendation. In its texts {@code {category}} is what the {@code *} matched, in words or as
 * {@code names} renames it ("Web" to "online"), {@code {ratio}} the segment's mean over the average
 * ("2.4"), and {@code {feature}} the feature's label.
 *
 * @param features name patterns, e.g. {@code Mnt*}
 * @param exclude names the rule leaves out although a pattern matches them
 * @param minIndex the rule applies to the most over-indexed matching feature at or above this index
 * @param maxIndex the rule applies to the most under-indexed matching feature at or below this index
 * @param names what a matched part is called in the texts, e.g. {@code Web: online}
 */
public record Preference(List<String> features, List<String> exclude, Double minIndex, Double maxIndex,
        Map<String, String> names, String action, String channel, String rationale) {

    public Preference {
        features = features == null ? List.of() : List.copyOf(features);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
        names = names == null ? Map.of() : Map.copyOf(names);
    }

    /** A matching feature with its index and what its name's {@code *} matched. */
    private record Match(FeatureTransform transform, double index, String category) {
    }

    /** The recommendation for a segment, when a matching feature's index meets the rule's bound. */
    Optional<Recommendation> recommend(SegmentProfile segment, List<FeatureTransform> transforms) {
        Comparator<Match> strongest = minIndex != null ? Comparator.comparingDouble(Match::index)
                : Comparator.comparingDouble((Match match) -> -match.index());
        return transforms.stream()
            .map(transform -> match(segment, transform))
            .flatMap(Optional::stream)
            .filter(match -> (minIndex == null || match.index() >= minIndex) && (maxIndex == null || match.index() <= maxIndex))
            .max(strongest)
            .map(match -> new Recommendation(fill(action, match), fill(channel, match), fill(rationale, match)));
    }

    private Optional<Match> match(SegmentProfile segment, FeatureTransform transform) {
        FeatureProfile profile = segment.profile().get(transform.feature());
        if (profile == null || profile.index() == null || excluded(transform)) {
            return Optional.empty();
        }
        for (String pattern : features) {
            // As written against the feature's name ("Num*Purchases"), or as a key against its key ("num*purchases").
            for (Matcher matcher : List.of(regex(pattern).matcher(transform.feature()),
                    regex(keyPattern(pattern)).matcher(transform.key()))) {
                if (matcher.matches()) {
                    String part = matcher.groupCount() > 0 && matcher.group(1) != null ? matcher.group(1) : "";
                    return Optional.of(new Match(transform, profile.index(), category(part, transform)));
                }
            }
        }
        return Optional.empty();
    }

    private boolean excluded(FeatureTransform transform) {
        return exclude.stream()
            .anyMatch(name -> name.equalsIgnoreCase(transform.feature()) || DatasetColumn.keyOf(name).equals(transform.key()));
    }

    /** A name pattern in the form of keys: each literal part in snake_case, the stars kept. */
    private static String keyPattern(String pattern) {
        return Arrays.stream(pattern.split("\\*", -1)).map(DatasetColumn::keyOf).collect(Collectors.joining("*"));
    }

    /** The pattern as a case-insensitive regex, its first {@code *} captured. */
    private static Pattern regex(String pattern) {
        StringBuilder regex = new StringBuilder("(?i)");
        String[] literals = pattern.split("\\*", -1);
        for (int i = 0; i < literals.length; i++) {
            if (i > 0) {
                regex.append(i == 1 ? "(.*?)" : ".*?");
            }
            regex.append(Pattern.quote(literals[i]));
        }
        return Pattern.compile(regex.toString());
    }

    private String category(String part, FeatureTransform transform) {
        String trimmed = part.replaceAll("^[_\\s]+|[_\\s]+$", "");
        for (Map.Entry<String, String> name : names.entrySet()) {
            if (name.getKey().equalsIgnoreCase(trimmed)) {
                return name.getValue();
            }
        }
        String words = trimmed.replaceAll("(?<=\\p{Ll})(?=\\p{Lu})", " ").replace('_', ' ').strip().toLowerCase(Locale.ROOT);
        return words.isEmpty() ? transform.label().toLowerCase(Locale.ROOT) : words;
    }

    private static String fill(String template, Match match) {
        if (template == null) {
            return null;
        }
        return template.replace("{category}", match.category())
            .replace("{ratio}", String.format(Locale.ROOT, "%.1f", match.index() / 100))
            .replace("{feature}", match.transform().label().toLowerCase(Locale.ROOT));
    }

}
