package io.customersegments.security;

import java.time.Instant;

/**
 * An API key as listed: never its secret.
 *
 * @param prefix the secret's first characters, to recognise the key
 * @param requestsPerSecond the key's own request rate, or null for the service's default
 * @param lastUsedAt when the key was last used (written every few seconds, so up to that much behind)
 * @param active whether the key is accepted now: not revoked and not expired
 */
public record ApiKeyView(long id, String name, Role role, String prefix, Integer requestsPerSecond,
        Instant createdAt, String createdBy, Instant lastUsedAt, Instant expiresAt, Instant revokedAt,
        boolean active) {

    static ApiKeyView of(ApiKey key) {
        return new ApiKeyView(key.getId(), key.getName(), key.getRole(), key.getPrefix(), key.getRequestsPerSecond(),
                key.getCreatedAt(), key.getCreatedBy(), key.getLastUsedAt(), key.getExpiresAt(), key.getRevokedAt(),
                key.isUsableAt(Instant.now()));
    }

}
