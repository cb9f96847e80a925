package io.customersegments.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import io.customersegments.preparation.FeatureTransform;

/**
 * A segment's features against the average customer, by their index (segment mean / population mean × 100):
 * the strongest over- and under-indexed ones, in words a marketer reads ("2.4× the average wines spend").
 */
final class SegmentIndexes {

    /** Indexes at or beyond these count as over- or under-indexed. */
    static final double OVER = 120;

    static final double UNDER = 80;

    private static final int MOST_OVER = 3;

    private static final int MOST_UNDER = 2;

    private SegmentIndexes() {
    }

    /** A numeric feature's index in a segment. */
    record Indexed(FeatureTransform transform, double index) {

        double ratio() {
            return index / 100;
        }

        String words() {
            return String.format(Locale.ROOT, "%s× the average %s", ratio() >= 10 ? String.format(Locale.ROOT, "%.0f",
                    ratio()) : String.format(Locale.ROOT, "%.1f", ratio()),
                    FeatureWords.noun(transform.label()).toLowerCase(Locale.ROOT));
        }

    }

    /** The features with an index, most over-indexed first. */
    static List<Indexed> indexed(SegmentProfile segment, List<FeatureTransform> transforms) {
        List<Indexed> indexed = new ArrayList<>();
        for (FeatureTransform transform : transforms) {
            FeatureProfile profile = segment.profile().get(transform.feature());
            if (profile != null && profile.index() != null) {
                indexed.add(new Indexed(transform, profile.index()));
            }
        }
        indexed.sort(Comparator.comparingDouble(Indexed::index).reversed());
        return indexed;
    }

    /** "Against the average customer: 2.4× the average wines spend, ...; only 0.3× the average web purchases." or "". */
    static String comparison(SegmentProfile segment, List<FeatureTransform> transforms) {
        List<Indexed> indexed = indexed(segment, transforms);
        List<String> over = indexed.stream().filter(i -> i.index() >= OVER).limit(MOST_OVER).map(Indexed::words).toList();
        List<String> under = indexed.stream()
            .sorted(Comparator.comparingDouble(Indexed::index))
            .filter(i -> i.index() <= UNDER)
            .limit(MOST_UNDER)
            .map(Indexed::words)
            .toList();
        if (over.isEmpty() && under.isEmpty()) {
            return indexed.isEmpty() ? "" : "Close to the average customer on every feature.";
        }
        StringBuilder text = new StringBuilder("Against the average customer: ");
        text.append(String.join(", ", over));
        if (!under.isEmpty()) {
            text.append(over.isEmpty() ? "only " : "; only ").append(String.join(", ", under));
        }
        return text.append('.').toString();
    }

}
