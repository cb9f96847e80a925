package io.customersegments.dataset;

import java.util.List;
import java.util.stream.Stream;

/**
 * How many lines of an upload one cleaning rule applied to, with the first few as examples.
 *
 * @param count lines the rule applied to
 * @param exampleLines the first of them, by line number in the file
 */
record LineCount(long count, List<Long> exampleLines) {

    static final int EXAMPLES = 5;

    static final LineCount NONE = new LineCount(0, List.of());

    /** The lines of both counts, with the first examples of both. */
    LineCount plus(LineCount other) {
        List<Long> first = Stream.concat(exampleLines.stream(), other.exampleLines.stream()).sorted()
            .limit(EXAMPLES).toList();
        return new LineCount(count + other.count, first);
    }

}
