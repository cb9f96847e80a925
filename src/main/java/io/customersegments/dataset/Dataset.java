package io.customersegments.dataset;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.springframework.data.domain.Persistable;

/**
 * An uploaded file's metadata: its catalogue of columns, quality report and column statistics. The
 * rows themselves live in the customer table. The id is reserved before the rows are loaded (they
 * carry it), hence {@link Persistable} with an assigned id.
 */
@Entity
@Table(name = "dataset")
class Dataset implements Persistable<Long> {

    @Id
    private Long id;

    private String name;

    @Enumerated(EnumType.STRING)
    private DatasetKind kind;

    private String sourceFilename;

    private String sha256;

    private long sizeBytes;

    private long rowCount;

    private long rejectedCount;

    @JdbcTypeCode(SqlTypes.JSON)
    private List<DatasetColumn> columns;

    @JdbcTypeCode(SqlTypes.JSON)
    private QualityReport quality;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "summary")
    private ColumnSummaries summaries;

    private Instant createdAt;

    /** For a dataset derived from order lines: the TRANSACTIONS dataset they came from (null once it is deleted). */
    private Long sourceDatasetId;

    @JdbcTypeCode(SqlTypes.JSON)
    private Derivation derivation;

    /** The lineage the dataset is a version of, named by its first version's id (its own id unless it is a later version). */
    private long lineageId;

    /** 1 for a dataset uploaded on its own; n for the n-th version of its lineage. */
    private int version;

    @Transient
    private boolean isNew = true;

    protected Dataset() {
    }

    Dataset(long id, String name, String sourceFilename, String sha256, long sizeBytes, CsvImport imported) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A dataset needs a name");
        }
        this.id = id;
        this.name = name;
        this.kind = DatasetKind.CUSTOMERS;
        this.sourceFilename = sourceFilename;
        this.sha256 = sha256;
        this.sizeBytes = sizeBytes;
        this.rowCount = imported.rowCount();
        this.rejectedCount = imported.quality().rejectedRows();
        this.columns = imported.columns();
        this.quality = imported.quality();
        this.summaries = imported.summaries();
        this.createdAt = Instant.now();
        this.lineageId = id;
        this.version = 1;
    }

    /** Makes this newly uploaded dataset the version after {@code latest}, in its lineage. */
    void followVersion(Dataset latest) {
        this.lineageId = latest.lineageId;
        this.version = latest.version + 1;
    }

    /** A dataset of order lines: its rows are in the order_line table, its catalogue is empty. */
    static Dataset ofTransactions(long id, String name, String sourceFilename, String sha256, long sizeBytes,
            QualityReport quality) {
        Dataset dataset = new Dataset(id, name, sourceFilename, sha256, sizeBytes,
                new CsvImport(quality.acceptedRows(), List.of(), quality, new ColumnSummaries(List.of(), List.of(), List.of())));
        dataset.kind = DatasetKind.TRANSACTIONS;
        return dataset;
    }

    /** A customer dataset computed from the order lines of {@code sourceDatasetId}. */
    static Dataset derived(long id, String name, long sourceDatasetId, Derivation derivation, CsvImport computed) {
        Dataset dataset = new Dataset(id, name, null, null, 0, computed);
        dataset.sourceDatasetId = sourceDatasetId;
        dataset.derivation = derivation;
        return dataset;
    }

    @Override
    public Long getId() {
        return id;
    }

    @Override
    public boolean isNew() {
        return isNew;
    }

    @PostLoad
    @PostPersist
    void markStored() {
        isNew = false;
    }

    String getName() {
        return name;
    }

    DatasetKind getKind() {
        return kind;
    }

    String getSourceFilename() {
        return sourceFilename;
    }

    String getSha256() {
        return sha256;
    }

    long getSizeBytes() {
        return sizeBytes;
    }

    long getRowCount() {
        return rowCount;
    }

    long getRejectedCount() {
        return rejectedCount;
    }

    List<DatasetColumn> getColumns() {
        return columns;
    }

    QualityReport getQuality() {
        return quality;
    }

    ColumnSummaries getSummaries() {
        return summaries;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    /**
     * Adds columns to the catalogue, the quality report and the summaries, or replaces those of the same key.
     */
    void putColumns(List<DatasetColumn> added, List<ColumnQuality> addedQuality, List<ColumnSummaries.Numeric> addedSummaries) {
        this.columns = replaceOrAppend(columns, added, DatasetColumn::key);
        this.quality = new QualityReport(quality.dataRows(), quality.acceptedRows(), quality.rejectedRows(),
                quality.blankRowsSkipped(), quality.rejectedShare(), quality.encoding(), quality.delimiter(),
                replaceOrAppend(quality.columns(), addedQuality, ColumnQuality::key), quality.errors(),
                quality.errorsTruncated(), quality.warnings(), quality.transactions(), quality.valueWarnings());
        this.summaries = new ColumnSummaries(replaceOrAppend(summaries.numeric(), addedSummaries,
                ColumnSummaries.Numeric::key), summaries.categorical(), summaries.dates());
    }

    private static <T> List<T> replaceOrAppend(List<T> existing, List<T> added, java.util.function.Function<T, String> key) {
        List<T> result = new java.util.ArrayList<>(existing);
        for (T item : added) {
            int at = -1;
            for (int i = 0; i < result.size(); i++) {
                if (key.apply(result.get(i)).equals(key.apply(item))) {
                    at = i;
                }
            }
            if (at >= 0) {
                result.set(at, item);
            }
            else {
                result.add(item);
            }
        }
        return List.copyOf(result);
    }

    Long getSourceDatasetId() {
        return sourceDatasetId;
    }

    Derivation getDerivation() {
        return derivation;
    }

    long getLineageId() {
        return lineageId;
    }

    int getVersion() {
        return version;
    }

    /** The partition that holds this dataset's rows: of the customer table, or of order_line for TRANSACTIONS. */
    String partition() {
        return kind == DatasetKind.TRANSACTIONS ? orderLinePartition(id) : customerPartition(id);
    }

    static String orderLinePartition(long id) {
        return "order_line_p" + id;
    }

    static String customerPartition(long id) {
        return "customer_p" + id;
    }

    /**
     * The statement that gathers a new customer partition's statistics at once (autovacuum may be late or off:
     * unanalysed, the planner takes a 10M-row partition for 50,000 rows and scans it whole where an index finds a
     * few thousand). Only the key columns that lookups and joins filter on: the value arrays' element statistics
     * took five times as long (10-12 ms against 2 ms for 4,338 customers) and no query filters on them. Those
     * columns are a constant and two unique keys, whose row count, distinct count and even spread a sample of 3,000
     * rows tells as well as the default 30,000: 11 ms instead of 100 ms at 1M customers. The target goes back to its
     * default for the rest of the transaction.
     */
    static String analyzeCustomerPartition(String partition) {
        return "SET LOCAL default_statistics_target = 10; ANALYZE " + partition + " (dataset_id, row_no, external_id); "
                + "SET LOCAL default_statistics_target TO DEFAULT";
    }

}
