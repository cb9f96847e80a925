package io.customersegments.dataset;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface DatasetRepository extends JpaRepository<Dataset, Long> {

    Optional<Dataset> findFirstBySha256OrderByIdAsc(String sha256);

    /** The first customer dataset derived from a TRANSACTIONS dataset: the one its upload made. */
    Optional<Dataset> findFirstBySourceDatasetIdOrderByIdAsc(long sourceDatasetId);

}
