package io.customersegments.lifetime;

import java.util.List;
import java.util.Map;

import io.customersegments.web.ProblemException;

/**
 * A lifetime-value request's horizon reaches further than the models are meant to look: a field of the body that
 * breaks a rule, answered as the body's other rules are.
 */
class InvalidHorizonException extends ProblemException {

    InvalidHorizonException(String detail) {
        super(400, "invalid-request-body", "Invalid request body", detail);
        with("errors", List.of(Map.of("field", "horizon", "message", detail)));
    }

}
