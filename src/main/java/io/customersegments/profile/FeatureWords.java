package io.customersegments.profile;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Plain words for a feature in names and descriptions: "Older" rather than "High Age", "Wines Spend" for
 * {@code MntWines}, "Web Purchases" for {@code NumWebPurchases}.
 */
final class FeatureWords {

    /** Features whose levels read better as words of their own: label word, then LOW, MODERATE and HIGH. */
    private static final List<String[]> OWN_WORDS = List.of(
            new String[] { "age", "Younger", "Middle-aged", "Older" },
            new String[] { "recency", "Recent", "Cooling", "Lapsed" },
            new String[] { "tenure", "Newer", "Established", "Long-standing" },
            new String[] { "frequency", "Infrequent Buyers", "Regular Buyers", "Frequent Buyers" },
            new String[] { "children", "Fewer Children", "Some Children", "More Children" });

    private FeatureWords() {
    }

    /** The feature at a level, as a name part: "Older", "High Income". */
    static String atLevel(String label, Level level) {
        List<String> words = words(label);
        for (String[] own : OWN_WORDS) {
            if (words.contains(own[0])) {
                return own[level.ordinal() + 1];
            }
        }
        return level.word() + " " + noun(label);
    }

    /** The feature as a noun: "Wines Spend" for "Mnt Wines", "Web Purchases" for "Num Web Purchases", "Spend" for "Monetary". */
    static String noun(String label) {
        if (label.startsWith("Mnt ")) {
            return label.substring(4) + " Spend";
        }
        if (label.startsWith("Num ")) {
            return label.substring(4);
        }
        if (label.equalsIgnoreCase("monetary")) {
            return "Spend";
        }
        return label;
    }

    private static List<String> words(String label) {
        return Arrays.stream(label.toLowerCase(Locale.ROOT).split("[^a-z]+")).toList();
    }

}
