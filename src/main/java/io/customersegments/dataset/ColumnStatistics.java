package io.customersegments.dataset;

import java.util.ArrayList;
import java.util.List;

/**
 * The statistics of a dataset's columns, kept row by row as the rows are stored, and what they add up
 * to: the column catalogue, the columns' lines of the quality report, and the column summaries.
 */
final class ColumnStatistics {

    private static final int TOP_VALUES = 10;

    private final List<ColumnPlan> plans;

    private final NumericStatistics[] numeric;

    private final CategoricalStatistics[] categorical;

    private long rows;

    ColumnStatistics(List<ColumnPlan> plans, UploadSettings settings) {
        this.plans = plans;
        int numericSlots = (int) plans.stream().filter(ColumnPlan::isNumericSlot).count();
        int categoricalSlots = (int) plans.stream().filter(p -> p.role() == ColumnRole.CATEGORICAL).count();
        this.numeric = new NumericStatistics[numericSlots];
        this.categorical = new CategoricalStatistics[categoricalSlots];
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8, settings.exactStatisticsValues() / Math.max(1, numericSlots));
        for (int slot = 0; slot < numericSlots; slot++) {
            numeric[slot] = new NumericStatistics(capacity, slot);
        }
        for (int slot = 0; slot < categoricalSlots; slot++) {
            categorical[slot] = new CategoricalStatistics(settings.maxTrackedCategories());
        }
    }

    int numericSlots() {
        return numeric.length;
    }

    int categoricalSlots() {
        return categorical.length;
    }

    /** Counts one stored row: NaN and null are missing values. */
    void add(double[] numericValues, String[] categoricalValues) {
        rows++;
        for (int slot = 0; slot < numericValues.length; slot++) {
            if (Double.isNaN(numericValues[slot])) {
                numeric[slot].addMissing();
            }
            else {
                numeric[slot].add(numericValues[slot]);
            }
        }
        for (int slot = 0; slot < categoricalValues.length; slot++) {
            if (categoricalValues[slot] == null) {
                categorical[slot].addMissing();
            }
            else {
                categorical[slot].add(categoricalValues[slot]);
            }
        }
    }

    /** What the rows add up to (sorting every kept value): may run on another thread, once all rows are added. */
    Summary summarize() {
        List<DatasetColumn> columns = new ArrayList<>();
        List<ColumnQuality> quality = new ArrayList<>();
        List<ColumnSummaries.Numeric> numericSummaries = new ArrayList<>();
        List<ColumnSummaries.Categorical> categoricalSummaries = new ArrayList<>();
        List<ColumnSummaries.Date> dateSummaries = new ArrayList<>();
        NumericStatistics.Summary[] numericBySlot = new NumericStatistics.Summary[numeric.length];
        for (ColumnPlan plan : plans) {
            switch (plan.role()) {
                case ID -> {
                    columns.add(new DatasetColumn(plan.name(), plan.key(), ColumnRole.ID, null, null, 0, rows, true));
                    quality.add(new ColumnQuality(plan.name(), plan.key(), ColumnRole.ID, 0, rows, null, null, null));
                }
                case CATEGORICAL -> {
                    CategoricalStatistics.Summary s = categorical[plan.slot()].summarize(TOP_VALUES);
                    columns.add(new DatasetColumn(plan.name(), plan.key(), plan.role(), plan.slot(), null, s.missing(),
                            s.distinct(), s.exact()));
                    quality.add(new ColumnQuality(plan.name(), plan.key(), plan.role(), s.missing(), s.distinct(), null,
                            null, null));
                    categoricalSummaries.add(new ColumnSummaries.Categorical(plan.name(), plan.key(), s.count(),
                            s.missing(), s.distinct(), s.exact(), s.topValues()));
                }
                case NUMERIC, DATE -> {
                    NumericStatistics.Summary s = numeric[plan.slot()].summarize();
                    numericBySlot[plan.slot()] = s;
                    boolean date = plan.role() == ColumnRole.DATE;
                    String format = date ? plan.dateFormat().display() : null;
                    columns.add(new DatasetColumn(plan.name(), plan.key(), plan.role(), plan.slot(), format, s.missing(),
                            s.distinct(), s.exact()));
                    quality.add(new ColumnQuality(plan.name(), plan.key(), plan.role(), s.missing(), s.distinct(),
                            date ? DateFormat.isoDateTime(s.min()) : s.min(), date ? DateFormat.isoDateTime(s.max()) : s.max(),
                            date ? null : s.outliers()));
                    if (date) {
                        dateSummaries.add(new ColumnSummaries.Date(plan.name(), plan.key(), s.count(), s.missing(),
                                s.distinct(), DateFormat.isoDateTime(s.min()), DateFormat.isoDateTime(s.median()),
                                DateFormat.isoDateTime(s.max()), format));
                    }
                    else {
                        numericSummaries.add(new ColumnSummaries.Numeric(plan.name(), plan.key(), s.count(),
                                s.missing(), s.distinct(), s.mean(), s.std(), s.min(), s.p25(), s.median(), s.p75(),
                                s.max(), s.outliers(), s.exact()));
                    }
                }
            }
        }
        return new Summary(List.copyOf(columns), List.copyOf(quality),
                new ColumnSummaries(numericSummaries, categoricalSummaries, dateSummaries), numericBySlot);
    }

    /** @param numericBySlot per numeric slot (numbers and dates), the column's statistics */
    record Summary(List<DatasetColumn> columns, List<ColumnQuality> quality, ColumnSummaries summaries,
            NumericStatistics.Summary[] numericBySlot) {
    }

}
