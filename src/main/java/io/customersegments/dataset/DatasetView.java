package io.customersegments.dataset;

import java.time.Instant;
import java.util.List;

/** A dataset as the API shows it: what was stored, its column catalogue and the quality report. */
public record DatasetView(long id, String name, DatasetKind kind, String sourceFilename, long sizeBytes, String sha256,
        long rowCount, long rejectedCount, Instant createdAt, List<DatasetColumn> columns, QualityReport quality) {

    static DatasetView of(Dataset dataset) {
        return new DatasetView(dataset.getId(), dataset.getName(), dataset.getKind(), dataset.getSourceFilename(),
                dataset.getSizeBytes(), dataset.getSha256(), dataset.getRowCount(), dataset.getRejectedCount(),
                dataset.getCreatedAt(), dataset.getColumns(), dataset.getQuality());
    }

}
