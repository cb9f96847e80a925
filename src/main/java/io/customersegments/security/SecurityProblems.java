package io.customersegments.security;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import io.customersegments.web.FilterProblems;

/**
 * The problem responses of the key checks: 401 without a valid key (the same words whether the key is missing,
 * unknown, revoked or expired, so they tell nothing of which keys exist), 403 for a role that may not, 429 over a
 * key's request rate. Never a login page or a browser's password prompt.
 */
final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String UNAUTHORIZED_DETAIL = "This request needs a valid API key, sent as \"Authorization: Bearer "
            + "<key>\" or \"X-API-Key: <key>\". The key given, if any, is not valid (it may be mistyped, revoked or "
            + "expired).";

    private final FilterProblems problems;

    private final AuditLog audit;

    SecurityProblems(FilterProblems problems, AuditLog audit) {
        this.problems = problems;
        this.audit = audit;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
            throws IOException {
        unauthorized(request, response);
    }

    void unauthorized(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // "Bearer" without an error code: RFC 6750 §3.1 asks for no more when the request had no usable token.
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"customer-segments\"");
        problems.write(request, response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized", "API key required",
                UNAUTHORIZED_DETAIL, Map.of());
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
            throws IOException {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        String detail;
        if (authentication instanceof ApiKeyAuthentication key) {
            detail = "The key \"" + key.getName() + "\" has the role " + key.getPrincipal().role() + ", which may not "
                    + request.getMethod() + " " + request.getRequestURI() + ". READER keys read the live segments, "
                    + "look customers up, and predict with and draw the charts of published runs; ANALYST keys also "
                    + "upload, run, publish, read everything and draw every chart; ADMIN keys also delete, manage keys "
                    + "and webhooks, and read the audit.";
            audit.refused(key.getPrincipal(), request, HttpServletResponse.SC_FORBIDDEN);
        }
        else {
            detail = "This request is not allowed.";
        }
        problems.write(request, response, HttpServletResponse.SC_FORBIDDEN, "forbidden", "Not allowed for this key",
                detail, Map.of());
    }

    void tooManyRequests(HttpServletRequest request, HttpServletResponse response, KeyHolder key, long retryAfter)
            throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        int rate = key.requestsPerSecond() != null ? key.requestsPerSecond() : -1;
        problems.write(request, response, 429, "too-many-requests", "Too many requests", "The key \"" + key.name()
                + "\" made more requests than its limit" + (rate > 0 ? " of " + rate + " per second" : "")
                + "; nothing was done. Try again in " + retryAfter + " s.", Map.of("retryAfterSeconds", retryAfter));
    }

    void databaseUnavailable(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, "5");
        problems.write(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "database-unavailable",
                "Database unavailable", "The API key could not be checked: the database is unreachable at the moment; "
                        + "nothing was changed. Try again shortly.", Map.of());
    }

}
