package io.customersegments.chart;

import java.awt.Font;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import io.customersegments.activation.SegmentHistory;

/** Each live segment's size at every publish of a dataset: one line per stable key, named as it is called last. */
final class HistoryChart {

    private HistoryChart() {
    }

    static JFreeChart draw(SegmentHistory.History history) {
        Map<String, XYSeries> byKey = new LinkedHashMap<>();
        for (SegmentHistory.Publish publish : history.publishes()) {
            for (SegmentHistory.SegmentSize segment : publish.segments()) {
                byKey.computeIfAbsent(segment.key(), key -> new XYSeries(key, true, false))
                    .add(publish.publishedAt().toEpochMilli(), segment.size());
                // The legend shows the name the key has now (a segment may be renamed by a later publish).
                byKey.get(segment.key()).setDescription(segment.name());
            }
        }
        XYSeriesCollection sizes = new XYSeriesCollection();
        Map<String, Integer> namesUsed = new LinkedHashMap<>();
        for (XYSeries series : byKey.values()) {
            String name = series.getDescription();
            int seen = namesUsed.merge(name, 1, Integer::sum);
            // Two keys may carry one name (a new segment like an old one): the legend tells them apart by key.
            series.setKey(seen == 1 ? name : name + " (" + series.getKey() + ")");
            sizes.addSeries(series);
        }
        JFreeChart chart = ChartFactory.createTimeSeriesChart("Live segments of dataset " + history.datasetId()
                + " over its publishes", "Published", "Customers in the segment", sizes, true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < sizes.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, Charts.colour(i));
        }
        plot.setRenderer(renderer);
        chart.addSubtitle(new TextTitle(history.publishes().isEmpty() ? "Not published yet"
                : history.publishes().size() + " publish" + (history.publishes().size() == 1 ? "" : "es")
                        + "; a line per segment key, so a line that stops is a segment that ended",
                new Font(Font.SANS_SERIF, Font.PLAIN, 11)));
        return Charts.styled(chart);
    }

}
