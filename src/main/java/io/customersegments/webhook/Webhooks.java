package io.customersegments.webhook;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

import io.customersegments.dataset.DatasetView;
import io.customersegments.dataset.Datasets;
import io.customersegments.web.PageView;

/** Making, listing, removing and testing webhooks. */
@Service
class Webhooks {

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final String COLUMNS = "SELECT id, url, events, dataset_id, created_at, created_by FROM webhook ";

    private final JdbcTemplate jdbc;

    private final WebhookTargets targets;

    private final Datasets datasets;

    private final DeliveryQueue deliveries;

    private final DeliverySender sender;

    private final JsonMapper json;

    private final DeliveryWorker worker;

    Webhooks(JdbcTemplate jdbc, WebhookTargets targets, Datasets datasets, DeliveryQueue deliveries,
            DeliverySender sender, JsonMapper json, DeliveryWorker worker) {
        this.worker = worker;
        this.jdbc = jdbc;
        this.targets = targets;
        this.datasets = datasets;
        this.deliveries = deliveries;
        this.sender = sender;
        this.json = json;
    }

    /** Not in a transaction: the URL's host is resolved first, without holding a connection. */
    NewWebhook create(WebhookRequest request, String createdBy) {
        String url;
        try {
            url = targets.parse(request.url()).toString();
        }
        catch (WebhookTargets.RefusedTarget ex) {
            throw new InvalidWebhookException("url", ex.getMessage());
        }
        if (request.events() != null && request.events().isEmpty()) {
            throw new InvalidWebhookException("events", "A webhook takes at least one kind of event (leave events out "
                    + "for every kind).");
        }
        Set<WebhookEvent> events = request.events() == null ? EnumSet.allOf(WebhookEvent.class)
                : EnumSet.copyOf(request.events());
        DatasetView followed = request.dataset() == null ? null : datasets.find(request.dataset());
        if (followed != null && followed.derivedDatasetId() != null) {
            // Order lines are never published themselves: the customers derived from them are.
            throw new InvalidWebhookException("dataset", "Dataset " + followed.id() + " holds order lines, whose "
                    + "segments are published on the customers derived from them: follow dataset "
                    + followed.derivedDatasetId() + " instead.");
        }
        // The versions of a table share what is published: a webhook follows them all, by the first version's id.
        Long lineage = followed == null ? null : followed.lineageId();
        String secret = request.secret() != null ? request.secret() : "whsec_" + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(randomBytes());
        long id = jdbc.queryForObject("INSERT INTO webhook (url, events, dataset_id, secret, created_by) "
                + "VALUES (?, ?::text[], ?, ?, ?) RETURNING id", Long.class, url,
                events.stream().map(Enum::name).toArray(String[]::new), lineage, secret, createdBy);
        return new NewWebhook(find(id), secret);
    }

    @Transactional(readOnly = true)
    PageView<WebhookView> list(int page, int size) {
        long total = jdbc.queryForObject("SELECT count(*) FROM webhook", Long.class);
        return PageView.of(views(jdbc.query(COLUMNS + "ORDER BY id LIMIT ? OFFSET ?", Webhooks::row, size,
                (long) page * size)), page, size, total);
    }

    @Transactional(readOnly = true)
    WebhookView find(long id) {
        List<Row> found = jdbc.query(COLUMNS + "WHERE id = ?", Webhooks::row, id);
        if (found.isEmpty()) {
            throw new WebhookNotFoundException(id);
        }
        return views(found).get(0);
    }

    /** Removes a webhook with its deliveries: nothing more is sent to it (an attempt under way still ends). */
    @Transactional
    void delete(long id) {
        if (jdbc.update("DELETE FROM webhook WHERE id = ?", id) == 0) {
            throw new WebhookNotFoundException(id);
        }
    }

    /**
     * Sends a TEST event now and answers how it went; it is kept among the deliveries (parked if it failed).
     * Not in a transaction: the receiver is waited for without holding a database connection.
     */
    DeliveryView test(long id) throws InterruptedException {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", DeliveryKind.TEST);
        event.put("webhookId", id);
        event.put("sentAt", Instant.now());
        ClaimedDelivery delivery = deliveries.test(id, json.writeValueAsString(event));
        Instant at = Instant.now();
        deliveries.record(delivery, at, sender.send(delivery));
        try {
            return deliveries.find(id, delivery.id());
        }
        catch (DeliveryNotFoundException gone) {
            // Deleted while the test was sent: the webhook went with its deliveries, and that is what to say.
            find(id);
            throw gone;
        }
    }

    /** A webhook's deliveries, newest first. */
    PageView<DeliveryView> deliveries(long id, DeliveryStatus status, int page, int size) {
        find(id);
        return deliveries.list(id, status, page, size);
    }

    DeliveryView delivery(long id, long deliveryId) {
        return deliveries.find(id, deliveryId);
    }

    /** A parked delivery is due again, and this instance looks for it at once. */
    DeliveryQueue.Retried retry(long id, long deliveryId) {
        DeliveryQueue.Retried retried = deliveries.retry(id, deliveryId);
        worker.wake();
        return retried;
    }

    private record Row(long id, String url, List<WebhookEvent> events, Long datasetId, Instant createdAt,
            String createdBy) {
    }

    private List<WebhookView> views(List<Row> rows) {
        Map<Long, long[]> backlog = deliveries.backlog(rows.stream().map(Row::id).toList());
        List<WebhookView> views = new ArrayList<>(rows.size());
        for (Row row : rows) {
            long[] counts = backlog.get(row.id());
            views.add(new WebhookView(row.id(), row.url(), row.events(), row.datasetId(), row.createdAt(),
                    row.createdBy(), counts[0], counts[1]));
        }
        return views;
    }

    private static Row row(ResultSet row, int n) throws SQLException {
        long dataset = row.getLong("dataset_id");
        Long datasetId = row.wasNull() ? null : dataset;
        return new Row(row.getLong("id"), row.getString("url"), List.copyOf(DeliveryQueue.events(row.getArray("events"))),
                datasetId, row.getTimestamp("created_at").toInstant(), row.getString("created_by"));
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

}
