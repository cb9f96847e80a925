package io.customersegments.dataset;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values that were read but look wrong, checked row by row as a customer file is stored: outside the
 * range a column's name declares ("Spending Score (1-100)"), ages of 0 or below or above 110, birth years
 * before 1900, dates in the future, and (once the quartiles are known) values far beyond the IQR fences.
 * Each check counts and keeps its first lines; the values stay stored as they are.
 */
final class ValueChecks {

    static final int EXAMPLE_LINES = 5;

    /** "Spending Score (1-100)", "Rating [0 - 5]", "Score (1 to 10)". */
    private static final Pattern DECLARED_RANGE = Pattern.compile(
            "[(\\[]\\s*(-?\\d+(?:\\.\\d+)?)\\s*(?:-|–|to)\\s*(-?\\d+(?:\\.\\d+)?)\\s*[)\\]]");

    /** Tukey's "far out": beyond three interquartile ranges from the quartiles. */
    static final double EXTREME_IQR = 3;

    private static final double MAX_AGE = 110;

    private static final List<String> TIME_UNITS = List.of("days", "day", "weeks", "week", "months", "month", "hours",
            "hour", "minutes", "seconds", "mins", "hrs");

    private static final double EARLIEST_BIRTH_YEAR = 1900;

    /** A day of slack for time zones before a date counts as in the future. */
    private static final long FUTURE_SLACK_SECONDS = 86_400;

    private final List<Check> checks = new ArrayList<>();

    /** Per numeric slot, the most extreme values seen with their lines, for the far-out outliers' examples. */
    private final Extremes[] extremes;

    private final List<ColumnPlan> numericPlans;

    ValueChecks(List<ColumnPlan> plans, int numericSlots, Instant now) {
        this.extremes = new Extremes[numericSlots];
        this.numericPlans = new ArrayList<>();
        for (ColumnPlan plan : plans) {
            if (plan.role() == ColumnRole.NUMERIC) {
                extremes[plan.slot()] = new Extremes();
                numericPlans.add(plan);
                rulesFor(plan);
            }
            else if (plan.role() == ColumnRole.DATE) {
                double latest = now.getEpochSecond() + FUTURE_SLACK_SECONDS;
                checks.add(new Check(plan, "FUTURE_DATE", value -> value > latest,
                        "dates in the future (after " + DateFormat.isoDateTime((double) now.getEpochSecond()) + ")"));
            }
        }
    }

    private void rulesFor(ColumnPlan plan) {
        Matcher range = DECLARED_RANGE.matcher(plan.name());
        if (range.find()) {
            double low = Double.parseDouble(range.group(1));
            double high = Double.parseDouble(range.group(2));
            // "Spend (2019-2020)" names years, not a range of values.
            boolean years = low >= 1000 && high <= 2999 && low == Math.rint(low) && high == Math.rint(high);
            if (low < high && !years) {
                checks.add(new Check(plan, "OUTSIDE_DECLARED_RANGE", value -> value < low || value > high,
                        "values outside the range " + number(low) + " to " + number(high) + " its name declares"));
            }
        }
        List<String> words = Arrays.asList(plan.key().split("_"));
        // "Account Age (days)" is an age of something else, in other units.
        if (words.contains("age") && TIME_UNITS.stream().noneMatch(words::contains)) {
            checks.add(new Check(plan, "IMPLAUSIBLE_AGE", value -> value <= 0 || value > MAX_AGE,
                    "ages of 0 or below, or above " + number(MAX_AGE)));
        }
        if (words.contains("yob") || words.contains("birth") && (words.contains("year") || words.contains("yr"))) {
            checks.add(new Check(plan, "BIRTH_YEAR_BEFORE_1900", value -> value < EARLIEST_BIRTH_YEAR,
                    "birth years before " + number(EARLIEST_BIRTH_YEAR)));
        }
    }

    /** Checks one stored row's numbers and dates (NaN: missing). */
    void check(long line, double[] numeric) {
        for (Check check : checks) {
            double value = numeric[check.plan.slot()];
            if (!Double.isNaN(value) && check.rule.test(value)) {
                check.found(line);
            }
        }
        for (ColumnPlan plan : numericPlans) {
            double value = numeric[plan.slot()];
            if (!Double.isNaN(value)) {
                extremes[plan.slot()].offer(value, line);
            }
        }
    }

    /**
     * The warnings, once every row is checked.
     *
     * @param numericSummaries per numeric slot, the column's summary (quartiles and far-out counts)
     */
    List<ValueWarning> warnings(NumericStatistics.Summary[] numericSummaries) {
        List<ValueWarning> warnings = new ArrayList<>();
        for (ColumnPlan plan : numericPlans) {
            NumericStatistics.Summary summary = numericSummaries[plan.slot()];
            if (summary.farOut() == null || summary.farOut() == 0) {
                continue;
            }
            double p25 = summary.p25();
            double p75 = summary.p75();
            double iqr = p75 - p25;
            double low = p25 - EXTREME_IQR * iqr;
            double high = p75 + EXTREME_IQR * iqr;
            List<Long> lines = extremes[plan.slot()].linesBeyond(low, high);
            warnings.add(new ValueWarning(plan.name(), plan.key(), "EXTREME_OUTLIER", summary.farOut(), lines,
                    String.format(Locale.ROOT, "Column \"%s\": %,d %s far beyond the usual range (below %s or above %s, "
                            + "three interquartile ranges from the quartiles), e.g. on line %s; check for typing errors or "
                            + "placeholder values, and consider outliers CLIP or DROP in runs.", plan.name(),
                            summary.farOut(), summary.farOut() == 1 ? "value lies" : "values lie", number(low),
                            number(high), lines.isEmpty() ? "?" : lines.get(0))));
        }
        for (Check check : checks) {
            if (check.count > 0) {
                warnings.add(new ValueWarning(check.plan.name(), check.plan.key(), check.kind, check.count,
                        List.copyOf(check.lines), String.format(Locale.ROOT, "Column \"%s\": %,d %s, e.g. on line %d.",
                                check.plan.name(), check.count, check.count == 1 ? singular(check.what) : check.what,
                                check.lines.get(0))));
            }
        }
        return List.copyOf(warnings);
    }

    private static String singular(String what) {
        return what.replaceFirst("^values ", "value ").replaceFirst("^dates ", "date ").replaceFirst("^ages ", "age ")
            .replaceFirst("^birth years ", "birth year ");
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.format(Locale.ROOT, "%,d", (long) value)
                : String.format(Locale.ROOT, "%,.4g", value);
    }

    /** One rule on one column, with its count and first lines. */
    private static final class Check {

        final ColumnPlan plan;

        final String kind;

        final java.util.function.DoublePredicate rule;

        final String what;

        final List<Long> lines = new ArrayList<>();

        long count;

        Check(ColumnPlan plan, String kind, java.util.function.DoublePredicate rule, String what) {
            this.plan = plan;
            this.kind = kind;
            this.rule = rule;
            this.what = what;
        }

        void found(long line) {
            count++;
            if (lines.size() < EXAMPLE_LINES) {
                lines.add(line);
            }
        }

    }

    /** The few largest and smallest values of a column with their lines, kept in bounded arrays. */
    private static final class Extremes {

        private final double[] highValues = new double[EXAMPLE_LINES];

        private final long[] highLines = new long[EXAMPLE_LINES];

        private final double[] lowValues = new double[EXAMPLE_LINES];

        private final long[] lowLines = new long[EXAMPLE_LINES];

        private int highs;

        private int lows;

        void offer(double value, long line) {
            highs = insert(highValues, highLines, highs, value, line, true);
            lows = insert(lowValues, lowLines, lows, value, line, false);
        }

        /** Keeps the array sorted most extreme first; answers the new count. */
        private static int insert(double[] values, long[] lines, int size, double value, long line, boolean high) {
            int at = size;
            while (at > 0 && (high ? value > values[at - 1] : value < values[at - 1])) {
                at--;
            }
            if (at >= EXAMPLE_LINES) {
                return size;
            }
            int moved = Math.min(size, EXAMPLE_LINES - 1) - at;
            System.arraycopy(values, at, values, at + 1, moved);
            System.arraycopy(lines, at, lines, at + 1, moved);
            values[at] = value;
            lines[at] = line;
            return Math.min(size + 1, EXAMPLE_LINES);
        }

        List<Long> linesBeyond(double low, double high) {
            List<Long> lines = new ArrayList<>();
            for (int i = 0; i < highs; i++) {
                if (highValues[i] > high) {
                    lines.add(highLines[i]);
                }
            }
            for (int i = 0; i < lows; i++) {
                if (lowValues[i] < low && !lines.contains(lowLines[i])) {
                    lines.add(lowLines[i]);
                }
            }
            lines.sort(null);
            return lines.size() > EXAMPLE_LINES ? List.copyOf(lines.subList(0, EXAMPLE_LINES)) : List.copyOf(lines);
        }

    }

}
