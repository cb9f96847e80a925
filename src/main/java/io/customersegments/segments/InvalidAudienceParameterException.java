package io.customersegments.segments;

import io.customersegments.web.ProblemException;

/** A parameter of a segment's audience that cannot be used as asked. */
class InvalidAudienceParameterException extends ProblemException {

    InvalidAudienceParameterException(String parameter, String detail) {
        super(400, "invalid-parameter", "Invalid parameter", detail);
        with("parameter", parameter);
    }

}
