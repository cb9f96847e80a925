package io.customersegments.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import tools.jackson.databind.json.JsonMapper;

/**
 * Bounds every request body but a CSV upload's to {@code segmentation.web.max-body-size}: a declared
 * length beyond it, or a streamed body that grows beyond it, fails the read with
 * {@link RequestBodyTooLargeException}, which the advice answers with 413. So no client can make the
 * service parse an arbitrarily large JSON document into memory.
 */
@Component
// Before Spring Boot's FormContentFilter, which reads PUT/PATCH/DELETE form bodies whole.
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class BoundedBodyFilter extends OncePerRequestFilter {

    private final long maxBytes;

    private final FilterProblems problems;

    BoundedBodyFilter(WebSettings settings, JsonMapper json) {
        this.maxBytes = settings.maxBodySize().toBytes();
        this.problems = new FilterProblems(json);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // Uploads stream into PostgreSQL under segmentation.upload.max-size and never sit in memory.
        return isUpload(request);
    }

    /** A dataset's versions: /api/datasets/{id}/versions. */
    private static final Pattern VERSIONS = Pattern.compile("/api/datasets/[0-9]+/versions");

    /**
     * The uploads: a multipart or raw body to /api/datasets or to a dataset's versions, and a raw body to
     * /api/datasets/csv or /api/datasets/{id}/versions/csv (a multipart body sent there is refused here, before the
     * container would parse and spool it).
     */
    private static boolean isUpload(HttpServletRequest request) {
        if (!HttpMethod.POST.matches(request.getMethod())) {
            return false;
        }
        String path = request.getServletPath();
        if ("/api/datasets".equals(path) || VERSIONS.matcher(path).matches()) {
            return true;
        }
        MediaType type = contentType(request);
        return ("/api/datasets/csv".equals(path) || path.endsWith("/versions/csv")
                && VERSIONS.matcher(path.substring(0, path.length() - "/csv".length())).matches())
                && (type == null || !type.isCompatibleWith(MediaType.MULTIPART_FORM_DATA));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        MediaType type = contentType(request);
        if (type != null && type.isCompatibleWith(MediaType.MULTIPART_FORM_DATA)) {
            // The container would parse (and spool) a multipart body for any path; only uploads take one.
            problems.write(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE.value(), "unsupported-media-type",
                    "Unsupported Media Type", "Only POST /api/datasets and /api/datasets/{id}/versions take a multipart body; send JSON here.", Map.of());
            return;
        }
        if (request.getContentLengthLong() > maxBytes) {
            problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE.value(), "request-too-large",
                    "The request body is too large", RequestBodyTooLargeException.detail(maxBytes),
                    Map.of("maxBytes", maxBytes));
            return;
        }
        chain.doFilter(new BoundedRequest(request, maxBytes), response);
    }

    private static MediaType contentType(HttpServletRequest request) {
        try {
            return request.getContentType() == null ? null : MediaType.parseMediaType(request.getContentType());
        }
        catch (InvalidMediaTypeException ex) {
            return null;
        }
    }

    private static final class BoundedRequest extends HttpServletRequestWrapper {

        private final long maxBytes;

        private ServletInputStream bounded;

        BoundedRequest(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (bounded == null) {
                bounded = new BoundedInputStream(super.getInputStream(), maxBytes);
            }
            return bounded;
        }

    }

    private static final class BoundedInputStream extends ServletInputStream {

        private final ServletInputStream in;

        private final long maxBytes;

        private long read;

        BoundedInputStream(ServletInputStream in, long maxBytes) {
            this.in = in;
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws RequestBodyTooLargeException {
            read += n;
            if (read > maxBytes) {
                throw new RequestBodyTooLargeException(maxBytes);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }

    }

}
