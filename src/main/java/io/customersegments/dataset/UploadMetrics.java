package io.customersegments.dataset;

import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What uploads store, for the metrics endpoint: rows and bytes per kind, the time the streaming pass (read,
 * check, COPY) took and its throughput in rows per second. Counted when the upload's transaction commits, so a
 * refused or failed upload adds nothing.
 */
@Component
class UploadMetrics {

    private final MeterRegistry meters;

    UploadMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /**
     * Notes an upload in the current transaction, counted once it commits.
     *
     * @param rows the rows (or order lines) read from the file
     * @param bytes the bytes of the file as sent
     * @param copyNanos how long the streaming pass into PostgreSQL took
     */
    void stored(DatasetKind kind, long rows, long bytes, long copyNanos) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                record(kind, rows, bytes, copyNanos);
            }
        });
    }

    private void record(DatasetKind kind, long rows, long bytes, long copyNanos) {
        String tag = kind.name();
        Counter.builder("segmentation.upload.rows").description("Rows (or order lines) read from stored uploads")
            .tag("kind", tag).register(meters).increment(rows);
        Counter.builder("segmentation.upload.bytes").description("Bytes of stored uploads, as sent")
            .baseUnit("bytes").tag("kind", tag).register(meters).increment(bytes);
        Timer.builder("segmentation.upload.copy")
            .description("Time of an upload's streaming pass: read, check and COPY into PostgreSQL")
            .tag("kind", tag).register(meters).record(copyNanos, TimeUnit.NANOSECONDS);
        if (copyNanos > 0) {
            DistributionSummary.builder("segmentation.upload.copy.throughput")
                .description("Rows per second of an upload's streaming pass into PostgreSQL")
                .baseUnit("rows.per.second").tag("kind", tag).register(meters)
                .record(rows * 1e9 / copyNanos);
        }
    }

}
