package io.customersegments.segments;

/** A customer in a segment's audience: the id, and the distances to its centre and to the runner-up's. */
record AudienceMember(String externalId, double distance, double margin) {
}
