package io.customersegments.segments;

/** A Gaussian mixture run's second most probable segment for a customer, with its probability. */
record RunnerUp(String segmentKey, String segmentName, double probability) {
}
