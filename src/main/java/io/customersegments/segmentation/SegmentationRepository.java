package io.customersegments.segmentation;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface SegmentationRepository extends JpaRepository<Segmentation, Long> {

    List<Segmentation> findByStatusOrderByIdAsc(RunStatus status);

    List<Segmentation> findByDatasetId(long datasetId);

    Optional<Segmentation> findFirstByDatasetIdAndPublishedAtIsNotNull(long datasetId);

    Optional<Segmentation> findFirstByDatasetIdAndStatusOrderByIdDesc(long datasetId, RunStatus status);

    Optional<Segmentation> findFirstByPublishedAtIsNotNullOrderByPublishedAtDesc();

    Optional<Segmentation> findFirstByStatusOrderByIdDesc(RunStatus status);

    /** The run whose segments are live for a dataset: the published one, else the latest successful one. */
    default Optional<Segmentation> findLive(long datasetId) {
        return findFirstByDatasetIdAndPublishedAtIsNotNull(datasetId)
            .or(() -> findFirstByDatasetIdAndStatusOrderByIdDesc(datasetId, RunStatus.SUCCEEDED));
    }

    /** Without a dataset: the most recently published run, else the latest successful one. */
    default Optional<Segmentation> findLatestLive() {
        return findFirstByPublishedAtIsNotNullOrderByPublishedAtDesc()
            .or(() -> findFirstByStatusOrderByIdDesc(RunStatus.SUCCEEDED));
    }

    @Modifying
    @Query("update Segmentation s set s.progress = :progress where s.id = :id and s.status = io.customersegments.segmentation.RunStatus.RUNNING")
    int updateProgress(long id, double progress);

}
