package io.customersegments.web;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat answers some requests before any servlet sees them, with its own HTML page: a path that holds an encoded
 * slash or backslash ({@code %2F}, {@code %5C}), a malformed escape ({@code %ZZ}) or an encoded NUL. This replaces the
 * host's error report with a problem, so every answer of the service is {@code application/problem+json}.
 */
@Configuration(proxyBeanMethods = false)
class ContainerErrorReport {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReport(JsonMapper json) {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
                // Spring Boot adds Tomcat's own error report valve too: one report, and it is the problem.
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve && !(valve instanceof ProblemReportValve)) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.getPipeline().addValve(new ProblemReportValve(json));
            }
        });
    }

    /** An encoded slash, backslash or NUL, or a % not followed by two hexadecimal digits. */
    private static final Pattern REFUSED_ESCAPE = Pattern.compile("%(?:2[fF]|5[cC]|00|(?![0-9a-fA-F]{2}))");

    static boolean hasRefusedEscape(String uri) {
        return uri != null && REFUSED_ESCAPE.matcher(uri).find();
    }

    /** Tomcat's error report valve, writing a problem instead of a page; Spring MVC's own answers pass untouched. */
    static final class ProblemReportValve extends ErrorReportValve {

        private final FilterProblems problems;

        /** Tomcat instantiates the host's error report class by name when none is in the pipeline. */
        public ProblemReportValve() {
            this(JsonMapper.shared());
        }

        ProblemReportValve(JsonMapper json) {
            this.problems = new FilterProblems(json);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0) {
                return;
            }
            // As Tomcat's own report checks: no writing on a connection that can take no more.
            AtomicBoolean ioAllowed = new AtomicBoolean(true);
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
            if (!ioAllowed.get() || !response.setErrorReported()) {
                return;
            }
            // Tomcat's word for a request line or header past server.max-http-request-header-size, answered 400.
            boolean tooLarge = status == 400 && throwable instanceof IllegalArgumentException
                    && "Request header is too large".equals(throwable.getMessage());
            // Without a URI Tomcat could not read the request line itself: the path and query are too long.
            boolean lineTooLong = tooLarge && request.getRequestURI() == null;
            if (tooLarge) {
                status = lineTooLong ? HttpStatus.URI_TOO_LONG.value()
                        : HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE.value();
                response.setStatus(status);
            }
            HttpStatus known = HttpStatus.resolve(status);
            // The id the filters gave, when they ran; else the caller's own, as the filter would keep it.
            String given = response.getHeader(RequestIdFilter.HEADER);
            String id = given != null ? given : RequestIdFilter.idFor(request.getHeader(RequestIdFilter.HEADER));
            // Mapped to no servlet, with an escape Tomcat refuses in the path: refused while it read the request line.
            boolean badPath = status == 400 && request.getWrapper() == null && hasRefusedEscape(request.getRequestURI());
            String detail = badPath ? "The request's path or query could not be read: it holds an escape the server "
                    + "refuses (an encoded slash %2F or backslash %5C, an encoded NUL %00, or a malformed %XX). A "
                    + "customer id that holds a slash is looked up with /api/customers/segment?customerId=…"
                    : lineTooLong ? "The request's path and query are longer than the server reads (its request line "
                            + "and headers together may hold server.max-http-request-header-size, 8 KB unless set); "
                            + "send long values in a body (predict takes customers as JSON)."
                    : tooLarge ? "The request's headers are larger than the server reads (with the request line, "
                            + "server.max-http-request-header-size, 8 KB unless set)."
                    : "The request could not be handled (" + (known == null ? status : known.getReasonPhrase()) + ").";
            String type = lineTooLong ? "uri-too-long" : tooLarge ? "headers-too-large"
                    : status < 500 ? "invalid-request" : "internal-error";
            try {
                response.setHeader(RequestIdFilter.HEADER, id);
                SecurityHeadersFilter.setHeaders(response);
                problems.write(request, response, status, type,
                        known == null ? "Error" : known.getReasonPhrase(), detail, Map.of());
                response.finishResponse();
            }
            catch (IOException | IllegalStateException ex) {
                // The client has gone, or the response cannot take a body any more: nothing left to tell.
            }
        }

    }

}
