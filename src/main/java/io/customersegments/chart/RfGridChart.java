package io.customersegments.chart;

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.util.Locale;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYZDataset;

import io.customersegments.rfm.RfmSegment;

/** An RFM run's recency × frequency grid as a heat map: customers per cell, each cell labelled with its segment. */
final class RfGridChart {

    private RfGridChart() {
    }

    /** @param counts counts[r - 1][f - 1], customers with R score r and F score f */
    static JFreeChart draw(long[][] counts, long runId) {
        double[][] series = new double[3][25];
        long max = 1;
        long total = 0;
        for (int r = 1; r <= 5; r++) {
            for (int f = 1; f <= 5; f++) {
                int cell = (r - 1) * 5 + f - 1;
                series[0][cell] = r;
                series[1][cell] = f;
                series[2][cell] = counts[r - 1][f - 1];
                max = Math.max(max, counts[r - 1][f - 1]);
                total += counts[r - 1][f - 1];
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("customers", series);
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(new Shades(max));
        NumberAxis recency = axis("R: recency score (5 = most recent)");
        NumberAxis frequency = axis("F: frequency score (5 = most frequent)");
        XYPlot plot = new XYPlot(data, recency, frequency, renderer);
        Font name = new Font(Font.SANS_SERIF, Font.BOLD, 11);
        Font count = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
        for (int r = 1; r <= 5; r++) {
            for (int f = 1; f <= 5; f++) {
                long customers = counts[r - 1][f - 1];
                Color ink = customers > max / 2 ? Color.WHITE : Color.BLACK;
                XYTextAnnotation label = new XYTextAnnotation(RfmSegment.of(r, f).title(), r, f + 0.12);
                label.setFont(name);
                label.setPaint(ink);
                label.setTextAnchor(TextAnchor.CENTER);
                plot.addAnnotation(label);
                XYTextAnnotation number = new XYTextAnnotation(String.format(Locale.ROOT, "%,d", customers), r, f - 0.15);
                number.setFont(count);
                number.setPaint(ink);
                number.setTextAnchor(TextAnchor.CENTER);
                plot.addAnnotation(number);
            }
        }
        JFreeChart chart = new JFreeChart("RFM grid of run " + runId + ": customers by recency and frequency score",
                new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, false);
        chart.addSubtitle(new TextTitle(String.format(Locale.ROOT, "%,d customers; darker cells hold more", total),
                new Font(Font.SANS_SERIF, Font.PLAIN, 11)));
        return Charts.styled(chart);
    }

    private static NumberAxis axis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setRange(0.5, 5.5);
        axis.setTickUnit(new NumberTickUnit(1));
        return axis;
    }

    /** White for empty cells to dark blue for the fullest. */
    private record Shades(long max) implements PaintScale {

        @Override
        public double getLowerBound() {
            return 0;
        }

        @Override
        public double getUpperBound() {
            return max;
        }

        @Override
        public Paint getPaint(double value) {
            double t = Math.max(0, Math.min(1, value / max));
            return new Color((int) Math.round(247 - t * (247 - 8)), (int) Math.round(251 - t * (251 - 69)),
                    (int) Math.round(255 - t * (255 - 148)));
        }

    }

}
