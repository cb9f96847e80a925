package io.customersegments.run;

/** A run started with autoPublish succeeded (without drift): it is published once its result has committed. */
record AutoPublishDue(long segmentationId) {
}
