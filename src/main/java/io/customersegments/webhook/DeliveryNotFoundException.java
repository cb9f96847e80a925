package io.customersegments.webhook;

import io.customersegments.web.ProblemException;

class DeliveryNotFoundException extends ProblemException {

    DeliveryNotFoundException(long webhookId, long deliveryId) {
        super(404, "not-found", "Delivery not found", "Webhook " + webhookId + " has no delivery " + deliveryId + ".");
        with("webhookId", webhookId);
        with("deliveryId", deliveryId);
    }

}
