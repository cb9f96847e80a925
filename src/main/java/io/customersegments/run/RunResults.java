package io.customersegments.run;

import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.customersegments.dataset.Datasets;

/**
 * The read side of runs, for the modules that serve their results (live segments, audiences, scoring):
 * published and succeeded runs with their segments, and every customer's assignment, streamed.
 */
@Service
public class RunResults {

    private final RunRepository runs;

    private final SegmentStore store;

    private final Datasets datasets;

    RunResults(RunRepository runs, SegmentStore store, Datasets datasets) {
        this.runs = runs;
        this.store = store;
        this.datasets = datasets;
    }

    /**
     * The published run of a dataset's lineage (of this version of the customer table or another); without a dataset,
     * the most recently published run of any.
     */
    @Transactional(readOnly = true)
    public Optional<RunSegments> published(Long datasetId) {
        return (datasetId == null ? runs.findFirstByPublishedAtIsNotNullOrderByPublishedAtDesc()
                : datasets.lineage(datasetId).flatMap(runs::findFirstByLineageIdAndPublishedAtIsNotNull))
            .map(this::withSegments);
    }

    /** The published run that has a segment with this key. */
    @Transactional(readOnly = true)
    public Optional<RunSegments> publishedWithSegment(String key) {
        return store.publishedRunWithKey(key).flatMap(runs::findById).map(this::withSegments);
    }

    /** For a key that reads published runs only: 403 for any other run, whatever its state (404 when there is none). */
    @Transactional(readOnly = true)
    public void requirePublished(long runId) {
        Run run = runs.findById(runId).orElseThrow(() -> new RunNotFoundException(runId));
        if (run.getPublishedAt() == null) {
            throw new RunNotPublishedException(runId);
        }
    }

    /**
     * A run that has SUCCEEDED, with its segments.
     *
     * @param why what the caller needs it for, said when the run has not succeeded (e.g. "only a SUCCEEDED run
     *        can score customers")
     */
    @Transactional(readOnly = true)
    public RunSegments succeeded(long runId, String why) {
        Run run = runs.findById(runId).orElseThrow(() -> new RunNotFoundException(runId));
        if (run.getStatus() != RunStatus.SUCCEEDED) {
            throw new RunStateException(runId, run.getStatus(), "Run " + runId + " is " + run.getStatus() + "; " + why
                    + ".");
        }
        return withSegments(run);
    }

    /**
     * A run's assignments in row order, of one segment when {@code ordinal} is given, a page of them when
     * {@code limit} is; streamed from the database (call within the transaction of the caller that consumes).
     */
    @Transactional(readOnly = true)
    public void forEachAssignment(RunSegments run, Integer ordinal, long offset, Long limit, Consumer<AssignmentRow> each) {
        store.forEachAssignment(run.runId(), run.datasetId(), ordinal, offset, limit, each);
    }

    /**
     * As {@link #forEachAssignment}, each customer with the run's feature values in their own units (a Double,
     * null when missing, or a String per feature, in the order of {@link #featureNames}); derived features computed.
     */
    @Transactional(readOnly = true)
    public void forEachAssignmentWithFeatures(RunSegments run, Integer ordinal, BiConsumer<AssignmentRow, Object[]> each) {
        Run stored = runs.findById(run.runId()).orElseThrow(() -> new RunNotFoundException(run.runId()));
        FeatureValues features = FeatureValues.of(stored.getParams(), datasets);
        store.forEachAssignment(run.runId(), run.datasetId(), ordinal, 0, null, features, each);
    }

    /** The run's features as it named them, the order {@link #forEachAssignmentWithFeatures} gives their values in. */
    @Transactional(readOnly = true)
    public List<String> featureNames(RunSegments run) {
        return runs.findById(run.runId()).orElseThrow(() -> new RunNotFoundException(run.runId())).getParams().features();
    }

    /** A customer's assignment in a run of its dataset, if the run clustered it. */
    @Transactional(readOnly = true)
    public Optional<AssignmentRow> assignmentOf(long runId, long datasetId, String externalId) {
        return store.assignmentOf(runId, datasetId, externalId);
    }

    private RunSegments withSegments(Run run) {
        return new RunSegments(run.getId(), run.getDatasetId(), run.getLineageId(), run.getPublishedAt(), run.getModel(),
                store.segments(run.getId(), run.getModel()));
    }

}
