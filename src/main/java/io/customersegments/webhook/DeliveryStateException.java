package io.customersegments.webhook;

import io.customersegments.web.ProblemException;

class DeliveryStateException extends ProblemException {

    DeliveryStateException(long deliveryId, DeliveryStatus status) {
        super(409, "delivery-not-parked", "Delivery not parked", "Only a PARKED delivery can be retried; delivery "
                + deliveryId + " is " + status + (status == DeliveryStatus.PENDING ? " (it is retried by itself)." : "."));
        with("deliveryId", deliveryId);
        with("deliveryStatus", status);
    }

}
