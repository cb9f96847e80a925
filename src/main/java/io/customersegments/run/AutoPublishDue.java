package io.customersegments.run;

/**
 * A run started with autoPublish succeeded (without drift): it is published once its result has committed.
 *
 * @param lineageId the table its dataset is a version of
 */
record AutoPublishDue(long segmentationId, long lineageId) {
}
