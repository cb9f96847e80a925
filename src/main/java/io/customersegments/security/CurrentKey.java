package io.customersegments.security;

import java.time.Instant;

/**
 * The key a request was made with, as the dashboard shows it.
 *
 * @param securityEnabled false when the service runs without keys (local experiments only)
 */
record CurrentKey(String name, Role role, Instant expiresAt, boolean securityEnabled) {
}
