package io.customersegments.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYAreaRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import io.customersegments.clustering.Silhouette;
import io.customersegments.clustering.SilhouetteOptions;
import io.customersegments.clustering.SilhouetteResult;
import io.customersegments.run.ClusteredData;
import io.customersegments.run.SegmentView;

/**
 * The classic silhouette diagram: per segment, its customers' silhouette values sorted from best to
 * worst as a band, the bands stacked one above the other, and the overall mean as a line.
 */
final class SilhouetteChart {

    /** A band is drawn through at most this many of its sorted values (evenly spaced quantiles). */
    static final int POINTS_PER_SEGMENT = 400;

    /** Empty rows between two segments' bands, as a share of all rows drawn. */
    private static final double GAP = 0.02;

    private SilhouetteChart() {
    }

    static JFreeChart draw(ClusteredData data, long seed) {
        List<SegmentView> segments = data.run().segments();
        int k = segments.size();
        SilhouetteResult silhouette = Silhouette.of(data.scaled(), data.n(), data.d(), data.labels(), k,
                SilhouetteOptions.defaults(), seed);
        double[][] bySegment = bySegment(silhouette, k);
        double gap = Math.max(1, GAP * silhouette.sampleSize());
        XYSeriesCollection bands = new XYSeriesCollection();
        double offset = gap;
        for (int c = 0; c < k; c++) {
            double[] values = bySegment[c];
            XYSeries band = new XYSeries(String.format(Locale.ROOT, "%s (mean %.2f)", segments.get(c).name(),
                    silhouette.clusterMeans()[c]), false, true);
            int points = Math.min(POINTS_PER_SEGMENT, values.length);
            for (int p = 0; p < points; p++) {
                double position = points == 1 ? 0 : (double) p * (values.length - 1) / (points - 1);
                band.add(offset + position, values[(int) Math.round(position)]);
            }
            offset += values.length + gap;
            bands.addSeries(band);
        }
        NumberAxis rows = new NumberAxis("Customers, sorted within each segment");
        rows.setTickLabelsVisible(false);
        rows.setTickMarksVisible(false);
        rows.setRange(0, offset);
        NumberAxis values = new NumberAxis("Silhouette value (−1 wrong segment … 1 well inside its segment)");
        values.setRange(Math.min(-0.1, lowest(bySegment) - 0.05), 1);
        XYAreaRenderer renderer = new XYAreaRenderer(XYAreaRenderer.AREA);
        for (int c = 0; c < k; c++) {
            renderer.setSeriesPaint(c, Charts.colour(c));
        }
        XYPlot plot = new XYPlot(bands, rows, values, renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        ValueMarker mean = new ValueMarker(silhouette.mean(), new Color(0xd62728), new BasicStroke(1.5f,
                BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] { 6, 4 }, 0));
        mean.setLabel(String.format(Locale.ROOT, "mean %.3f", silhouette.mean()));
        mean.setLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        mean.setLabelPaint(new Color(0xd62728));
        mean.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        mean.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        plot.addRangeMarker(mean);
        plot.addRangeMarker(new ValueMarker(0, Color.DARK_GRAY, new BasicStroke(1f)));
        JFreeChart chart = new JFreeChart("Silhouette by segment: run " + data.run().id(), JFreeChart.DEFAULT_TITLE_FONT,
                plot, true);
        chart.addSubtitle(new TextTitle(scope(silhouette, data), new Font(Font.SANS_SERIF, Font.PLAIN, 11)));
        return Charts.styled(chart);
    }

    /** Each segment's scored values, sorted from the highest down. */
    private static double[][] bySegment(SilhouetteResult silhouette, int k) {
        int[] sizes = new int[k];
        for (int label : silhouette.labels()) {
            sizes[label]++;
        }
        double[][] values = new double[k][];
        for (int c = 0; c < k; c++) {
            values[c] = new double[sizes[c]];
        }
        int[] filled = new int[k];
        for (int i = 0; i < silhouette.values().length; i++) {
            int label = silhouette.labels()[i];
            values[label][filled[label]++] = -silhouette.values()[i];
        }
        for (double[] segment : values) {
            Arrays.sort(segment);
            for (int i = 0; i < segment.length; i++) {
                segment[i] = -segment[i];
            }
        }
        return values;
    }

    private static double lowest(double[][] bySegment) {
        double lowest = 0;
        for (double[] segment : bySegment) {
            if (segment.length > 0) {
                lowest = Math.min(lowest, segment[segment.length - 1]);
            }
        }
        return lowest;
    }

    private static String scope(SilhouetteResult silhouette, ClusteredData data) {
        int n = data.n();
        if (silhouette.exact() && data.sampled()) {
            return String.format(Locale.ROOT, "Sampled: %,d of %,d customers (stored with the run, stratified by "
                    + "segment), each scored against the others of the sample; mean %.3f", n, data.rowsUsed(),
                    silhouette.mean());
        }
        if (silhouette.exact()) {
            return String.format(Locale.ROOT, "Exact: every one of %,d customers scored against all the others", n);
        }
        return String.format(Locale.ROOT, "Sampled: %,d of %,d customers, stratified by segment; mean %.3f "
                + "(95%% CI %.3f to %.3f)", silhouette.sampleSize(), n, silhouette.mean(), silhouette.ciLow(),
                silhouette.ciHigh());
    }

}
