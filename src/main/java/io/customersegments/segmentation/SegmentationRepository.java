package io.customersegments.segmentation;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface SegmentationRepository extends JpaRepository<Segmentation, Long> {

    List<Segmentation> findByStatusOrderByIdAsc(RunStatus status);

    Optional<Segmentation> findFirstByDatasetIdAndPublishedAtIsNotNull(long datasetId);

    Optional<Segmentation> findFirstByDatasetIdAndStatusOrderByIdDesc(long datasetId, RunStatus status);

    Optional<Segmentation> findFirstByPublishedAtIsNotNullOrderByPublishedAtDesc();

    Optional<Segmentation> findFirstByStatusOrderByIdDesc(RunStatus status);

    @Modifying
    @Query("update Segmentation s set s.progress = :progress where s.id = :id and s.status = io.customersegments.segmentation.RunStatus.RUNNING")
    int updateProgress(long id, double progress);

}
