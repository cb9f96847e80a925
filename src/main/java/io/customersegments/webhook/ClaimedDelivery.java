package io.customersegments.webhook;

import java.util.Set;
import java.util.UUID;

/**
 * A delivery an instance holds (its lease) while it makes one attempt.
 *
 * @param attempt the attempt this is (1 for the first); results are recorded only while it is still the last
 * @param payload the event of a delivery that is not CHANGES (JSON)
 */
record ClaimedDelivery(long id, UUID deliveryKey, DeliveryKind kind, long webhookId, String url, String secret,
        Set<WebhookEvent> events, Long datasetId, Long segmentationId, Long afterEventId, Long lastEventId,
        String payload, int attempt) {
}
