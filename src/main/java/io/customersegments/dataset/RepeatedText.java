package io.customersegments.dataset;

import java.util.Arrays;

/**
 * The text of a field that usually repeats the line before (an order's lines share its id, customer and country):
 * the last value's string is handed out again while the characters are the same, so that repeated lines make no new
 * strings and the sets and maps they go to compare them by identity first.
 */
final class RepeatedText {

    private char[] last = new char[0];

    private String text;

    /** The text of {@code length} characters at {@code start}. */
    String of(char[] chars, int start, int length) {
        if (this.text != null && length == this.last.length
                && Arrays.equals(this.last, 0, length, chars, start, start + length)) {
            return this.text;
        }
        this.last = Arrays.copyOfRange(chars, start, start + length);
        this.text = new String(this.last);
        return this.text;
    }

}
