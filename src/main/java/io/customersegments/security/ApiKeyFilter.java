package io.customersegments.security;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import io.customersegments.web.DatabaseFailures;

/**
 * Authenticates a request by its API key ({@code Authorization: Bearer <key>} or {@code X-API-Key: <key>}) and
 * takes it from the key's request budget. A request without a key goes on unauthenticated: public resources
 * answer it, the others 401. A key that is given but not valid is a 401 at once, whatever the resource.
 */
final class ApiKeyFilter extends OncePerRequestFilter {

    static final String API_KEY_HEADER = "X-API-Key";

    private static final String BEARER = "bearer ";

    private static final ApiKeyAuthentication UNSECURED = new ApiKeyAuthentication(
            new KeyHolder(0, "anyone (security disabled)", Role.ADMIN, null, null));

    private final KeyChecks keys;

    private final RequestLimits limits;

    private final SecurityProblems problems;

    private final boolean enabled;

    ApiKeyFilter(KeyChecks keys, RequestLimits limits, SecurityProblems problems, boolean enabled) {
        this.keys = keys;
        this.limits = limits;
        this.problems = problems;
        this.enabled = enabled;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!enabled) {
            authenticate(UNSECURED, request, response, chain);
            return;
        }
        String secret = secretOf(request);
        if (secret == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiKeyAuthentication> key;
        try {
            key = secret.isEmpty() ? Optional.empty() : keys.check(secret);
        }
        catch (RuntimeException ex) {
            if (!DatabaseFailures.isUnavailable(ex)) {
                throw ex;
            }
            problems.databaseUnavailable(request, response);
            return;
        }
        if (key.isEmpty()) {
            problems.unauthorized(request, response);
            return;
        }
        long retryAfter = limits.take(key.get().key());
        if (retryAfter > 0) {
            problems.tooManyRequests(request, response, key.get().key(), retryAfter);
            return;
        }
        authenticate(key.get(), request, response, chain);
    }

    private static void authenticate(ApiKeyAuthentication key, HttpServletRequest request,
            HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(key);
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        }
        finally {
            SecurityContextHolder.clearContext();
        }
    }

    /**
     * The key a request brings: null when it brings none, empty when its Authorization header is not a bearer key.
     * A bearer key is looked for first (one header read in the common case: each read is checked by the firewall).
     */
    static String secretOf(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.length() > BEARER.length()
                && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return authorization.substring(BEARER.length()).strip();
        }
        String header = request.getHeader(API_KEY_HEADER);
        if (header != null) {
            return header.strip();
        }
        return authorization == null ? null : "";
    }

}
