package io.customersegments.dataset;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface DatasetRepository extends JpaRepository<Dataset, Long> {

    Optional<Dataset> findFirstBySha256OrderByIdAsc(String sha256);

    /** The first customer dataset derived from a TRANSACTIONS dataset: the one its upload made. */
    Optional<Dataset> findFirstBySourceDatasetIdOrderByIdAsc(long sourceDatasetId);


    /** The lineage of a dataset, read without loading it. */
    @Query("select d.lineageId from Dataset d where d.id = :id")
    Optional<Long> findLineageIdById(long id);

    /** A lineage's versions, oldest first. */
    List<Dataset> findByLineageIdOrderByVersionAsc(long lineageId);

    Optional<Dataset> findFirstByLineageIdOrderByVersionDesc(long lineageId);

}
