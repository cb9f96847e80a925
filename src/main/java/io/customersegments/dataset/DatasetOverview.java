package io.customersegments.dataset;

import java.time.Instant;

/** A dataset's line in the list. */
record DatasetOverview(long id, String name, DatasetKind kind, String sourceFilename, long rowCount,
        long rejectedCount, int columnCount, Instant createdAt) {

    static DatasetOverview of(Dataset dataset) {
        return new DatasetOverview(dataset.getId(), dataset.getName(), dataset.getKind(), dataset.getSourceFilename(),
                dataset.getRowCount(), dataset.getRejectedCount(), dataset.getColumns().size(), dataset.getCreatedAt());
    }

}
