package io.customersegments.web;

import java.net.URI;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A failure the client can act on, answered as an RFC 9457 problem with a stable type URI. Each
 * module's specific exceptions extend it, so the one advice in this package renders them all alike.
 */
public abstract class ProblemException extends ErrorResponseException {

    protected ProblemException(HttpStatus status, String type, String title, String detail) {
        super(status, problem(status, type, title, detail), null);
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("/problems/" + type));
        problem.setTitle(title);
        return problem;
    }

    /** Adds an extension member such as {@code errors} or {@code existingDatasetId} to the problem body. */
    protected final void with(String name, Object value) {
        getBody().setProperty(name, value);
    }

    /** Tells the client when to try again (a Retry-After header), for a problem that passes by itself. */
    protected final void retryAfter(int seconds) {
        getHeaders().set(HttpHeaders.RETRY_AFTER, Integer.toString(seconds));
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }

}
