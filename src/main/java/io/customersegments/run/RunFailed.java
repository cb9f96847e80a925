package io.customersegments.run;

import java.time.Instant;

/**
 * A run failed (its error is what the run answers). Published in the transaction that marks it FAILED, so listeners
 * that write in it commit with the failure.
 */
public record RunFailed(long datasetId, long segmentationId, String error, Instant failedAt) {
}
