package io.customersegments.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A delivery to a webhook and its attempts.
 *
 * @param deliveryKey the idempotency id, the same on every attempt (the {@code X-Segments-Delivery} header and the
 *        body's {@code id})
 * @param firstEventId the first segment change it carries (CHANGES), or null
 * @param lastEventId the last segment change it may carry (CHANGES), or null
 * @param attempts attempts begun; one cut short by an instance that stopped or died has no entry in the log
 * @param nextAttemptAt when it is tried again (PENDING)
 * @param retryUntil after this, a failed attempt parks it
 */
record DeliveryView(long id, UUID deliveryKey, DeliveryKind kind, Long datasetId, Long segmentationId,
        Long firstEventId, Long lastEventId, DeliveryStatus status, Instant createdAt, int attempts,
        Instant nextAttemptAt, Instant retryUntil, Instant deliveredAt, Integer lastStatusCode, String lastError,
        List<Attempt> attemptLog) {

    /**
     * One attempt.
     *
     * @param statusCode the receiver's status, or null when none came (connection refused, time-out, refused address)
     */
    record Attempt(int attempt, Instant attemptedAt, Integer statusCode, String error, long durationMillis) {
    }

}
