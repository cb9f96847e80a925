package io.customersegments.webhook;

import java.time.Instant;
import java.util.List;

/**
 * A webhook as listed (never with its secret).
 *
 * @param datasetId only this dataset's events; null for every dataset's
 * @param pending deliveries waiting to be sent
 * @param parked deliveries whose retries ran out (retry them by hand)
 */
record WebhookView(long id, String url, List<WebhookEvent> events, Long datasetId, Instant createdAt,
        String createdBy, long pending, long parked) {
}
