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

    private static final KeyHolder UNSECURED = new KeyHolder(0, "anyone (security disabled)", Role.ADMIN, null, null);

    private final ApiKeys keys;

    private final RequestLimits limits;

    private final SecurityProblems problems;

    private final boolean enabled;

    ApiKeyFilter(ApiKeys keys, RequestLimits limits, SecurityProblems problems, boolean enabled) {
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
        Optional<KeyHolder> key;
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
        long retryAfter = limits.take(key.get());
        if (retryAfter > 0) {
            problems.tooManyRequests(request, response, key.get(), retryAfter);
            return;
        }
        authenticate(key.get(), request, response, chain);
    }

    private static void authenticate(KeyHolder key, HttpServletRequest request, HttpServletResponse response,
            FilterChain chain) throws IOException, ServletException {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new ApiKeyAuthentication(key));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        }
        finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** The key a request brings: null when it brings none, empty when its Authorization header is not a bearer key. */
    static String secretOf(HttpServletRequest request) {
        String header = request.getHeader(API_KEY_HEADER);
        if (header != null) {
            return header.strip();
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            return null;
        }
        if (authorization.length() > BEARER.length() && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return authorization.substring(BEARER.length()).strip();
        }
        return "";
    }

}
