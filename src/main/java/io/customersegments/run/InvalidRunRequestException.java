package io.customersegments.run;

import java.util.List;
import java.util.Map;

import io.customersegments.web.ProblemException;

/** A segmentation request that cannot run; nothing was queued. */
class InvalidRunRequestException extends ProblemException {

    InvalidRunRequestException(List<Map<String, String>> errors) {
        super(400, "invalid-segmentation-request", "The segmentation request cannot run",
                String.join("; ", errors.stream().map(error -> error.get("message")).toList())
                        + ". Nothing was queued.");
        with("errors", errors);
    }

    static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }

}
