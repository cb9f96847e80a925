package io.customersegments.profile;

/** A marketing action for a segment, the channel to run it in, and why it fits. */
public record Recommendation(String action, String channel, String rationale) {
}
