package io.customersegments.dataset;

import java.time.Instant;
import java.util.List;

/**
 * A dataset as the API shows it: what was stored, its column catalogue and the quality report.
 *
 * @param sourceDatasetId for a customer dataset derived from order lines, the TRANSACTIONS dataset they came from
 * @param derivedDatasetId for a TRANSACTIONS dataset, the customer dataset its upload derived
 * @param derivation for a derived customer dataset, the dates it was derived as of
 */
public record DatasetView(long id, String name, DatasetKind kind, String sourceFilename, long sizeBytes, String sha256,
        long rowCount, long rejectedCount, Instant createdAt, List<DatasetColumn> columns, QualityReport quality,
        Long sourceDatasetId, Long derivedDatasetId, Derivation derivation) {

    static DatasetView of(Dataset dataset, Long derivedDatasetId) {
        return new DatasetView(dataset.getId(), dataset.getName(), dataset.getKind(), dataset.getSourceFilename(),
                dataset.getSizeBytes(), dataset.getSha256(), dataset.getRowCount(), dataset.getRejectedCount(),
                dataset.getCreatedAt(), dataset.getColumns(), dataset.getQuality(), dataset.getSourceDatasetId(),
                derivedDatasetId, dataset.getDerivation());
    }

}
