package io.customersegments.segments;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Answers {@code GET /api/segments} (optionally {@code ?dataset=}) from the cached JSON before Spring
 * MVC's dispatch, which costs several times the CPU of writing the bytes (docs/BENCHMARKS.md); marketing
 * apps poll this resource far more than any other. Whatever it cannot answer (another method or
 * parameter, no live run, a database error) goes on to {@link SegmentsController}, which answers
 * the same resource with problem responses. ETags let pollers revalidate with {@code If-None-Match}.
 */
class LiveSegmentsFilter implements Filter {

    /** Request attribute: the failure this filter met loading the live segments, for the controller to answer. */
    static final String FAILURE = LiveSegmentsFilter.class.getName() + ".failure";

    /** Spring Security's default filter order. */
    private static final int SECURITY_FILTER_ORDER = -100;

    private final Segments segments;

    LiveSegmentsFilter(Segments segments) {
        this.segments = segments;
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {

        /** First in the chain, and only for the exact path. */
        @Bean
        FilterRegistrationBean<LiveSegmentsFilter> liveSegmentsFilter(Segments segments) {
            FilterRegistrationBean<LiveSegmentsFilter> registration = new FilterRegistrationBean<>(
                    new LiveSegmentsFilter(segments));
            registration.addUrlPatterns("/api/segments");
            // Just after Spring Security's filter chain (order -100, spring.security.filter.order), which checks the
            // caller's key and role, and before everything else.
            registration.setOrder(SECURITY_FILTER_ORDER + 1);
            return registration;
        }

    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        LiveSegmentsCache.Cached live = "GET".equals(request.getMethod()) ? live(request) : null;
        if (live == null) {
            chain.doFilter(req, res);
            return;
        }
        write(live, request, (HttpServletResponse) res);
    }

    /** The one way the live segments are answered (here and by the controller): ETag, 304 on a match, else the JSON. */
    static void write(LiveSegmentsCache.Cached live, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        response.setHeader(HttpHeaders.ETAG, live.etag());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null && (ifNoneMatch.contains(live.etag()) || ifNoneMatch.strip().equals("*"))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(live.json().length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(live.json());
        }
    }

    /** The cached answer, or null when the request is one for the controller to answer. */
    private LiveSegmentsCache.Cached live(HttpServletRequest request) {
        Long dataset = null;
        String query = request.getQueryString();
        if (query != null) {
            String[] values = request.getParameterValues("dataset");
            if (request.getParameterMap().size() != 1 || values == null || values.length != 1) {
                return null;
            }
            try {
                dataset = Long.valueOf(values[0]);
            }
            catch (NumberFormatException ex) {
                return null;
            }
        }
        try {
            return segments.liveJson(dataset);
        }
        catch (RuntimeException ex) {
            // No live run, or the database is down: the controller turns this failure into a problem response
            // (without asking again, which would double the wait for an unreachable database).
            request.setAttribute(FAILURE, ex);
            return null;
        }
    }

}
