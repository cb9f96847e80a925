package io.customersegments.chart;

import java.util.List;
import java.util.function.Supplier;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import jakarta.servlet.http.HttpServletRequest;

import org.jfree.chart.JFreeChart;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.customersegments.activation.SegmentHistory;
import io.customersegments.dataset.ColumnRole;
import io.customersegments.dataset.ColumnSummaries;
import io.customersegments.dataset.DatasetColumn;
import io.customersegments.dataset.Datasets;
import io.customersegments.run.ClusteredData;
import io.customersegments.run.RunNotPublishedException;
import io.customersegments.run.RunStatus;
import io.customersegments.run.Runs;
import io.customersegments.run.RunView;
import io.customersegments.security.Role;

@RestController
@Tag(name = "Charts", description = "The notebook's pictures as resources: SVG by default, PNG on request")
class ChartController {

    /** The role that also draws the charts of runs not published (READER keys draw published runs' only). */
    private static final String TRIAL_RUN_READER = Role.ANALYST.name();

    private final Runs runs;

    private final Datasets datasets;

    private final ChartRenderer renderer;

    private final SegmentHistory history;

    ChartController(Runs runs, Datasets datasets, ChartRenderer renderer, SegmentHistory history) {
        this.history = history;
        this.runs = runs;
        this.datasets = datasets;
        this.renderer = renderer;
    }

    @GetMapping("/api/segmentations/{id}/charts/elbow")
    @Operation(operationId = "getElbowChart", summary = "Inertia and silhouette against k, with the elbow k and the chosen k marked")
    @ApiResponse(responseCode = "400", description = "An RFM run, which chooses no k", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "A READER key, and the run is not published", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "The run has not succeeded", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "200", description = "The chart", content = {
            @Content(mediaType = "image/svg+xml", schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")) })
    ResponseEntity<byte[]> elbow(@PathVariable long id, @RequestParam(required = false) String format,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept, HttpServletRequest request) {
        RunView run = succeeded(id, request);
        if (run.selection() == null) {
            throw new InvalidChartParameterException("id", run.scoredFrom() != null ? "Run " + id + " is a scoring run: "
                    + "it assigned customers with the model of run " + run.scoredFrom() + ", so no k was chosen; the "
                    + "elbow chart of run " + run.scoredFrom() + " shows how that one was."
                    : "Run " + id + " is an RFM run: its segments are the cells of the recency × frequency grid, no k "
                            + "was chosen. Its grid is charts/rfm-grid.");
        }
        ChartFormat chartFormat = ChartFormat.of(format, accept);
        return chart("elbow/" + id, chartFormat, () -> Charts.elbow(run));
    }

    @GetMapping("/api/segmentations/{id}/charts/scatter")
    @Operation(operationId = "getScatterChart", summary = "Two features coloured by segment, centres marked (a stratified sample of at most 5,000 points)")
    @ApiResponse(responseCode = "400", description = "Unknown feature", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "A READER key, and the run is not published", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "The run has not succeeded", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "200", description = "The chart", content = {
            @Content(mediaType = "image/svg+xml", schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")) })
    ResponseEntity<byte[]> scatter(@PathVariable long id, @RequestParam(required = false) String x,
            @RequestParam(required = false) String y, @RequestParam(required = false) String format,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept, HttpServletRequest request) {
        RunView run = succeeded(id, request);
        List<String> features = plottable(run, "x");
        int xIndex = feature(run, x, 0, "x");
        int yIndex = feature(run, y, Math.min(1, features.size() - 1), "y");
        ChartFormat chartFormat = ChartFormat.of(format, accept);
        return chart("scatter/" + id + "/" + xIndex + "/" + yIndex, chartFormat, () -> {
            ClusteredData data = renderer.clusteredData(id);
            return Charts.scatter(data, xIndex, yIndex, run.params().seed());
        });
    }

    @GetMapping("/api/segmentations/{id}/charts/rfm-grid")
    @Operation(operationId = "getRfmGridChart", summary = "An RFM run's recency × frequency grid as a heat map: customers per cell, named by segment")
    @ApiResponse(responseCode = "400", description = "Not an RFM run", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "A READER key, and the run is not published", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "The run has not succeeded", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "200", description = "The chart", content = {
            @Content(mediaType = "image/svg+xml", schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")) })
    ResponseEntity<byte[]> rfmGrid(@PathVariable long id, @RequestParam(required = false) String format,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept, HttpServletRequest request) {
        succeeded(id, request);
        long[][] counts = runs.rfGrid(id);
        if (counts == null) {
            throw new InvalidChartParameterException("id", "Run " + id + " is a clustering, not an RFM run (method RFM): "
                    + "it has no recency × frequency grid.");
        }
        ChartFormat chartFormat = ChartFormat.of(format, accept);
        return chart("rfm-grid/" + id, chartFormat, () -> RfGridChart.draw(counts, id));
    }

    @GetMapping("/api/segmentations/{id}/charts/silhouette")
    @Operation(operationId = "getSilhouetteChart", summary = "The silhouette diagram: each segment's sorted per-customer silhouettes, the mean as a line "
            + "(exact up to 20,000 customers, else a stratified sample, as the subtitle says)")
    @ApiResponse(responseCode = "403", description = "A READER key, and the run is not published", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "The run has not succeeded", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "200", description = "The chart", content = {
            @Content(mediaType = "image/svg+xml", schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")) })
    ResponseEntity<byte[]> silhouette(@PathVariable long id, @RequestParam(required = false) String format,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept, HttpServletRequest request) {
        RunView run = succeeded(id, request);
        ChartFormat chartFormat = ChartFormat.of(format, accept);
        return chart("silhouette/" + id, chartFormat,
                () -> SilhouetteChart.draw(renderer.clusteredData(id), run.params().seed()));
    }

    @GetMapping("/api/segmentations/{id}/charts/profile")
    @Operation(operationId = "getProfileChart", summary = "Each segment's level on each feature: the percentile of its mean, on LOW/MODERATE/HIGH bands")
    @ApiResponse(responseCode = "400", description = "The run has no numeric features", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "A READER key, and the run is not published", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "The run has not succeeded", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "200", description = "The chart", content = {
            @Content(mediaType = "image/svg+xml", schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")) })
    ResponseEntity<byte[]> profile(@PathVariable long id, @RequestParam(required = false) String format,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept, HttpServletRequest request) {
        plottable(succeeded(id, request), "id");
        ChartFormat chartFormat = ChartFormat.of(format, accept);
        return chart("profile/" + id, chartFormat, () -> ProfileChart.draw(renderer.clusteredData(id)));
    }

    @GetMapping("/api/datasets/{id}/charts/histogram")
    @Operation(operationId = "getHistogramChart", summary = "A numeric column's distribution, with missing values and IQR outliers noted")
    @ApiResponse(responseCode = "400", description = "Unknown or non-numeric column", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such dataset", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "200", description = "The chart", content = {
            @Content(mediaType = "image/svg+xml", schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")) })
    ResponseEntity<byte[]> histogram(@PathVariable long id, @RequestParam String column,
            @RequestParam(required = false) String format,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        DatasetColumn resolved = datasets.resolveColumns(id, List.of(column)).get(0);
        if (resolved.role() != ColumnRole.NUMERIC) {
            throw new InvalidChartParameterException("column", "column \"" + column + "\" is " + resolved.role()
                    + "; histograms are drawn for NUMERIC columns.");
        }
        ColumnSummaries.Numeric summary = datasets.summary(id)
            .numeric()
            .stream()
            .filter(numeric -> numeric.key().equals(resolved.key()))
            .findFirst()
            .orElseThrow();
        ChartFormat chartFormat = ChartFormat.of(format, accept);
        return chart("histogram/" + id + "/" + resolved.key(), chartFormat, () -> {
            long[] counts = new long[Charts.HISTOGRAM_BINS];
            double min = summary.min() == null ? 0 : summary.min();
            double max = summary.max() == null ? 0 : summary.max();
            if (summary.min() != null) {
                datasets.forEachValue(id, resolved, value -> {
                    if (!Double.isNaN(value)) {
                        counts[Charts.bin(value, min, max)]++;
                    }
                });
            }
            return Charts.histogram(resolved.name(), counts, min, max, summary);
        });
    }

    @GetMapping("/api/segments/history/chart")
    @Operation(operationId = "getSegmentHistoryChart", summary = "Each live segment's size at every publish of a dataset, a line per segment key")
    @ApiResponse(responseCode = "400", description = "No dataset given", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such dataset", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "200", description = "The chart", content = {
            @Content(mediaType = "image/svg+xml", schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")) })
    ResponseEntity<byte[]> history(@RequestParam(name = "dataset") long datasetId,
            @RequestParam(required = false) String format,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        SegmentHistory.History publishes = history.of(datasetId, SegmentHistory.MAX_LIMIT);
        ChartFormat chartFormat = ChartFormat.of(format, accept);
        // A new publish is a new chart; the drawn ones never change.
        long last = publishes.publishes().isEmpty() ? 0 : publishes.publishes().get(publishes.publishes().size() - 1).id();
        return chart("history/" + datasetId + "/" + last, chartFormat, () -> HistoryChart.draw(publishes));
    }

    /** A run whose charts the caller may draw: succeeded, and published unless the key reads trial runs too. */
    private RunView succeeded(long id, HttpServletRequest request) {
        RunView run = runs.find(id);
        if (!request.isUserInRole(TRIAL_RUN_READER) && run.publishedAt() == null) {
            throw new RunNotPublishedException(id);
        }
        if (run.status() != RunStatus.SUCCEEDED) {
            throw new RunNotFinishedException(id, run.status());
        }
        return run;
    }

    /** The run's numeric features; a run of categorical features alone has none to plot. */
    private static List<String> plottable(RunView run, String parameter) {
        if (run.numericFeatures().isEmpty()) {
            throw new InvalidChartParameterException(parameter, "Run " + run.id() + " has no numeric features to plot: "
                    + "its segments differ by categories, which each segment's mix shows (GET /api/segmentations/"
                    + run.id() + ").");
        }
        return run.numericFeatures();
    }

    private static int feature(RunView run, String name, int fallback, String parameter) {
        if (name == null || name.isBlank()) {
            return fallback;
        }
        List<String> features = run.numericFeatures();
        for (int j = 0; j < features.size(); j++) {
            if (features.get(j).equals(name) || run.numericFeatureKeys().get(j).equals(name)) {
                return j;
            }
        }
        boolean categorical = run.params().features().contains(name) || run.params().featureKeys().contains(name);
        throw new InvalidChartParameterException(parameter, parameter + " \"" + name + "\" is "
                + (categorical ? "a categorical feature of run " + run.id() + ", which has no axis (its segments' mixes "
                        + "show it)" : "not a feature of run " + run.id())
                + "; the features it can plot are " + String.join(", ", features) + ".");
    }

    private ResponseEntity<byte[]> chart(String key, ChartFormat format, Supplier<JFreeChart> draw) {
        return ResponseEntity.ok().contentType(format.mediaType()).body(renderer.chart(key, format, draw));
    }

}
