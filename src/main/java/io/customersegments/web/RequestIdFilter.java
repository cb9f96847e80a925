package io.customersegments.web;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is a plain token, else a new one. It is
 * answered in the same header, put in every problem response ({@code requestId}) and in the logging context
 * (MDC {@code requestId}, part of every structured log line), so a report can be matched to the log.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Request-Id";

    static final String MDC_KEY = "requestId";

    /** A caller's id is kept when it could not smuggle anything into a header or a log line. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = idFor(request.getHeader(HEADER));
        response.setHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        try {
            chain.doFilter(request, response);
        }
        finally {
            MDC.remove(MDC_KEY);
        }
    }

    /** The caller's id when it is a plain token, else a new one. */
    static String idFor(String given) {
        return given != null && PLAIN.matcher(given).matches() ? given : newId();
    }

    /**
     * A random id in UUID form. Not {@link UUID#randomUUID()}: its one shared SecureRandom is a lock every request
     * would queue on, and an id that only names a request needs no cryptographic strength.
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L; // version 4
        long low = random.nextLong() & ~(0b11L << 62) | 1L << 63; // the IETF variant
        return new UUID(high, low).toString();
    }

    /** The current request's id, for a problem response; null outside a request. */
    static String current() {
        return MDC.get(MDC_KEY);
    }

    /**
     * The id of the request this response answers: the logging context's, else the response's header, which outlives
     * it (the container's error page and its error report run after the filters have cleared the context).
     */
    static String current(HttpServletResponse response) {
        String id = current();
        return id != null ? id : response.getHeader(HEADER);
    }

}
