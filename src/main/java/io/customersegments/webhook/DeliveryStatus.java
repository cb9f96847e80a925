package io.customersegments.webhook;

/** Where a delivery is. */
public enum DeliveryStatus {

    /** Waiting for its first or next attempt (or being sent now). */
    PENDING,

    /** The receiver answered 2xx. */
    DELIVERED,

    /** Every attempt failed until its retries ran out; sent again only when retried by hand. */
    PARKED

}
