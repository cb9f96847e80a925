package io.customersegments.security;

import java.time.Instant;

/**
 * The key a request was made with, as the service remembers it between checks.
 *
 * @param requestsPerSecond the key's own request rate, or null for the service's default
 */
record KeyHolder(long id, String name, Role role, Instant expiresAt, Integer requestsPerSecond) {

    boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

}
