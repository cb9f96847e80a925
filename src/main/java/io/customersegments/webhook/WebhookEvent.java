package io.customersegments.webhook;

import io.swagger.v3.oas.annotations.media.Schema;

/** What a webhook can be told about. */
// A named schema: client generators give a list of an inline enum the wrong item type.
@Schema(enumAsRef = true)
public enum WebhookEvent {

    /** A customer entered a live segment (a publish). */
    ENTERED,

    /** A customer left a live segment (a publish). */
    EXITED,

    /** A run became a dataset's live segmentation: its segments and sizes, and how many customers moved. */
    PUBLISHED,

    /** A run failed, with its error. */
    RUN_FAILED,

    /** A scoring run found its customers drifted from those its model was trained on, with its drift report. */
    DRIFT_DETECTED

}
