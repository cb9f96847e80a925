package io.customersegments.dataset;

import java.time.Instant;

/**
 * A dataset's line in the list.
 *
 * @param lineageId the first version's id, which names all the versions of a customer table
 * @param version the dataset's version in its lineage (1 unless uploaded as a version of another)
 */
record DatasetOverview(long id, String name, DatasetKind kind, String sourceFilename, long rowCount,
        long rejectedCount, int columnCount, Instant createdAt, long lineageId, int version) {

    static DatasetOverview of(Dataset dataset) {
        return new DatasetOverview(dataset.getId(), dataset.getName(), dataset.getKind(), dataset.getSourceFilename(),
                dataset.getRowCount(), dataset.getRejectedCount(), dataset.getColumns().size(), dataset.getCreatedAt(),
                dataset.getLineageId(), dataset.getVersion());
    }

}
