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

    /** The partition of the customer table that holds this dataset's rows. */
    String customerPartition() {
        return customerPartition(id);
    }

    static String customerPartition(long id) {
        return "customer_p" + id;
    }

}
