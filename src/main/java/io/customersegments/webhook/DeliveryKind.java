package io.customersegments.webhook;

/** What one delivery carries. */
public enum DeliveryKind {

    /** Up to a batch of one publish's segment changes (ENTERED and EXITED events). */
    CHANGES,

    /** One PUBLISHED event. */
    PUBLISHED,

    /** One RUN_FAILED event. */
    RUN_FAILED,

    /** One DRIFT_DETECTED event. */
    DRIFT_DETECTED,

    /** A TEST event, sent when asked, to check that the receiver answers and checks signatures. */
    TEST

}
