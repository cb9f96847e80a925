package io.customersegments.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Headers that keep browsers from misreading or framing what the service sends. The policy allows no
 * script but the service's own files (the dashboard has no inline script); inline styles stay allowed,
 * since the charts' SVG carries its styling in attributes.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class SecurityHeadersFilter extends OncePerRequestFilter {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; object-src 'self' blob:; connect-src 'self' blob:; frame-ancestors 'self'; base-uri 'self'; form-action 'self'";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        setHeaders(response);
        chain.doFilter(request, response);
    }

    /** The headers, also for answers written before any filter runs ({@link ContainerErrorReport}). */
    static void setHeaders(HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        // The dashboard embeds the service's own SVG charts in <object>: same origin only, never another site.
        response.setHeader("X-Frame-Options", "SAMEORIGIN");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("Referrer-Policy", "no-referrer");
    }

}
