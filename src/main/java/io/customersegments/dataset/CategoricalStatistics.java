package io.customersegments.dataset;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Streaming statistics of one categorical column: exact counts per value until the column has more
 * distinct values than are tracked, then a sketch for the distinct count (top values stay the
 * counts of the values tracked so far).
 */
final class CategoricalStatistics {

    private static final int MAX_TRACKED_LENGTH = 256;

    private final int maxTracked;

    private final Map<String, long[]> counts = new HashMap<>();

    private final DistinctCounter distinctSketch = new DistinctCounter();

    private boolean overflowed;

    private long count;

    private long missing;

    CategoricalStatistics(int maxTracked) {
        this.maxTracked = maxTracked;
    }

    void addMissing() {
        missing++;
    }

    void add(String value) {
        count++;
        long[] counter = counts.get(value);
        if (counter != null) {
            // The sketch saw this value when it was first counted, and seeing it again would change nothing.
            counter[0]++;
            return;
        }
        distinctSketch.addText(value);
        if (!overflowed && counts.size() < maxTracked && value.length() <= MAX_TRACKED_LENGTH) {
            counts.put(value, new long[] { 1 });
        }
        else {
            overflowed = true;
        }
    }

    Summary summarize(int topValues) {
        List<ValueCount> top = counts.entrySet()
            .stream()
            .sorted(Comparator.comparingLong((Map.Entry<String, long[]> entry) -> -entry.getValue()[0])
                .thenComparing(Map.Entry::getKey))
            .limit(topValues)
            .map(entry -> new ValueCount(entry.getKey(), entry.getValue()[0]))
            .toList();
        long distinct = overflowed ? Math.max(counts.size(), Math.min(count, distinctSketch.estimate())) : counts.size();
        return new Summary(count, missing, distinct, !overflowed, top);
    }

    record Summary(long count, long missing, long distinct, boolean exact, List<ValueCount> topValues) {
    }

}
