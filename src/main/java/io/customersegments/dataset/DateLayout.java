package io.customersegments.dataset;

/** How the dates of a column are written: one of the inferred {@link DateFormat}s, or a pattern the uploader gave. */
interface DateLayout {

    /** Seconds since 1970-01-01T00:00 (read as UTC), or NaN when the text is not a date in this layout. */
    double parseEpochSeconds(char[] chars, int offset, int length);

    /** How the layout is shown to users, e.g. {@code dd-MM-yyyy[ H:mm[:ss]]}. */
    String display();

}
