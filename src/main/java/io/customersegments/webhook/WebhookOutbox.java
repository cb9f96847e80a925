package io.customersegments.webhook;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import tools.jackson.databind.json.JsonMapper;

import io.customersegments.activation.SegmentChangesWritten;
import io.customersegments.dataset.DatasetDependents;
import io.customersegments.dataset.Datasets;
import io.customersegments.run.DriftDetected;
import io.customersegments.run.RunFailed;

/**
 * The transactional outbox: writes what each webhook is to be sent in the transaction that made the events (a
 * publish, a run's failure), so a delivery exists exactly when its events do, and wakes this instance's senders when
 * that transaction commits. A publish's segment changes go in batches of at most {@code batch-size} events, named
 * by id range (one row per batch and webhook, however many customers moved), then its PUBLISHED event.
 */
@Component
class WebhookOutbox implements DatasetDependents {

    /** Webhooks that hear of a lineage's events (of any version of a table) of one of the given kinds. */
    private static final String SUBSCRIBED = "WHERE (w.dataset_id IS NULL OR w.dataset_id = ?) AND w.events && ?::text[]";

    private static final String RETRY_UNTIL = "now() + ? * interval '1 millisecond'";

    private final JdbcTemplate jdbc;

    private final JsonMapper json;

    private final WebhookSettings settings;

    private final DeliveryWorker worker;

    private final Datasets datasets;

    WebhookOutbox(JdbcTemplate jdbc, JsonMapper json, WebhookSettings settings, DeliveryWorker worker,
            Datasets datasets) {
        this.datasets = datasets;
        this.jdbc = jdbc;
        this.json = json;
        this.settings = settings;
        this.worker = worker;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(SegmentChangesWritten written) {
        int queued = 0;
        if (written.count() > 0) {
            int batch = settings.batchSize();
            queued += jdbc.update("INSERT INTO webhook_delivery (webhook_id, kind, dataset_id, segmentation_id, "
                    + "after_event_id, last_event_id, retry_until) SELECT w.id, 'CHANGES', ?, ?, ? + g * ?, "
                    + "least(? + (g + 1) * ?, ?), " + RETRY_UNTIL + " FROM webhook w "
                    + "CROSS JOIN generate_series(0, (? - ? - 1) / ?) g " + SUBSCRIBED + " ORDER BY w.id, g",
                    written.lineageId(), written.segmentationId(), written.afterId(), batch, written.afterId(), batch,
                    written.lastId(), settings.retryFor().toMillis(), written.lastId(), written.afterId(), batch,
                    written.lineageId(), types(WebhookEvent.ENTERED, WebhookEvent.EXITED));
        }
        if (subscribed(written.lineageId(), WebhookEvent.PUBLISHED)) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("type", WebhookEvent.PUBLISHED);
            event.put("datasetId", written.datasetId());
            event.put("lineageId", written.lineageId());
            event.put("segmentationId", written.segmentationId());
            event.put("previousSegmentationId", written.previousSegmentationId());
            event.put("publishedAt", written.publishedAt());
            event.put("changes", written.count());
            event.put("segments", jdbc.queryForList("SELECT key, name, size, share FROM segment "
                    + "WHERE segmentation_id = ? ORDER BY ordinal", written.segmentationId()));
            queued += single(DeliveryKind.PUBLISHED, written.lineageId(), written.segmentationId(), event);
        }
        wakeAfterCommit(queued);
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(RunFailed failed) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("error", failed.error());
        details.put("failedAt", failed.failedAt());
        runEvent(WebhookEvent.RUN_FAILED, failed.datasetId(), failed.segmentationId(), details);
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(DriftDetected detected) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("detectedAt", detected.detectedAt());
        details.put("drift", detected.drift());
        runEvent(WebhookEvent.DRIFT_DETECTED, detected.datasetId(), detected.segmentationId(), details);
    }

    /**
     * One event about a run (its type, dataset, table and run, then the details) for the webhooks that follow the
     * run's table and hear of that kind; its delivery kind has the event's name.
     */
    private void runEvent(WebhookEvent type, long datasetId, long segmentationId, Map<String, Object> details) {
        long lineage = datasets.lineageOf(datasetId);
        if (subscribed(lineage, type)) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("type", type);
            event.put("datasetId", datasetId);
            event.put("lineageId", lineage);
            event.put("segmentationId", segmentationId);
            event.putAll(details);
            wakeAfterCommit(single(DeliveryKind.valueOf(type.name()), lineage, segmentationId, event));
        }
    }

    /**
     * A deleted dataset's events go with it (a lineage's go with its first version, the last to go): its undelivered
     * batches of changes have nothing left to send, and the webhooks that only followed it (with their deliveries) are
     * removed.
     */
    @Override
    public void datasetDeleting(long datasetId, boolean force) {
        jdbc.update("DELETE FROM webhook WHERE dataset_id = ?", datasetId);
        jdbc.update("DELETE FROM webhook_delivery WHERE dataset_id = ? AND kind = 'CHANGES' AND status <> 'DELIVERED'",
                datasetId);
    }

    private boolean subscribed(long datasetId, WebhookEvent event) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM webhook w " + SUBSCRIBED + ")", Boolean.class,
                datasetId, types(event)));
    }

    private int single(DeliveryKind kind, long datasetId, long segmentationId, Map<String, Object> event) {
        return jdbc.update("INSERT INTO webhook_delivery (webhook_id, kind, dataset_id, segmentation_id, payload, "
                + "retry_until) SELECT w.id, ?, ?, ?, ?::jsonb, " + RETRY_UNTIL + " FROM webhook w " + SUBSCRIBED
                + " ORDER BY w.id",
                kind.name(), datasetId, segmentationId, json.writeValueAsString(event), settings.retryFor().toMillis(),
                datasetId, types(WebhookEvent.valueOf(kind.name())));
    }

    private static String[] types(WebhookEvent... events) {
        return List.of(events).stream().map(Enum::name).toArray(String[]::new);
    }

    private void wakeAfterCommit(int queued) {
        if (queued > 0) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    worker.wake();
                }
            });
        }
    }

}
