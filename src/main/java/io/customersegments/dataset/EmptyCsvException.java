package io.customersegments.dataset;

import io.customersegments.web.ProblemException;

/** The file holds no header or no data rows. */
class EmptyCsvException extends ProblemException {

    EmptyCsvException(String detail) {
        super(400, "empty-csv", "The file has no data", detail);
    }

}
