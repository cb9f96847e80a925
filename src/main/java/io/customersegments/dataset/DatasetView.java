package io.customersegments.dataset;

import java.time.Instant;
import java.util.List;

/**
 * A dataset as the API shows it: what was stored, its column catalogue and the quality report.
 *
 * @param sourceDatasetId for a customer dataset derived from order lines, the TRANSACTIONS dataset they came from
 * @param derivedDatasetId for a TRANSACTIONS dataset, the customer dataset its upload derived
 * @param derivation for a derived customer dataset, the dates it was derived as of
 * @param lineageId the first version's id: it names every version of the customer table, and what is published for
 *        any of them (live segments, segment events, history and webhooks all go by it)
 * @param version the dataset's version in its lineage (1 unless uploaded with POST /api/datasets/{id}/versions)
 */
public record DatasetView(long id, String name, DatasetKind kind, String sourceFilename, long sizeBytes, String sha256,
        long rowCount, long rejectedCount, Instant createdAt, List<DatasetColumn> columns, QualityReport quality,
        Long sourceDatasetId, Long derivedDatasetId, Derivation derivation, long lineageId, int version) {

    static DatasetView of(Dataset dataset, Long derivedDatasetId) {
        return new DatasetView(dataset.getId(), dataset.getName(), dataset.getKind(), dataset.getSourceFilename(),
                dataset.getSizeBytes(), dataset.getSha256(), dataset.getRowCount(), dataset.getRejectedCount(),
                dataset.getCreatedAt(), dataset.getColumns(), dataset.getQuality(), dataset.getSourceDatasetId(),
                derivedDatasetId, dataset.getDerivation(), dataset.getLineageId(), dataset.getVersion());
    }

}
