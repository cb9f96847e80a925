package io.customersegments.dataset;

import org.springframework.http.HttpStatus;

import io.customersegments.web.ProblemException;

/** The file holds no header or no data rows. */
public class EmptyCsvException extends ProblemException {

    EmptyCsvException(String detail) {
        super(HttpStatus.BAD_REQUEST, "empty-csv", "The file has no data", detail);
    }

}
