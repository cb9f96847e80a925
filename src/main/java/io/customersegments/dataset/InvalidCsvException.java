package io.customersegments.dataset;

import java.util.List;

import io.customersegments.web.ProblemException;

/** The file cannot be read as a CSV table: bad encoding, broken quoting, a missing or unusable header, too many columns. */
class InvalidCsvException extends ProblemException {

    InvalidCsvException(String detail, List<RowError> errors) {
        super(400, "invalid-csv", "The file is not a usable CSV table", detail);
        with("errors", errors);
    }

    InvalidCsvException(String detail, RowError error) {
        this(detail, List.of(error));
    }

}
