package io.customersegments.webhook;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.customersegments.web.PageView;

/**
 * The deliveries in the database: which are due, who holds them, what their attempts answered. Each webhook's
 * deliveries of one dataset go one at a time in id order (a delivery is due only when no older one of theirs is
 * pending), so a receiver hears a dataset's events in the order they happened; instances share the work through
 * leases ({@code FOR UPDATE SKIP LOCKED}), and an attempt's result counts only while its lease is the last taken.
 */
@Component
class DeliveryQueue {

    /** What a claimed delivery needs to be sent. */
    private static final String CLAIMED_COLUMNS = "d.id, d.delivery_key, d.kind, d.webhook_id, w.url, w.secret, "
            + "w.events, d.dataset_id, d.segmentation_id, d.after_event_id, d.last_event_id, d.payload::text AS payload, "
            + "d.attempts";

    private static final RowMapper<ClaimedDelivery> CLAIMED = (row, n) -> new ClaimedDelivery(row.getLong("id"),
            row.getObject("delivery_key", UUID.class), DeliveryKind.valueOf(row.getString("kind")),
            row.getLong("webhook_id"), row.getString("url"), row.getString("secret"), events(row.getArray("events")),
            nullableLong(row, "dataset_id"), nullableLong(row, "segmentation_id"), nullableLong(row, "after_event_id"),
            nullableLong(row, "last_event_id"), row.getString("payload"), row.getInt("attempts"));

    private static final String DELIVERY_COLUMNS = "id, delivery_key, kind, dataset_id, segmentation_id, "
            + "after_event_id, last_event_id, status, created_at, attempts, next_attempt_at, retry_until, delivered_at, "
            + "last_status_code, last_error";

    private final JdbcTemplate jdbc;

    private final WebhookSettings settings;

    DeliveryQueue(JdbcTemplate jdbc, WebhookSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /**
     * The outcome of one attempt.
     *
     * @param durationMillis how long it took; negative when nothing was sent (no event of a kind the webhook takes)
     */
    record Outcome(boolean delivered, Integer statusCode, String error, long durationMillis) {

        static Outcome nothingToSend() {
            return new Outcome(true, null, null, -1);
        }

    }

    /**
     * Takes up to {@code max} due deliveries, each the oldest pending one of its webhook and dataset and held by no
     * one, and leases them to this instance.
     */
    @Transactional
    List<ClaimedDelivery> claim(int max) {
        // Attempted, out of retries, and held by no one: an attempt whose outcome could never be recorded (or an
        // instance that died in it) must not keep its webhook and dataset waiting for good.
        jdbc.update("UPDATE webhook_delivery SET status = 'PARKED', last_error = coalesce(last_error, "
                + "'The outcome of its last attempt was never recorded.') WHERE status = 'PENDING' AND attempts > 0 "
                + "AND retry_until < now() AND (lease_until IS NULL OR lease_until < now())");
        return jdbc.query("UPDATE webhook_delivery d SET attempts = d.attempts + 1, "
                + "lease_until = now() + ? * interval '1 millisecond' FROM webhook w "
                + "WHERE w.id = d.webhook_id AND d.id IN ("
                + "SELECT c.id FROM webhook_delivery c WHERE c.id IN ("
                + "SELECT DISTINCT ON (webhook_id, dataset_id) id FROM webhook_delivery WHERE status = 'PENDING' "
                + "ORDER BY webhook_id, dataset_id, id) "
                // Checked again on the row as it is when locked: another instance may have just taken or sent it.
                + "AND c.status = 'PENDING' AND c.next_attempt_at <= now() "
                + "AND (c.lease_until IS NULL OR c.lease_until < now()) "
                // Nor while a later one of the same webhook and dataset is being sent (a parked one retried by hand,
                // a failed run's event that committed after a publish's batches): one at a time, always.
                + "AND NOT EXISTS (SELECT 1 FROM webhook_delivery o WHERE o.webhook_id = c.webhook_id "
                + "AND o.dataset_id IS NOT DISTINCT FROM c.dataset_id AND o.status = 'PENDING' "
                + "AND o.lease_until >= now() AND o.id <> c.id) "
                + "ORDER BY c.next_attempt_at, c.id LIMIT ? FOR UPDATE OF c SKIP LOCKED) RETURNING " + CLAIMED_COLUMNS,
                CLAIMED, settings.lease().toMillis(), max);
    }

    /**
     * Makes a TEST delivery to a webhook, held by this instance for one attempt now: it is parked if that fails (retry
     * it by hand), never retried by itself.
     */
    @Transactional
    ClaimedDelivery test(long webhookId, String payload) {
        List<ClaimedDelivery> made = jdbc.query("WITH d AS (INSERT INTO webhook_delivery (webhook_id, kind, payload, "
                + "retry_until, attempts, lease_until) SELECT id, 'TEST', ?::jsonb, now(), 1, "
                + "now() + ? * interval '1 millisecond' FROM webhook WHERE id = ? RETURNING *) SELECT "
                + CLAIMED_COLUMNS + " FROM d JOIN webhook w ON w.id = d.webhook_id",
                CLAIMED, payload, settings.lease().toMillis(), webhookId);
        if (made.isEmpty()) {
            throw new WebhookNotFoundException(webhookId);
        }
        return made.get(0);
    }

    /**
     * Records an attempt's outcome, if the attempt still holds the delivery: delivered, due again after a backoff, or
     * parked when that backoff would end after its retries' end.
     */
    @Transactional
    void record(ClaimedDelivery delivery, Instant attemptedAt, Outcome outcome) {
        long backoff = backoff(delivery.attempt()).toMillis();
        int updated = outcome.delivered()
                ? jdbc.update("UPDATE webhook_delivery SET status = 'DELIVERED', delivered_at = now(), lease_until = NULL, "
                        + "last_status_code = ?, last_error = ? WHERE id = ? AND attempts = ? AND status = 'PENDING'",
                        outcome.statusCode(), outcome.error(), delivery.id(), delivery.attempt())
                : jdbc.update("UPDATE webhook_delivery SET status = CASE WHEN now() + ? * interval '1 millisecond' > "
                        + "retry_until THEN 'PARKED' ELSE 'PENDING' END, next_attempt_at = now() + ? * interval "
                        + "'1 millisecond', lease_until = NULL, last_status_code = ?, last_error = ? "
                        + "WHERE id = ? AND attempts = ? AND status = 'PENDING'",
                        backoff, backoff, outcome.statusCode(), outcome.error(), delivery.id(), delivery.attempt());
        if (updated == 1 && outcome.durationMillis() >= 0) {
            jdbc.update("INSERT INTO webhook_attempt (delivery_id, attempt, attempted_at, status_code, error, duration_ms) "
                    + "VALUES (?, ?, ?, ?, ?, ?)", delivery.id(), delivery.attempt(), Timestamp.from(attemptedAt),
                    outcome.statusCode(), outcome.error(), (int) Math.min(Integer.MAX_VALUE, outcome.durationMillis()));
        }
    }

    /**
     * Gives a delivery back unsent (the instance stops): another instance may take it at once. The attempt stays
     * counted, so attempt numbers only grow and a late outcome of this one can never be taken for the next one's.
     */
    @Transactional
    void release(ClaimedDelivery delivery) {
        jdbc.update("UPDATE webhook_delivery SET lease_until = NULL WHERE id = ? AND attempts = ? AND status = 'PENDING'",
                delivery.id(), delivery.attempt());
    }

    /**
     * The wait before the next attempt: the initial backoff doubled per failed attempt, at most the maximum, less a
     * random part of up to half of it, so the retries of many deliveries do not arrive together.
     */
    Duration backoff(int failedAttempts) {
        long initial = settings.initialBackoff().toMillis();
        long max = settings.maxBackoff().toMillis();
        long full = failedAttempts >= 40 ? max : Math.min(max, initial << Math.min(failedAttempts - 1, 40));
        return Duration.ofMillis(full - ThreadLocalRandom.current().nextLong(full / 2 + 1));
    }

    /** A webhook's deliveries, newest first, with their attempts. */
    @Transactional(readOnly = true)
    PageView<DeliveryView> list(long webhookId, DeliveryStatus status, int page, int size) {
        String where = " FROM webhook_delivery WHERE webhook_id = ?" + (status == null ? "" : " AND status = ?");
        Object[] parameters = status == null ? new Object[] { webhookId } : new Object[] { webhookId, status.name() };
        long total = jdbc.queryForObject("SELECT count(*)" + where, Long.class, parameters);
        List<Object> paged = new ArrayList<>(Arrays.asList(parameters));
        paged.add(size);
        paged.add((long) page * size);
        List<DeliveryView> deliveries = withAttempts(jdbc.query("SELECT " + DELIVERY_COLUMNS + where
                + " ORDER BY id DESC LIMIT ? OFFSET ?", DeliveryQueue::view, paged.toArray()));
        return PageView.of(deliveries, page, size, total);
    }

    /** One delivery of a webhook. */
    @Transactional(readOnly = true)
    DeliveryView find(long webhookId, long deliveryId) {
        List<DeliveryView> found = jdbc.query("SELECT " + DELIVERY_COLUMNS + " FROM webhook_delivery "
                + "WHERE webhook_id = ? AND id = ?", DeliveryQueue::view, webhookId, deliveryId);
        if (found.isEmpty()) {
            throw new DeliveryNotFoundException(webhookId, deliveryId);
        }
        return withAttempts(found).get(0);
    }

    /**
     * A parked delivery is due again now, with a new retry period (and keeps its idempotency id); so are the earlier
     * parked deliveries of its webhook and dataset, which then go first, in the feed's order (the oldest pending one of
     * a webhook and dataset is always the one sent). Without them a later delivery would overtake them; there is no
     * opting out, since a receiver relies on that order.
     */
    @Transactional
    Retried retry(long webhookId, long deliveryId) {
        DeliveryView delivery = find(webhookId, deliveryId);
        if (delivery.status() != DeliveryStatus.PARKED) {
            throw new DeliveryStateException(deliveryId, delivery.status());
        }
        int updated = jdbc.update("UPDATE webhook_delivery SET status = 'PENDING', next_attempt_at = now(), "
                + "retry_until = now() + ? * interval '1 millisecond', lease_until = NULL WHERE webhook_id = ? "
                + "AND status = 'PARKED' AND (id = ? OR id < ? AND dataset_id = (SELECT dataset_id FROM "
                + "webhook_delivery WHERE id = ?)) "
                // Only while the one asked for is still parked; a delivery of no dataset (TEST) brings back itself.
                + "AND EXISTS (SELECT 1 FROM webhook_delivery WHERE id = ? AND status = 'PARKED')",
                settings.retryFor().toMillis(), webhookId, deliveryId, deliveryId, deliveryId, deliveryId);
        if (updated == 0) {
            throw new DeliveryStateException(deliveryId, find(webhookId, deliveryId).status());
        }
        return new Retried(find(webhookId, deliveryId), updated);
    }

    /**
     * A retried delivery and how many deliveries the retry made due: itself and the earlier parked ones it brought
     * back.
     */
    record Retried(DeliveryView delivery, int deliveries) {
    }

    /** Pending and parked deliveries per webhook. */
    Map<Long, long[]> backlog(List<Long> webhookIds) {
        Map<Long, long[]> counts = webhookIds.stream().collect(Collectors.toMap(id -> id, id -> new long[2]));
        jdbc.query("SELECT webhook_id, count(*) FILTER (WHERE status = 'PENDING'), count(*) FILTER (WHERE status = "
                + "'PARKED') FROM webhook_delivery WHERE webhook_id = ANY(?) AND status <> 'DELIVERED' "
                + "GROUP BY webhook_id", row -> {
                    long[] count = counts.get(row.getLong(1));
                    count[0] = row.getLong(2);
                    count[1] = row.getLong(3);
                }, (Object) webhookIds.toArray(Long[]::new));
        return counts;
    }

    private List<DeliveryView> withAttempts(List<DeliveryView> deliveries) {
        if (deliveries.isEmpty()) {
            return deliveries;
        }
        Map<Long, List<DeliveryView.Attempt>> attempts = jdbc.query("SELECT delivery_id, attempt, attempted_at, "
                + "status_code, error, duration_ms FROM webhook_attempt WHERE delivery_id = ANY(?) "
                + "ORDER BY delivery_id, attempt",
                (row, n) -> Map.entry(row.getLong(1), new DeliveryView.Attempt(row.getInt(2),
                        row.getTimestamp(3).toInstant(), (Integer) row.getObject(4), row.getString(5), row.getLong(6))),
                (Object) deliveries.stream().map(DeliveryView::id).toArray(Long[]::new))
            .stream()
            .collect(Collectors.groupingBy(Map.Entry::getKey,
                    Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        return deliveries.stream()
            .map(d -> new DeliveryView(d.id(), d.deliveryKey(), d.kind(), d.datasetId(), d.segmentationId(),
                    d.firstEventId(), d.lastEventId(), d.status(), d.createdAt(), d.attempts(), d.nextAttemptAt(),
                    d.retryUntil(), d.deliveredAt(), d.lastStatusCode(), d.lastError(),
                    attempts.getOrDefault(d.id(), List.of())))
            .toList();
    }

    private static DeliveryView view(ResultSet row, int n) throws SQLException {
        DeliveryStatus status = DeliveryStatus.valueOf(row.getString("status"));
        Long after = nullableLong(row, "after_event_id");
        return new DeliveryView(row.getLong("id"), row.getObject("delivery_key", UUID.class),
                DeliveryKind.valueOf(row.getString("kind")), nullableLong(row, "dataset_id"),
                nullableLong(row, "segmentation_id"), after == null ? null : after + 1,
                nullableLong(row, "last_event_id"), status, instant(row, "created_at"), row.getInt("attempts"),
                status == DeliveryStatus.PENDING ? instant(row, "next_attempt_at") : null, instant(row, "retry_until"),
                instant(row, "delivered_at"), (Integer) row.getObject("last_status_code"), row.getString("last_error"),
                List.of());
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp at = row.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    private static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    /** A webhook's {@code events} column. */
    static Set<WebhookEvent> events(Array array) throws SQLException {
        EnumSet<WebhookEvent> events = EnumSet.noneOf(WebhookEvent.class);
        for (Object name : (Object[]) array.getArray()) {
            events.add(WebhookEvent.valueOf((String) name));
        }
        return events;
    }

}
