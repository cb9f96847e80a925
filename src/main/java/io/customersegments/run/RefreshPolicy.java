package io.customersegments.run;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What happens when a new version of a customer table is uploaded.
 *
 * @param datasetId the table's first version, which names all its versions
 * @param onNewVersion SCORE: a scoring run with the live run's model; RETRAIN: a new run with the live run's
 *        parameters; NONE: nothing (the default). Without a live run nothing is started; an RFM live run is always
 *        retrained (its quintiles are of its own customers)
 * @param autoPublish publish the started run when it succeeds, unless it is a scoring run that found drift (which
 *        DRIFT_DETECTED webhooks hear of, and a person decides)
 * @param updatedAt when the policy was last set; null for the default
 */
public record RefreshPolicy(long datasetId, OnNewVersion onNewVersion, boolean autoPublish, Instant updatedAt) {

    /** What a new version starts. */
    @Schema(enumAsRef = true)
    public enum OnNewVersion {
        SCORE, RETRAIN, NONE
    }

    /**
     * A policy as a request sets it.
     *
     * @param onNewVersion required
     * @param autoPublish false when absent
     */
    public record Request(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) OnNewVersion onNewVersion,
            Boolean autoPublish) {
    }

}
