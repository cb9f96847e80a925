package io.customersegments.segmentation;

/** A marketing action for a segment, the channel to run it in, and why it fits. */
record Recommendation(String action, String channel, String rationale) {
}
