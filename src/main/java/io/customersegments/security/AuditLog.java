package io.customersegments.security;

import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.customersegments.web.PageView;

/**
 * Records the changes made through the API (uploads, runs, publishes, deletes, key changes, and attempts a
 * key's role refused) with the key's name. A record that cannot be written (the database is away) is logged
 * instead; the change itself has been answered by then.
 */
@Service
class AuditLog {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    private final AuditEventRepository events;

    AuditLog(AuditEventRepository events) {
        this.events = events;
    }

    void record(KeyHolder key, String action, HttpServletRequest request, int status) {
        AuditEvent event = new AuditEvent(Instant.now(), key == null || key.id() == 0 ? null : key.id(),
                key == null ? null : key.name(), action, request.getMethod(), pathOf(request), status,
                MDC.get("requestId"));
        try {
            events.save(event);
        }
        catch (RuntimeException ex) {
            log.warn("Audit entry not stored ({}): {} {} {} by {} -> {}", ex.getMessage(), action, request.getMethod(),
                    pathOf(request), key == null ? "?" : key.name(), status);
        }
    }

    /** A change the service made by itself, as the request that would have made it through the API. */
    void saveBySystem(String actor, String action, String method, String path, int status) {
        events.save(new AuditEvent(Instant.now(), null, actor, action, method, path, status, MDC.get("requestId")));
    }

    void refused(KeyHolder key, HttpServletRequest request, int status) {
        if (AuditInterceptor.CHANGES.contains(request.getMethod())) {
            record(key, "refused", request, status);
        }
    }

    @Transactional(readOnly = true)
    PageView<AuditEntry> list(int page, int size) {
        var found = events.findAllByOrderByIdDesc(PageRequest.of(page, size));
        return PageView.of(found.map(AuditEvent::view).getContent(), page, size, found.getTotalElements());
    }

    private static String pathOf(HttpServletRequest request) {
        String query = request.getQueryString();
        String path = query == null ? request.getRequestURI() : request.getRequestURI() + "?" + query;
        // Bounded: a path is the client's to choose.
        return path.length() > 2000 ? path.substring(0, 2000) : path;
    }

}
