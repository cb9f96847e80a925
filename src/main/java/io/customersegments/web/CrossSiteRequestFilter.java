package io.customersegments.web;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses requests that change state (POST, PUT, PATCH, DELETE) when a browser says they come from
 * another site: a page elsewhere could otherwise make a visitor's browser upload or delete through a
 * "simple" request that needs no CORS preflight. Browsers say so with {@code Sec-Fetch-Site} or, older
 * ones, with an {@code Origin} that is not this service's; clients that are not browsers send neither.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class CrossSiteRequestFilter extends OncePerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final FilterProblems problems;

    private final Set<String> allowedOrigins;

    CrossSiteRequestFilter(JsonMapper json, WebSettings settings) {
        this.problems = new FilterProblems(json);
        this.allowedOrigins = Set.copyOf(settings.allowedOrigins());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return SAFE_METHODS.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (isCrossSite(request, origin)) {
            problems.write(request, response, HttpStatus.FORBIDDEN.value(), "cross-site-request",
                    "Cross-site request refused", request.getMethod() + " requests from another site (" + (origin == null
                            ? "a cross-site page" : origin) + ") are refused; nothing was changed. Call the API from a "
                            + "server, or add the origin to segmentation.web.allowed-origins.", Map.of());
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean isCrossSite(HttpServletRequest request, String origin) {
        if (origin != null && allowedOrigins.contains(origin)) {
            return false;
        }
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null) {
            return fetchSite.equals("cross-site") || (fetchSite.equals("same-site") && origin != null
                    && !isSameOrigin(request, origin));
        }
        // "null" is the origin of sandboxed frames and data: URLs: never this service's own pages.
        return origin != null && (origin.equals("null") || !isSameOrigin(request, origin));
    }

    private static boolean isSameOrigin(HttpServletRequest request, String origin) {
        try {
            URI uri = URI.create(origin);
            String host = request.getHeader(HttpHeaders.HOST);
            return host != null && host.equalsIgnoreCase(uri.getRawAuthority());
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
    }

}
