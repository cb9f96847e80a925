package io.customersegments.run;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A run as the API shows it.
 *
 * @param progress 0..1; moves during the k sweep
 * @param timings milliseconds spent in each phase: loadMillis (reading the columns), prepareMillis (policies, transforms,
 *        scaling), clusterMillis, sampleMillis (the chart sample and its silhouettes, warnings, segment values) and
 *        storeMillis (writing segments, assignments and sample)
 * @param rowsUsed rows clustered
 * @param rowsDropped rows left out by the missing-value and outlier policies
 * @param k the number of segments found
 * @param selection the k-selection report
 * @param migration after publishing over an earlier live run: how many customers moved between segments
 * @param summary the run in plain words for a marketer: segments, separation and stability (null until it succeeds)
 * @param warnings what to know before trusting the segments: weak separation, tiny segments, a dominant feature
 * @param phase what the run is doing, in words ("waiting in the queue", "loading customers", "trying k = 4 (of 2 to
 *        10)", "checking the stability ...", "storing the segments"); null once it has finished
 * @param secondsLeft while it runs, an estimate of the seconds left from its progress so far; null when unknown
 * @param scoredFrom for a scoring run, the run whose model assigned the customers (no retraining); else null
 * @param drift for a finished scoring run, how far its customers drifted from those the model was trained on
 */
// The schema keeps the name clients generated from before the rename.
@Schema(name = "SegmentationView")
public record RunView(long id, long datasetId, RunStatus status, double progress, RunParameters params,
        Instant createdAt, Instant startedAt, Instant finishedAt, Instant publishedAt, Map<String, Long> timings,
        Long rowsUsed, RowsDropped rowsDropped, Integer k, SelectionReport selection, List<SegmentView> segments,
        Map<String, Object> migration, String error, String summary, List<String> warnings, String phase,
        Long secondsLeft, Long scoredFrom, DriftReport drift) {

    /**
     * The features a chart can plot, in the order of the run's clustered table: the numeric and derived ones
     * (a categorical feature is shown by its mix); with their keys.
     */
    public List<String> numericFeatures() {
        return params.features()
            .stream()
            .filter(feature -> segments.isEmpty() || segments.get(0).profile().containsKey(feature))
            .toList();
    }

    /** The keys of {@link #numericFeatures()}, in the same order. */
    public List<String> numericFeatureKeys() {
        return numericFeatures().stream().map(feature -> params.featureKeys().get(params.features().indexOf(feature)))
            .toList();
    }

    static RunView of(Run run, List<SegmentView> segments) {
        return new RunView(run.getId(), run.getDatasetId(), run.getStatus(), run.getProgress(), run.getParams(),
                run.getCreatedAt(), run.getStartedAt(), run.getFinishedAt(), run.getPublishedAt(), run.getTimings(),
                run.getRowsUsed(), run.getRowsDropped(), run.getModel() == null ? null : run.getModel().k(),
                run.getSelection(), segments, run.getMigration(), run.getError(), RunSummary.of(run), run.getWarnings(),
                run.getStatus() == RunStatus.QUEUED ? "waiting in the queue"
                        : run.getStatus() == RunStatus.RUNNING ? run.getPhase() : null,
                secondsLeft(run), run.getParams().scoredFrom(), run.getDrift());
    }

    /** Time so far over progress so far, for what is left: shown once a twentieth is done, when it says something. */
    private static Long secondsLeft(Run run) {
        double progress = run.getProgress();
        if (run.getStatus() != RunStatus.RUNNING || run.getStartedAt() == null || progress < 0.05 || progress >= 1) {
            return null;
        }
        double elapsed = Duration.between(run.getStartedAt(), Instant.now()).toMillis() / 1000.0;
        return Math.round(elapsed * (1 - progress) / progress);
    }

}
