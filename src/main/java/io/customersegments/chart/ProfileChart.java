package io.customersegments.chart;

import java.awt.Color;
import java.awt.Font;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.CategoryItemLabelGenerator;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;

import io.customersegments.profile.FeatureProfile;
import io.customersegments.run.ClusteredData;
import io.customersegments.run.SegmentView;

/**
 * Each segment's level on each feature: bars at the percentile of the segment's mean among all the
 * run's customers, on bands for the tertiles that make a level LOW, MODERATE or HIGH, each bar
 * labelled with the level the profile (and so the name) uses.
 */
final class ProfileChart {

    private static final double LOWER_TERTILE = 100.0 / 3;

    private static final double UPPER_TERTILE = 200.0 / 3;

    private ProfileChart() {
    }

    static JFreeChart draw(ClusteredData data) {
        List<SegmentView> segments = data.run().segments();
        List<String> features = data.run().numericFeatures();
        DefaultCategoryDataset percentiles = new DefaultCategoryDataset();
        FeatureProfile[][] profiles = new FeatureProfile[segments.size()][features.size()];
        for (int j = 0; j < features.size(); j++) {
            double[] population = column(data, j);
            for (int c = 0; c < segments.size(); c++) {
                SegmentView segment = segments.get(c);
                profiles[c][j] = segment.profile().get(features.get(j));
                percentiles.addValue(percentile(population, profiles[c][j].mean()), segment.name(), features.get(j));
            }
        }
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.04);
        for (int c = 0; c < segments.size(); c++) {
            renderer.setSeriesPaint(c, Charts.colour(c));
        }
        renderer.setDefaultItemLabelGenerator(new LevelLabels(profiles));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
        renderer.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12,
                TextAnchor.BOTTOM_CENTER));
        renderer.setDefaultToolTipGenerator((dataset, row, column) -> String.format(Locale.ROOT,
                "%s: %s mean %s (%s, percentile %.0f)", segments.get(row).name(), features.get(column),
                Charts.number(profiles[row][column].mean()), profiles[row][column].level(),
                dataset.getValue(row, column).doubleValue()));
        NumberAxis percentile = new NumberAxis("Percentile of the segment's mean among all customers");
        percentile.setRange(0, 108);
        CategoryPlot plot = new CategoryPlot(percentiles, new CategoryAxis("Feature"), percentile, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.addRangeMarker(band(0, LOWER_TERTILE, "LOW", new Color(0xe8eef7)), Layer.BACKGROUND);
        plot.addRangeMarker(band(LOWER_TERTILE, UPPER_TERTILE, "MODERATE", new Color(0xf4f4f4)), Layer.BACKGROUND);
        plot.addRangeMarker(band(UPPER_TERTILE, 100, "HIGH", new Color(0xfbeee3)), Layer.BACKGROUND);
        JFreeChart chart = new JFreeChart("Segment profiles: run " + data.run().id(), JFreeChart.DEFAULT_TITLE_FONT,
                plot, true);
        chart.addSubtitle(new TextTitle("Levels: the segment's mean below the population's lower tertile is LOW, "
                + "above its upper tertile HIGH, else MODERATE" + (data.sampled() ? String.format(Locale.ROOT,
                        "; percentiles among a stratified sample of %,d of %,d customers", data.n(), data.rowsUsed()) : ""),
                new Font(Font.SANS_SERIF, Font.PLAIN, 11)));
        return Charts.styled(chart);
    }

    /** The feature's values over the run's customers, sorted, missing ones left out. */
    private static double[] column(ClusteredData data, int j) {
        double[] values = new double[data.n()];
        int size = 0;
        for (int i = 0; i < data.n(); i++) {
            double value = data.original(i, j);
            if (!Double.isNaN(value)) {
                values[size++] = value;
            }
        }
        double[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        return sorted;
    }

    /** The mid-rank percentile of a value in sorted values: ties count half. */
    static double percentile(double[] sorted, double value) {
        if (sorted.length == 0 || Double.isNaN(value)) {
            return 0;
        }
        int below = rank(sorted, value, false);
        return 100.0 * (below + (rank(sorted, value, true) - below) / 2.0) / sorted.length;
    }

    /** How many sorted values lie below the value (or at most at it); Arrays.binarySearch finds no bound among ties. */
    private static int rank(double[] sorted, double value, boolean inclusive) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted[middle] < value || inclusive && sorted[middle] == value) {
                low = middle + 1;
            }
            else {
                high = middle;
            }
        }
        return low;
    }

    private static IntervalMarker band(double from, double to, String label, Color colour) {
        IntervalMarker band = new IntervalMarker(from, to, colour);
        band.setLabel(label);
        band.setLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, 10));
        band.setLabelPaint(Color.GRAY);
        band.setLabelAnchor(RectangleAnchor.LEFT);
        band.setLabelTextAnchor(TextAnchor.CENTER_LEFT);
        return band;
    }

    /** Labels each bar with the level from the segment's profile, the same level its name is built from. */
    private record LevelLabels(FeatureProfile[][] profiles) implements CategoryItemLabelGenerator {

        @Override
        public String generateRowLabel(CategoryDataset dataset, int row) {
            return dataset.getRowKey(row).toString();
        }

        @Override
        public String generateColumnLabel(CategoryDataset dataset, int column) {
            return dataset.getColumnKey(column).toString();
        }

        @Override
        public String generateLabel(CategoryDataset dataset, int row, int column) {
            return profiles[row][column].level().name();
        }

    }

}
