package io.customersegments.preparation;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.customersegments.dataset.Quantiles;

/**
 * The population stability index of a feature between the data a model was trained on (expected) and data it
 * scores (actual): the sum over bins of (actual share - expected share) · ln(actual share / expected share). Numeric
 * features are cut at the deciles of the expected values (right-closed bins, as pandas' qcut), with one more bin for
 * missing values; a categorical feature's bins are its categories. Shares are floored at 0.0001 so an empty bin counts
 * as rare, not infinite. Common reading: below 0.1 stable, 0.1 to 0.2 a moderate shift, 0.2 and above a significant
 * one. Hand-written: no library we use computes it.
 */
public final class PopulationStability {

    /** Bins of a numeric feature (at most: equal deciles merge). */
    static final int BINS = 10;

    private static final double FLOOR = 1e-4;

    private PopulationStability() {
    }

    /** Of a numeric feature: its values on both sides, NaN for missing. */
    public static double numeric(double[] expected, double[] actual) {
        double[] known = Arrays.stream(expected).filter(value -> !Double.isNaN(value)).sorted().toArray();
        double[] edges = known.length == 0 ? new double[0]
                : java.util.stream.IntStream.range(1, BINS)
                    .mapToDouble(q -> Quantiles.sorted(known, known.length, (double) q / BINS))
                    .distinct()
                    .toArray();
        return index(counts(expected, edges), expected.length, counts(actual, edges), actual.length);
    }

    /** Of a categorical feature: how many customers each category has on both sides. */
    public static double categorical(Map<String, Long> expected, Map<String, Long> actual) {
        Set<String> categories = new HashSet<>(expected.keySet());
        categories.addAll(actual.keySet());
        long[] e = new long[categories.size()];
        long[] a = new long[categories.size()];
        int bin = 0;
        for (String category : categories) {
            e[bin] = expected.getOrDefault(category, 0L);
            a[bin] = actual.getOrDefault(category, 0L);
            bin++;
        }
        return index(e, Arrays.stream(e).sum(), a, Arrays.stream(a).sum());
    }

    /** Per bin: the bins between the edges, then the missing values. */
    private static long[] counts(double[] values, double[] edges) {
        long[] counts = new long[edges.length + 2];
        for (double value : values) {
            if (Double.isNaN(value)) {
                counts[edges.length + 1]++;
                continue;
            }
            // The number of edges below the value: equal to an edge falls in the bin that edge closes.
            int position = Arrays.binarySearch(edges, value);
            counts[position >= 0 ? position : -position - 1]++;
        }
        return counts;
    }

    private static double index(long[] expected, long expectedTotal, long[] actual, long actualTotal) {
        if (expectedTotal == 0 || actualTotal == 0) {
            return 0;
        }
        double psi = 0;
        for (int bin = 0; bin < expected.length; bin++) {
            if (expected[bin] == 0 && actual[bin] == 0) {
                continue;
            }
            double e = Math.max(FLOOR, (double) expected[bin] / expectedTotal);
            double a = Math.max(FLOOR, (double) actual[bin] / actualTotal);
            psi += (a - e) * Math.log(a / e);
        }
        return psi;
    }

}
