package io.customersegments.run;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/**
 * Runs. Every change of status is either a conditional update ({@code ... WHERE status = ...}) or made
 * on a row locked with {@link #lockById}, so a cancel, a delete and the end of a run cannot overtake
 * one another.
 */
interface RunRepository extends JpaRepository<Run, Long> {

    List<Run> findByDatasetId(long datasetId);

    Page<Run> findByDatasetId(long datasetId, Pageable pageable);

    /** The published run of a dataset, if it is one of its own (not of another version of the table). */
    Optional<Run> findFirstByDatasetIdAndPublishedAtIsNotNull(long datasetId);

    /** The published run of a lineage (the versions of a customer table): the only run whose segments marketing apps see. */
    Optional<Run> findFirstByLineageIdAndPublishedAtIsNotNull(long lineageId);

    /**
     * The run whose model {@code run} applies: itself, or for a scoring run the run that trained the model, while that
     * one still exists (drift is measured against its customers).
     */
    default Optional<Run> findModelRun(Run run) {
        Long scoredFrom = run.getParams().scoredFrom();
        return scoredFrom == null ? Optional.of(run)
                : findById(scoredFrom).filter(trained -> trained.getStatus() == RunStatus.SUCCEEDED);
    }

    /** The lineage of a run's dataset, read without loading the run. */
    @Query("select s.lineageId from Run s where s.id = :id")
    Optional<Long> findLineageIdById(long id);

    /** Without a dataset: the most recently published run of any dataset. */
    Optional<Run> findFirstByPublishedAtIsNotNullOrderByPublishedAtDesc();

    /** The dataset of a run, read without loading the run into the persistence context (so a later lock reads it fresh). */
    @Query("select s.datasetId from Run s where s.id = :id")
    Optional<Long> findDatasetIdById(long id);

    /** The status of a run, read without loading the run into the persistence context. */
    @Query("select s.status from Run s where s.id = :id")
    Optional<RunStatus> findStatusById(long id);

    /**
     * Puts the runs an instance claimed back in the queue (it is shutting down and stopped them, or had claimed one
     * and not yet started it), unless they finished or were taken over meanwhile; the claim they lose is not counted
     * as an attempt.
     */
    @Modifying
    @Query(value = "UPDATE segmentation SET status = 'QUEUED', progress = 0, started_at = NULL, heartbeat_at = NULL, "
            + "claimed_by = NULL, lease_until = NULL, attempt = attempt - 1 WHERE claimed_by = :instance "
            + "AND status = 'RUNNING'", nativeQuery = true)
    int requeueClaimedBy(String instance);

    /** The run, its row locked until the transaction ends. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select s from Run s where s.id = :id")
    Optional<Run> lockById(long id);

    @Modifying
    @Query("update Run s set s.progress = :progress, s.phase = :phase, s.heartbeatAt = :now where s.id = :id "
            + "and s.status = io.customersegments.run.RunStatus.RUNNING")
    int updateProgress(long id, double progress, String phase, Instant now);

    /** RUNNING to FAILED in the given attempt; answers 0 when the run finished, was cancelled or was taken over. */
    @Modifying
    @Query("update Run s set s.status = io.customersegments.run.RunStatus.FAILED, s.error = :reason, "
            + "s.finishedAt = :now where s.id = :id and s.attempt = :attempt "
            + "and s.status = io.customersegments.run.RunStatus.RUNNING")
    int failAttempt(long id, int attempt, String reason, Instant now);

}
