package io.customersegments.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.customersegments.preparation.MissingPolicy;
import io.customersegments.preparation.OutlierPolicy;
import io.customersegments.preparation.Scaling;
import io.customersegments.run.RunParameters;
import io.customersegments.run.RunStatus;
import io.customersegments.run.RunRequest;
import io.customersegments.run.RunView;
import io.customersegments.run.SelectionReport;

class ChartDeterminismTests {

    @Test
    void drawsTheSameBytesEveryTime() {
        SelectionReport selection = new SelectionReport(List.of(
                new SelectionReport.KMetrics(2, 269.0, 0.30, 0.30, 0.30, 96.4, 1.29),
                new SelectionReport.KMetrics(3, 157.7, 0.47, 0.47, 0.47, 151.0, 0.72),
                new SelectionReport.KMetrics(4, 108.9, 0.49, 0.49, 0.49, 174.0, 0.71)), 3, 4, 4, "SILHOUETTE",
                "k = 4 has the highest mean silhouette.", 1.0, true, 200, null, null, null, "LOCAL", null);
        RunParameters params = new RunParameters(1, List.of("a", "b"), List.of("a", "b"), 2, 4,
                RunRequest.Selection.SILHOUETTE, Scaling.STANDARD, List.of(),
                MissingPolicy.DROP, OutlierPolicy.KEEP, 10, 42, RunRequest.Method.KMEANS, List.of(), null, null, null, null, null);
        RunView run = new RunView(7, 1, RunStatus.SUCCEEDED, 1, params, null, null, null, null, null,
                200L, null, 4, selection, List.of(), null, null, null, List.of(), null, null, null, null);

        byte[] first = ChartFormat.SVG.render(Charts.elbow(run), "elbow/7");
        byte[] second = ChartFormat.SVG.render(Charts.elbow(run), "elbow/7");

        assertThat(second).isEqualTo(first);
        assertThat(new String(first, java.nio.charset.StandardCharsets.UTF_8)).contains("elbow k = 3", "chosen k = 4");
    }

}
