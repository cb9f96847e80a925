package io.customersegments.run;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import io.customersegments.web.ProblemException;

/** A segmentation request that cannot run; nothing was queued. */
class InvalidRunRequestException extends ProblemException {

    /** Errors listed at most: a request naming a feature 200,000 times is answered in a few lines, not megabytes. */
    static final int MAX_LISTED_ERRORS = 100;

    InvalidRunRequestException(List<Map<String, String>> errors) {
        this(List.copyOf(new LinkedHashSet<>(errors)), errors.size());
    }

    private InvalidRunRequestException(List<Map<String, String>> distinct, int given) {
        super(400, "invalid-segmentation-request", "The segmentation request cannot run",
                String.join("; ", distinct.stream().limit(MAX_LISTED_ERRORS).map(error -> error.get("message")).toList())
                        + (distinct.size() > MAX_LISTED_ERRORS ? "; and " + (distinct.size() - MAX_LISTED_ERRORS)
                                + " more" : "") + ". Nothing was queued.");
        with("errors", distinct.stream().limit(MAX_LISTED_ERRORS).toList());
        if (distinct.size() > MAX_LISTED_ERRORS || given > distinct.size()) {
            with("errorCount", distinct.size());
        }
    }

    static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }

}
