package io.customersegments.preparation;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Short labels for segment names: "Annual Income (k$)" is "Income", "Spending Score (1-100)" is "Spending". */
public final class FeatureLabels {

    private static final Set<String> FILLER = Set.of("annual", "score", "total", "average", "avg", "mean", "number",
            "of", "count", "the", "per", "in", "usd", "eur");

    private FeatureLabels() {
    }

    public static String label(String headerName) {
        String withoutUnits = headerName.replaceAll("\\(.*?\\)|\\[.*?]", " ");
        String[] words = withoutUnits.replaceAll("[_\\-]+", " ")
            .replaceAll("(?<=\\p{Ll})(?=\\p{Lu})", " ")
            .trim()
            .split("\\s+");
        String label = Arrays.stream(words)
            .filter(word -> !word.isBlank() && !FILLER.contains(word.toLowerCase(Locale.ROOT)))
            .map(word -> Character.toUpperCase(word.charAt(0)) + word.substring(1).toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(" "));
        return label.isEmpty() ? headerName.strip() : label;
    }

}
