package io.customersegments.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.customersegments.preparation.FeatureTransform;

/**
 * The marketing playbook, kept as data (playbook.yml): concepts recognised in feature keys, rules
 * that match a segment's levels on those concepts to recommendations, and fallbacks per level for
 * features no rule knows.
 *
 * @param concepts per concept (income, spending, ...), the words that identify it in a feature key
 * @param rules the rules, each with its conditions (concept to level) and recommendations
 * @param fallback per level, a recommendation template where {feature} stands for the feature's label
 * @param fixed per key of a segment that a recipe defines (the RFM segments: champions, at-risk, ...), its
 *        recommendations
 * @param preferences rules on what a segment prefers, by feature-name patterns and index thresholds
 */
public record Playbook(Map<String, List<String>> concepts, List<Rule> rules, Map<Level, Recommendation> fallback,
        Map<String, List<Recommendation>> fixed, List<Preference> preferences) {

    public Playbook {
        preferences = preferences == null ? List.of() : List.copyOf(preferences);
    }

    /** The recommendations for a recipe's segment, by its key; none when the playbook has none for it. */
    List<Recommendation> recommendFixed(String key) {
        return fixed == null ? List.of() : fixed.getOrDefault(key, List.of());
    }

    record Rule(Map<String, Level> when, List<Recommendation> recommendations) {
    }

    /**
     * The recommendations for a segment: those of its preferences (what it over- or under-indexes on), then every
     * matching rule's, most specific rule first; else the fallbacks.
     */
    List<Recommendation> recommend(SegmentProfile segment, List<FeatureTransform> transforms) {
        Map<String, Level> levels = new HashMap<>();
        for (FeatureTransform transform : transforms) {
            String concept = concept(transform.key());
            if (concept != null) {
                levels.putIfAbsent(concept, segment.profile().get(transform.feature()).level());
            }
        }
        Set<Recommendation> chosen = new LinkedHashSet<>();
        preferences.forEach(preference -> preference.recommend(segment, transforms).ifPresent(chosen::add));
        rules.stream()
            .filter(rule -> rule.when().entrySet().stream().allMatch(c -> c.getValue() == levels.get(c.getKey())))
            .sorted(Comparator.comparingInt((Rule rule) -> -rule.when().size()))
            .forEach(rule -> chosen.addAll(rule.recommendations()));
        if (chosen.isEmpty()) {
            SegmentNamer.ranked(segment).limit(2).forEach(j -> {
                FeatureTransform transform = transforms.get(j);
                Recommendation template = fallback.get(segment.profile().get(transform.feature()).level());
                if (template != null) {
                    chosen.add(new Recommendation(fill(template.action(), transform), template.channel(),
                            fill(template.rationale(), transform)));
                }
            });
        }
        return new ArrayList<>(chosen);
    }

    private String concept(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return concepts.entrySet()
            .stream()
            .filter(entry -> entry.getValue().stream().anyMatch(lower::contains))
            .map(Map.Entry::getKey)
            .findFirst()
            .orElse(null);
    }

    private static String fill(String template, FeatureTransform transform) {
        return template.replace("{feature}", transform.label().toLowerCase(Locale.ROOT));
    }

}
