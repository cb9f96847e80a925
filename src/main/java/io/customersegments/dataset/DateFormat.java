package io.customersegments.dataset;

import java.nio.CharBuffer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * The date layouts a DATE column may use, in the order inference tries them: where a value reads
 * both ways (04-09-2012), day-first wins for dashes and month-first for slashes, as in the files
 * this service receives. Times are optional; values are stored as seconds since the epoch, read as UTC.
 */
enum DateFormat implements DateLayout {

    ISO("uuuu-MM-dd", "yyyy-MM-dd[ HH:mm[:ss]]", true),
    YEAR_MONTH_DAY_SLASH("uuuu/M/d", "yyyy/M/d[ H:mm[:ss]]", false),
    DAY_MONTH_YEAR_DASH("d-M-uuuu", "dd-MM-yyyy[ H:mm[:ss]]", false),
    MONTH_DAY_YEAR_DASH("M-d-uuuu", "MM-dd-yyyy[ H:mm[:ss]]", false),
    MONTH_DAY_YEAR_SLASH("M/d/uuuu", "M/d/yyyy[ H:mm[:ss]]", false),
    DAY_MONTH_YEAR_SLASH("d/M/uuuu", "d/M/yyyy[ H:mm[:ss]]", false),
    DAY_MONTH_YEAR_DOT("d.M.uuuu", "d.M.yyyy[ H:mm[:ss]]", false);

    private final DateTimeFormatter formatter;

    private final String display;

    DateFormat(String datePattern, String display, boolean isoTimeSeparator) {
        DateTimeFormatterBuilder builder = new DateTimeFormatterBuilder().appendPattern(datePattern).optionalStart();
        if (isoTimeSeparator) {
            builder.optionalStart().appendLiteral('T').optionalEnd().optionalStart().appendLiteral(' ').optionalEnd();
        }
        else {
            builder.appendLiteral(' ');
        }
        this.formatter = builder.appendValue(ChronoField.HOUR_OF_DAY, 1, 2, java.time.format.SignStyle.NOT_NEGATIVE)
            .appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart()
            .appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd()
            .optionalEnd()
            .optionalEnd()
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);
        this.display = display;
    }

    @Override
    public String display() {
        return display;
    }

    @Override
    public double parseEpochSeconds(char[] chars, int offset, int length) {
        if (length < 6 || !Character.isDigit(chars[offset])) {
            return Double.NaN;
        }
        TemporalAccessor fields = DateLayout.readWhole(formatter, CharBuffer.wrap(chars, offset, length));
        if (fields == null) {
            return Double.NaN;
        }
        try {
            // The fields read are resolved here, as the STRICT resolver would (every field in its range, the day in
            // its month): a second, resolving parse of the same text cost as much again.
            LocalDate date = LocalDate.of(fields.get(ChronoField.YEAR), fields.get(ChronoField.MONTH_OF_YEAR),
                    fields.get(ChronoField.DAY_OF_MONTH));
            long seconds = date.toEpochDay() * 86_400L;
            if (fields.isSupported(ChronoField.HOUR_OF_DAY)) {
                LocalTime time = LocalTime.of(fields.get(ChronoField.HOUR_OF_DAY), fields.get(ChronoField.MINUTE_OF_HOUR),
                        value(fields, ChronoField.SECOND_OF_MINUTE), value(fields, ChronoField.NANO_OF_SECOND));
                seconds += time.toSecondOfDay();
            }
            return seconds;
        }
        catch (DateTimeException ex) {
            // Read, but the fields make no date (the 30th of February, hour 25): the caller counts it as unparseable.
            return Double.NaN;
        }
    }

    /** The field's value, or 0 when the text did not have it (an optional part). */
    private static int value(TemporalAccessor fields, ChronoField field) {
        return fields.isSupported(field) ? fields.get(field) : 0;
    }

    /** Seconds since the epoch as an ISO-8601 local date-time (2012-09-04T08:26), or null. */
    static String isoDateTime(Double epochSeconds) {
        return epochSeconds == null ? null
                : LocalDateTime.ofEpochSecond(Math.round(epochSeconds), 0, ZoneOffset.UTC).toString();
    }

}
