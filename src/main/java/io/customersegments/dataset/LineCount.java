package io.customersegments.dataset;

import java.util.List;

/**
 * How many lines of an upload one cleaning rule applied to, with the first few as examples.
 *
 * @param count lines the rule applied to
 * @param exampleLines the first of them, by line number in the file
 */
record LineCount(long count, List<Long> exampleLines) {

    static final int EXAMPLES = 5;

    static final LineCount NONE = new LineCount(0, List.of());

}
