package io.customersegments.security;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An API key as stored: a name, a role and the hash of its secret (the secret itself is never kept). */
@Entity
@Table(name = "api_key")
class ApiKey {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String name;

    @Enumerated(EnumType.STRING)
    private Role role;

    private byte[] secretHash;

    private String prefix;

    private Integer requestsPerSecond;

    private Instant createdAt;

    private String createdBy;

    private Instant lastUsedAt;

    private Instant expiresAt;

    private Instant revokedAt;

    protected ApiKey() {
    }

    ApiKey(String name, Role role, byte[] secretHash, String prefix, Integer requestsPerSecond, Instant expiresAt,
            String createdBy, Instant now) {
        this.name = name;
        this.role = role;
        this.secretHash = secretHash;
        this.prefix = prefix;
        this.requestsPerSecond = requestsPerSecond;
        this.expiresAt = expiresAt;
        this.createdBy = createdBy;
        this.createdAt = now;
    }

    Long getId() {
        return id;
    }

    String getName() {
        return name;
    }

    Role getRole() {
        return role;
    }

    String getPrefix() {
        return prefix;
    }

    Integer getRequestsPerSecond() {
        return requestsPerSecond;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    String getCreatedBy() {
        return createdBy;
    }

    Instant getLastUsedAt() {
        return lastUsedAt;
    }

    Instant getExpiresAt() {
        return expiresAt;
    }

    Instant getRevokedAt() {
        return revokedAt;
    }

    boolean isUsableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

}
