package io.customersegments.dataset;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The first records of a file, on which both importers (customer tables and order lines) decide the columns' types or
 * layout: bounded in rows and in characters.
 */
final class SampledRecords {

    /** The characters the sampled records may hold together (16 MB of chars). */
    static final long MAX_CHARS = 8L << 20;

    private SampledRecords() {
    }

    /**
     * Copies of the first records, at most {@code maxRows} of them, fewer when they reach {@link #MAX_CHARS}
     * characters: 10 rows of 15 MB fields would otherwise hold 300 MB until the types are decided.
     */
    static List<RawRecord> first(Iterator<RawRecord> records, int maxRows) {
        List<RawRecord> sample = new ArrayList<>();
        long chars = 0;
        while (sample.size() < maxRows && chars < MAX_CHARS && records.hasNext()) {
            RawRecord copy = records.next().copy();
            chars += copy.length();
            sample.add(copy);
        }
        return sample;
    }

}
