package io.customersegments.lifetime;

import io.customersegments.web.ProblemException;

/** A lifetime-value request's horizon reaches further than the models are meant to look: the request's fault. */
class InvalidHorizonException extends ProblemException {

    InvalidHorizonException(String detail) {
        super(400, "invalid-parameter", "Invalid request parameters", detail);
        with("parameter", "horizon");
    }

}
