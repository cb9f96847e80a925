package io.customersegments.run;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A segmentation run: its parameters, its progress through the life cycle, and what it found. */
@Entity
@Table(name = "segmentation")
class Run {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private long datasetId;

    /** The lineage of the run's dataset (its versions share one live run). */
    private long lineageId;

    /** Publish when it succeeds (a run a refresh policy started), unless it is a scoring run that found drift. */
    private boolean autoPublish;

    @Enumerated(EnumType.STRING)
    private RunStatus status;

    private double progress;

    /** What a running run is doing, in words: loading customers, trying k = 4 of 2..10, checking stability, storing. */
    private String phase;

    @JdbcTypeCode(SqlTypes.JSON)
    private RunParameters params;

    @JdbcTypeCode(SqlTypes.JSON)
    private RunModel model;

    @JdbcTypeCode(SqlTypes.JSON)
    private SelectionReport selection;

    private Long rowsUsed;

    @JdbcTypeCode(SqlTypes.JSON)
    private RowsDropped rowsDropped;

    @JdbcTypeCode(SqlTypes.JSON)
    private Map<String, Object> migration;

    @JdbcTypeCode(SqlTypes.JSON)
    private Map<String, Long> timings;

    @JdbcTypeCode(SqlTypes.JSON)
    private List<String> warnings;

    /** For a scoring run, how far its customers drifted from those its model was trained on; else null. */
    @JdbcTypeCode(SqlTypes.JSON)
    private DriftReport drift;

    private String error;

    private Instant createdAt;

    private Instant startedAt;

    private Instant finishedAt;

    private Instant publishedAt;

    private Instant heartbeatAt;

    /** How many times an instance has claimed the run from the queue (a takeover claims it again). */
    private int attempt;

    protected Run() {
    }

    Run(RunParameters params, long lineageId) {
        this(params, lineageId, false);
    }

    Run(RunParameters params, long lineageId, boolean autoPublish) {
        this.datasetId = params.datasetId();
        this.lineageId = lineageId;
        this.autoPublish = autoPublish;
        this.params = params;
        this.status = RunStatus.QUEUED;
        this.createdAt = Instant.now();
    }

    void succeed(RunModel model, SelectionReport selection, long rowsUsed, RowsDropped rowsDropped,
            Map<String, Long> timings, List<String> warnings, DriftReport drift) {
        requireStatus(RunStatus.RUNNING);
        this.drift = drift;
        this.warnings = warnings;
        this.model = model;
        this.selection = selection;
        this.rowsUsed = rowsUsed;
        this.rowsDropped = rowsDropped;
        this.timings = timings;
        this.status = RunStatus.SUCCEEDED;
        this.progress = 1;
        this.phase = null;
        this.finishedAt = Instant.now();
    }

    void fail(String reason) {
        if (status.isFinished()) {
            return;
        }
        this.error = reason;
        this.status = RunStatus.FAILED;
        this.finishedAt = Instant.now();
    }

    /** Cancels a queued or running run; answers false when it had already finished. */
    boolean cancel() {
        if (status.isFinished()) {
            return false;
        }
        status = RunStatus.CANCELLED;
        finishedAt = Instant.now();
        return true;
    }

    void publish(Map<String, Object> migration) {
        requireStatus(RunStatus.SUCCEEDED);
        this.migration = migration;
        this.publishedAt = Instant.now();
    }

    void unpublish() {
        this.publishedAt = null;
    }

    private void requireStatus(RunStatus expected) {
        if (status != expected) {
            throw new IllegalStateException("Run " + id + " is " + status + ", not " + expected);
        }
    }

    Long getId() {
        return id;
    }

    long getDatasetId() {
        return datasetId;
    }

    DriftReport getDrift() {
        return drift;
    }

    boolean isAutoPublish() {
        return autoPublish;
    }

    long getLineageId() {
        return lineageId;
    }

    int getAttempt() {
        return attempt;
    }

    RunStatus getStatus() {
        return status;
    }

    double getProgress() {
        return progress;
    }

    RunParameters getParams() {
        return params;
    }

    RunModel getModel() {
        return model;
    }

    /** What to know before trusting the segments, in plain words; none for runs stored before there were. */
    List<String> getWarnings() {
        return warnings == null ? List.of() : warnings;
    }

    String getPhase() {
        return phase;
    }

    SelectionReport getSelection() {
        return selection;
    }

    Long getRowsUsed() {
        return rowsUsed;
    }

    RowsDropped getRowsDropped() {
        return rowsDropped;
    }

    Map<String, Object> getMigration() {
        return migration;
    }

    Map<String, Long> getTimings() {
        return timings;
    }

    String getError() {
        return error;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Instant getStartedAt() {
        return startedAt;
    }

    Instant getFinishedAt() {
        return finishedAt;
    }

    Instant getPublishedAt() {
        return publishedAt;
    }

}
