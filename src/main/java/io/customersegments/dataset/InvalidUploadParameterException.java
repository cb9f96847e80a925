package io.customersegments.dataset;

import org.springframework.http.HttpStatus;

import io.customersegments.web.ProblemException;

/** A request parameter of an upload (delimiter, encoding, idColumn, kind, ...) cannot be used. */
public class InvalidUploadParameterException extends ProblemException {

    InvalidUploadParameterException(String parameter, String detail) {
        super(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter", detail);
        with("parameter", parameter);
    }

}
