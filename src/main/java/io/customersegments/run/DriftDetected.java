package io.customersegments.run;

import java.time.Instant;

/**
 * A scoring run found its customers drifted from those its model was trained on. Published in the transaction that
 * stores the run, so listeners that write in it commit with the run.
 *
 * @param datasetId the scored dataset
 * @param segmentationId the scoring run
 */
public record DriftDetected(long datasetId, long segmentationId, DriftReport drift, Instant detectedAt) {
}
