package io.customersegments.security;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One change made through the API (or refused): who, what, when and how it ended. */
@Entity
@Table(name = "audit_event")
class AuditEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private Instant at;

    private Long keyId;

    private String keyName;

    private String action;

    private String method;

    private String path;

    private int status;

    private String requestId;

    protected AuditEvent() {
    }

    AuditEvent(Instant at, Long keyId, String keyName, String action, String method, String path, int status,
            String requestId) {
        this.at = at;
        this.keyId = keyId;
        this.keyName = keyName;
        this.action = action;
        this.method = method;
        this.path = path;
        this.status = status;
        this.requestId = requestId;
    }

    AuditEntry view() {
        return new AuditEntry(id, at, keyId, keyName, action, method, path, status, requestId);
    }

}
