package io.customersegments.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;

class DateLayoutTests {

    private static double seconds(DateLayout layout, String text) {
        char[] chars = ("##" + text + "##").toCharArray();
        return layout.parseEpochSeconds(chars, 2, text.length());
    }

    private static double at(int year, int month, int day, int hour, int minute, int second) {
        return LocalDateTime.of(year, month, day, hour, minute, second).toEpochSecond(ZoneOffset.UTC);
    }

    @Test
    void everyLayoutReadsItsOwnDatesWithOrWithoutATime() {
        assertThat(seconds(DateFormat.ISO, "2011-01-03")).isEqualTo(at(2011, 1, 3, 0, 0, 0));
        assertThat(seconds(DateFormat.ISO, "2011-01-03 10:52")).isEqualTo(at(2011, 1, 3, 10, 52, 0));
        assertThat(seconds(DateFormat.ISO, "2011-01-03T10:52:07")).isEqualTo(at(2011, 1, 3, 10, 52, 7));
        assertThat(seconds(DateFormat.ISO, "2011-01-03 10:52:07.250")).isEqualTo(at(2011, 1, 3, 10, 52, 7));
        assertThat(seconds(DateFormat.ISO, "2012-02-29 23:59:59")).isEqualTo(at(2012, 2, 29, 23, 59, 59));
        assertThat(seconds(DateFormat.ISO, "1969-12-31 23:00")).isEqualTo(at(1969, 12, 31, 23, 0, 0));
        assertThat(seconds(DateFormat.YEAR_MONTH_DAY_SLASH, "2011/1/3 8:26")).isEqualTo(at(2011, 1, 3, 8, 26, 0));
        assertThat(seconds(DateFormat.DAY_MONTH_YEAR_DASH, "03-01-2011")).isEqualTo(at(2011, 1, 3, 0, 0, 0));
        assertThat(seconds(DateFormat.MONTH_DAY_YEAR_DASH, "01-03-2011 8:26")).isEqualTo(at(2011, 1, 3, 8, 26, 0));
        assertThat(seconds(DateFormat.MONTH_DAY_YEAR_SLASH, "12/1/2010 8:26")).isEqualTo(at(2010, 12, 1, 8, 26, 0));
        assertThat(seconds(DateFormat.DAY_MONTH_YEAR_SLASH, "13/1/2011")).isEqualTo(at(2011, 1, 13, 0, 0, 0));
        assertThat(seconds(DateFormat.DAY_MONTH_YEAR_DOT, "3.1.2011 23:59:59")).isEqualTo(at(2011, 1, 3, 23, 59, 59));
        assertThat(seconds(PatternDateLayout.COMPACT, "19970101")).isEqualTo(at(1997, 1, 1, 0, 0, 0));
        assertThat(seconds(new PatternDateLayout("dd/MM/yyyy HH:mm", "dateFormat"), "03/01/2011 10:52"))
            .isEqualTo(at(2011, 1, 3, 10, 52, 0));
        assertThat(seconds(new PatternDateLayout("yyyyMMdd HH", "dateFormat"), "19970101 07")).isEqualTo(at(1997, 1, 1, 7, 0, 0));
    }

    @Test
    void aPatternWithoutAWholeDateReadsNoDate() {
        assertThat(seconds(new PatternDateLayout("yyyyMM", "dateFormat"), "199701")).isNaN();
        assertThat(seconds(new PatternDateLayout("HH:mm", "dateFormat"), "10:52")).isNaN();
    }

    @Test
    void whatIsNotAWholeDateOfTheLayoutIsNaN() {
        for (String text : new String[] { "2011-01-03x", "2011-01-03 10", "2011-01-03 10:5", "12/1/2010 8:26", "2011-13-01",
                "2011-02-30", "2011-02-29", "20110103", "hello world", "2011-01-03 24:00", "2011-01-03 10:60",
                "2011-01-03 10:59:60", "2011-00-03", "2011-01-00" }) {
            assertThat(seconds(DateFormat.ISO, text)).as(text).isNaN();
        }
        assertThat(seconds(DateFormat.DAY_MONTH_YEAR_SLASH, "31/4/2011")).isNaN();
        assertThat(seconds(DateFormat.MONTH_DAY_YEAR_SLASH, "13/1/2011")).isNaN();
        for (String text : new String[] { "1997010", "199701011", "19970101 ", "1997-01-01" }) {
            assertThat(seconds(PatternDateLayout.COMPACT, text)).as(text).isNaN();
        }
    }

    @Test
    void aFormatterReadsTheWholeTextOrNot() {
        DateTimeFormatter compact = DateTimeFormatter.ofPattern("yyyyMMdd");
        assertThat(DateLayout.readWhole(compact, "19970101")).isNotNull();
        assertThat(DateLayout.readWhole(compact, "19970101x")).isNull();
        assertThat(DateLayout.readWhole(compact, "1997010")).isNull();
        assertThat(DateLayout.readWhole(compact, "abc")).isNull();
        // Read, although no such day: resolving the fields is the parse's part.
        assertThat(DateLayout.readWhole(compact, "19970230")).isNotNull();
    }

}
