package io.customersegments.web;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure the client can act on, answered as an RFC 9457 problem with a stable type URI. Each
 * module's specific exceptions extend it; they stay plain exceptions (no web framework type), and
 * {@code ProblemDetailsAdvice} in this package turns them into responses.
 */
public abstract class ProblemException extends RuntimeException {

    private final int status;

    private final String type;

    private final String title;

    private final Map<String, Object> properties = new LinkedHashMap<>();

    private Integer retryAfterSeconds;

    /**
     * @param status the HTTP status code, e.g. 404
     * @param type the problem type's last path segment, e.g. {@code not-found} for {@code /problems/not-found}
     */
    protected ProblemException(int status, String type, String title, String detail) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    /** Adds an extension member such as {@code errors} or {@code existingDatasetId} to the problem body. */
    protected final void with(String name, Object value) {
        if (RFC_9457_MEMBERS.contains(name)) {
            // A second "status" would make JSON readers keep whichever comes last: an extension needs a name of its own.
            throw new IllegalArgumentException("\"" + name + "\" is a member RFC 9457 defines, not an extension");
        }
        properties.put(name, value);
    }

    private static final java.util.Set<String> RFC_9457_MEMBERS = java.util.Set.of("type", "title", "status", "detail",
            "instance");

    /** Tells the client when to try again (a Retry-After header), for a problem that passes by itself. */
    protected final void retryAfter(int seconds) {
        retryAfterSeconds = seconds;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> properties() {
        return Collections.unmodifiableMap(properties);
    }

    /** Seconds after which trying again may succeed, or null. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

}
