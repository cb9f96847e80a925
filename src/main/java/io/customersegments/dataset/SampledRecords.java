package io.customersegments.dataset;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * What both importers (customer tables and order lines) do with a file's first records and its broken rows: the
 * records that decide the columns' types or layout, bounded in rows and in characters, and the refusal of a row an
 * unclosed quote has run on into the rows after it.
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

    /**
     * Refuses the upload at a row whose quoted value runs over several lines and leaves it with another number of
     * fields than the header: a closing quote is missing, and the value has swallowed the rows after it (perhaps to the
     * end of the file), which rejecting this one "row" would lose quietly.
     */
    static void refuseUnclosedQuote(RawRecord record, int headerFields, String rows) {
        if (record.fields() != headerFields && record.spansLines()) {
            String reason = "a quoted value runs over several lines and leaves the " + rows + " with " + record.fields()
                    + " fields instead of " + headerFields + " as in the header";
            throw new InvalidCsvException("The file is not valid CSV at line " + record.line() + ": " + reason
                    + ". Is a closing quote missing, or a quote inside a value not doubled? Nothing was stored.",
                    new RowError(record.line(), null, reason));
        }
    }

}
