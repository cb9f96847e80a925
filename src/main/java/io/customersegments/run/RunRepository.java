package io.customersegments.run;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

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

    List<Run> findByStatusOrderByIdAsc(RunStatus status);

    List<Run> findByDatasetId(long datasetId);

    /** The published run of a dataset: the only run whose segments marketing apps see. */
    Optional<Run> findFirstByDatasetIdAndPublishedAtIsNotNull(long datasetId);

    /** Without a dataset: the most recently published run of any dataset. */
    Optional<Run> findFirstByPublishedAtIsNotNullOrderByPublishedAtDesc();

    /** The dataset of a run, read without loading the run into the persistence context (so a later lock reads it fresh). */
    @Query("select s.datasetId from Run s where s.id = :id")
    Optional<Long> findDatasetIdById(long id);

    /** The status of a run, read without loading the run into the persistence context. */
    @Query("select s.status from Run s where s.id = :id")
    Optional<RunStatus> findStatusById(long id);

    /** Marks runs this instance was executing as QUEUED again, unless they finished meanwhile. */
    @Modifying
    @Query("update Run s set s.status = io.customersegments.run.RunStatus.QUEUED, s.progress = 0, "
            + "s.startedAt = null, s.heartbeatAt = null where s.id in :ids "
            + "and s.status = io.customersegments.run.RunStatus.RUNNING")
    int requeue(Collection<Long> ids);

    /** The run, its row locked until the transaction ends. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select s from Run s where s.id = :id")
    Optional<Run> lockById(long id);

    /** QUEUED to RUNNING; answers 0 when the run is no longer queued (cancelled or deleted meanwhile). */
    @Modifying
    @Query("update Run s set s.status = io.customersegments.run.RunStatus.RUNNING, s.startedAt = :now, "
            + "s.heartbeatAt = :now, s.phase = 'loading customers' where s.id = :id "
            + "and s.status = io.customersegments.run.RunStatus.QUEUED")
    int start(long id, Instant now);

    @Modifying
    @Query("update Run s set s.progress = :progress, s.phase = :phase, s.heartbeatAt = :now where s.id = :id "
            + "and s.status = io.customersegments.run.RunStatus.RUNNING")
    int updateProgress(long id, double progress, String phase, Instant now);

    /** RUNNING to FAILED; answers 0 when the run has finished (or was cancelled) meanwhile. */
    @Modifying
    @Query("update Run s set s.status = io.customersegments.run.RunStatus.FAILED, s.error = :reason, "
            + "s.finishedAt = :now where s.id = :id and s.status = io.customersegments.run.RunStatus.RUNNING")
    int fail(long id, String reason, Instant now);

    /** Touches the heartbeat of those runs still RUNNING, skipping rows a store or cancel holds locked right now. */
    @Modifying
    @Query(value = "UPDATE segmentation SET heartbeat_at = :now WHERE id IN (SELECT id FROM segmentation "
            + "WHERE id IN (:ids) AND status = 'RUNNING' FOR UPDATE SKIP LOCKED)", nativeQuery = true)
    int heartbeat(Collection<Long> ids, Instant now);

    /** Runs RUNNING whose executor has not been heard of since the given instant. */
    @Query("select s.id from Run s where s.status = io.customersegments.run.RunStatus.RUNNING "
            + "and (s.heartbeatAt is null or s.heartbeatAt < :since)")
    List<Long> findSilentRuns(Instant since);

}
