package io.customersegments.dataset;

import io.customersegments.web.ProblemException;

/** A request parameter of an upload (delimiter, encoding, idColumn, kind, ...) cannot be used. */
class InvalidUploadParameterException extends ProblemException {

    InvalidUploadParameterException(String parameter, String detail) {
        super(400, "invalid-parameter", "Invalid parameter", detail);
        with("parameter", parameter);
    }

}
