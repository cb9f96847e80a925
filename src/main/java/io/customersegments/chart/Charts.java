package io.customersegments.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.commons.math3.random.Well19937c;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.XYToolTipGenerator;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.statistics.SimpleHistogramBin;
import org.jfree.data.statistics.SimpleHistogramDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import io.customersegments.clustering.StratifiedSample;
import io.customersegments.dataset.ColumnSummaries;
import io.customersegments.dataset.IqrFences;
import io.customersegments.run.ClusteredData;
import io.customersegments.run.SegmentView;
import io.customersegments.run.RunView;
import io.customersegments.run.SelectionReport;

/** Builds the charts with JFreeChart; each method is deterministic for its inputs. */
final class Charts {

    static final int MAX_SCATTER_POINTS = 5_000;

    private static final Color[] PALETTE = { new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
            new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
            new Color(0xbcbd22), new Color(0x17becf) };

    private Charts() {
    }

    /** Inertia against k, silhouette on a second axis, the elbow k and the chosen k marked. */
    static JFreeChart elbow(RunView run) {
        SelectionReport selection = run.selection();
        XYSeries inertia = new XYSeries("Inertia");
        XYSeries silhouette = new XYSeries("Mean silhouette");
        for (SelectionReport.KMetrics metrics : selection.perK()) {
            inertia.add(metrics.k(), metrics.inertia());
            silhouette.add(metrics.k(), metrics.silhouette());
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Choosing k: run " + run.id(), "k (segments)",
                "Inertia (within-segment sum of squares)", new XYSeriesCollection(inertia), PlotOrientation.VERTICAL,
                true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer inertiaRenderer = new XYLineAndShapeRenderer(true, true);
        inertiaRenderer.setSeriesPaint(0, colour(0));
        plot.setRenderer(0, inertiaRenderer);
        NumberAxis silhouetteAxis = new NumberAxis("Mean silhouette");
        silhouetteAxis.setAutoRangeIncludesZero(false);
        plot.setRangeAxis(1, silhouetteAxis);
        plot.setDataset(1, new XYSeriesCollection(silhouette));
        plot.mapDatasetToRangeAxis(1, 1);
        XYLineAndShapeRenderer silhouetteRenderer = new XYLineAndShapeRenderer(true, true);
        silhouetteRenderer.setSeriesPaint(0, colour(1));
        plot.setRenderer(1, silhouetteRenderer);
        ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        if (selection.elbowK() != null) {
            plot.addDomainMarker(marker(selection.elbowK(), "elbow k = " + selection.elbowK(), Color.GRAY, 0.85));
        }
        plot.addDomainMarker(marker(selection.chosenK(), "chosen k = " + selection.chosenK(), new Color(0xd62728), 0.95));
        chart.addSubtitle(new TextTitle(selection.reason(), new Font(Font.SANS_SERIF, Font.PLAIN, 11)));
        return styled(chart);
    }

    private static ValueMarker marker(int k, String label, Color color, double height) {
        ValueMarker marker = new ValueMarker(k, color, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                10, new float[] { 6, 4 }, 0));
        marker.setLabel(label);
        marker.setLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        marker.setLabelPaint(color);
        marker.setLabelAnchor(height > 0.9 ? RectangleAnchor.TOP_RIGHT : RectangleAnchor.BOTTOM_RIGHT);
        marker.setLabelTextAnchor(height > 0.9 ? TextAnchor.TOP_LEFT : TextAnchor.BOTTOM_LEFT);
        return marker;
    }

    /**
     * Two features in the file's units, a colour per segment (legend: the segment names), the centres
     * marked; above {@link #MAX_SCATTER_POINTS} customers a sample stratified by segment, said in the subtitle.
     */
    static JFreeChart scatter(ClusteredData data, int x, int y, long seed) {
        RunView run = data.run();
        List<SegmentView> segments = run.segments();
        int n = data.n();
        int[] chosen = sample(data.labels(), segments.size(), n, seed);
        XYSeriesCollection points = new XYSeriesCollection();
        List<XYSeries> bySegment = new ArrayList<>();
        List<List<Integer>> drawnRows = new ArrayList<>();
        for (SegmentView segment : segments) {
            XYSeries series = new XYSeries(segment.name(), false, true);
            bySegment.add(series);
            drawnRows.add(new ArrayList<>());
            points.addSeries(series);
        }
        for (int i : chosen) {
            double vx = data.original(i, x);
            double vy = data.original(i, y);
            if (!Double.isNaN(vx) && !Double.isNaN(vy)) {
                bySegment.get(data.labels()[i]).add(vx, vy);
                drawnRows.get(data.labels()[i]).add(i);
            }
        }
        String xName = run.numericFeatures().get(x);
        String yName = run.numericFeatures().get(y);
        XYSeries centres = new XYSeries("Segment centres", false, true);
        for (SegmentView segment : segments) {
            centres.add(segment.centroid().get(xName), segment.centroid().get(yName));
        }
        points.addSeries(centres);
        List<String> features = run.numericFeatures();
        XYToolTipGenerator tooltips = (dataset, series, item) -> {
            StringBuilder tip = new StringBuilder();
            if (series == segments.size()) {
                SegmentView segment = segments.get(item);
                tip.append("Centre of ").append(segment.name()).append(String.format(Locale.ROOT, " (%,d customers)",
                        segment.size()));
                features.forEach(feature -> tip.append("\n").append(feature).append(": ")
                    .append(number(segment.centroid().get(feature))));
                return tip.toString();
            }
            int i = drawnRows.get(series).get(item);
            tip.append("Customer ").append(data.externalIds()[i]);
            for (int j = 0; j < features.size(); j++) {
                tip.append("\n").append(features.get(j)).append(": ").append(number(data.original(i, j)));
            }
            return tip.append("\nSegment: ").append(segments.get(series).name()).toString();
        };
        JFreeChart chart = ChartFactory.createScatterPlot("Segments: " + yName + " against " + xName, xName, yName,
                points, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) plot.getRenderer();
        for (int s = 0; s < segments.size(); s++) {
            renderer.setSeriesPaint(s, colour(s));
            renderer.setSeriesShape(s, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
        }
        renderer.setDefaultToolTipGenerator(tooltips);
        renderer.setDrawOutlines(false);
        renderer.setSeriesPaint(segments.size(), Color.BLACK);
        renderer.setSeriesShape(segments.size(), new Rectangle2D.Double(-6, -6, 12, 12));
        ((NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(false);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        long total = data.rowsUsed();
        String subtitle = chosen.length < total
                ? String.format(Locale.ROOT, "A sample of %,d of %,d customers, stratified by segment; centres marked "
                        + "as black squares", chosen.length, total)
                : String.format(Locale.ROOT, "All %,d customers; centres marked as black squares", total);
        chart.addSubtitle(new TextTitle(subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 11)));
        return styled(chart);
    }

    /** Row indexes to draw: all when few, else a per-segment share of {@link #MAX_SCATTER_POINTS}, seeded. */
    static int[] sample(int[] labels, int k, int n, long seed) {
        if (n <= MAX_SCATTER_POINTS) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            return all;
        }
        int[] sizes = new int[k];
        for (int label : labels) {
            sizes[label]++;
        }
        return StratifiedSample.draw(labels, sizes, MAX_SCATTER_POINTS, new Well19937c(seed));
    }

    static final int HISTOGRAM_BINS = 30;

    /** The bin of a value among {@link #HISTOGRAM_BINS} of equal width from min to max (the max in the last). */
    static int bin(double value, double min, double max) {
        if (!(max > min)) {
            return 0;
        }
        int bin = (int) ((value - min) / ((max - min) / HISTOGRAM_BINS));
        return Math.max(0, Math.min(HISTOGRAM_BINS - 1, bin));
    }

    /**
     * A column's distribution from its values counted into {@link #bin bins} as they streamed past (so no chart
     * holds a column); missing values and IQR outliers noted in the subtitle.
     */
    static JFreeChart histogram(String column, long[] counts, double min, double max, ColumnSummaries.Numeric summary) {
        SimpleHistogramDataset dataset = new SimpleHistogramDataset(column);
        dataset.setAdjustForBinSize(false);
        boolean spread = max > min;
        double low = spread ? min : min - 0.5;
        double width = spread ? (max - min) / HISTOGRAM_BINS : 1.0 / HISTOGRAM_BINS;
        for (int b = 0; b < HISTOGRAM_BINS; b++) {
            boolean last = b == HISTOGRAM_BINS - 1;
            SimpleHistogramBin bin = new SimpleHistogramBin(low + b * width,
                    last ? (spread ? max : min + 0.5) : low + (b + 1) * width, true, last);
            bin.setItemCount((int) Math.min(Integer.MAX_VALUE, counts[b]));
            dataset.addBin(bin);
        }
        JFreeChart chart = ChartFactory.createHistogram("Distribution of " + column, column, "Customers", dataset,
                PlotOrientation.VERTICAL, false, false, false);
        XYBarRenderer bars = (XYBarRenderer) chart.getXYPlot().getRenderer();
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, colour(0));
        IqrFences fences = summary.p25() == null ? new IqrFences(Double.NaN, Double.NaN)
                : IqrFences.of(summary.p25(), summary.p75());
        String subtitle = String.format(Locale.ROOT, "%,d values, %,d missing, %,d outside 1.5 IQR of the quartiles "
                + "(%s to %s)%s", summary.count(), summary.missing(), summary.outliers() == null ? 0 : summary.outliers(),
                format(fences.low()), format(fences.high()), summary.exact() ? "" : "; quartiles estimated from a sample");
        chart.addSubtitle(new TextTitle(subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 11)));
        if (summary.p25() != null) {
            XYPlot plot = chart.getXYPlot();
            plot.addDomainMarker(new ValueMarker(summary.median(), Color.DARK_GRAY, new BasicStroke(1.5f)));
        }
        return styled(chart);
    }

    private static String format(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.2f", value);
    }

    /**
     * The colour of a segment by its ordinal, the same on every chart: the palette's ten, then ten dark and ten bright
     * hues evenly spaced (the second ten shifted half a step), so that up to 30 segments (the largest k) all differ:
     * at least 52 apart in RGB, chosen by a search over the saturations, brightnesses and shifts.
     */
    static Color colour(int segment) {
        if (segment < PALETTE.length) {
            return PALETTE[segment];
        }
        int round = (segment - PALETTE.length) / PALETTE.length;
        float hue = ((segment - PALETTE.length) % PALETTE.length) / (float) PALETTE.length + (round % 2 == 0 ? 0 : 0.05f);
        return Color.getHSBColor(hue, round % 2 == 0 ? 1.0f : 0.7f, round % 2 == 0 ? 0.5f : 0.9f);
    }

    /** A value for a reader: whole numbers without decimals, others with at most two. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "missing";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) value);
        }
        return new BigDecimal(value).setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros()
            .toPlainString();
    }

    static JFreeChart styled(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getPlot().setBackgroundPaint(new Color(0xf7f7f7));
        chart.setAntiAlias(true);
        return chart;
    }

}
