package io.customersegments.dataset;

import java.nio.CharBuffer;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;

/** Dates written in a {@link DateTimeFormatter} pattern the uploader gave (dateFormat=yyyyMMdd), with or without a time. */
final class PatternDateLayout implements DateLayout {

    /** Compact dates (19970101) that look like numbers: found by inference when a column's values all read so. */
    static final PatternDateLayout COMPACT = new PatternDateLayout("yyyyMMdd", "dateFormat");

    private final DateTimeFormatter formatter;

    private final String pattern;

    /**
     * @throws InvalidUploadParameterException when the pattern is not a valid {@link DateTimeFormatter} pattern
     */
    PatternDateLayout(String pattern, String parameter) {
        try {
            this.formatter = DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidUploadParameterException(parameter, parameter + " \"" + pattern
                    + "\" is not a valid date pattern (" + ex.getMessage() + "); write it as Java's DateTimeFormatter "
                    + "does, e.g. yyyyMMdd, dd/MM/yyyy or yyyy-MM-dd HH:mm:ss.");
        }
        this.pattern = pattern;
    }

    @Override
    public double parseEpochSeconds(char[] chars, int offset, int length) {
        CharBuffer text = CharBuffer.wrap(chars, offset, length);
        if (DateLayout.readWhole(formatter, text) == null) {
            return Double.NaN;
        }
        try {
            // Read, but the fields may still not make a date (the 30th of February): that rare case throws.
            TemporalAccessor parsed = formatter.parse(text);
            // Queries, not LocalDateTime.from: a pattern without a time would throw (and catch) an exception a value.
            LocalDate date = parsed.query(TemporalQueries.localDate());
            if (date == null) {
                return Double.NaN;
            }
            LocalTime time = parsed.query(TemporalQueries.localTime());
            return (time == null ? date.atStartOfDay() : date.atTime(time)).toEpochSecond(ZoneOffset.UTC);
        }
        catch (DateTimeParseException ex) {
            // Not a date in this pattern: the caller rejects the line and reports it, nothing else to say here.
            return Double.NaN;
        }
    }

    @Override
    public String display() {
        return pattern;
    }

}
