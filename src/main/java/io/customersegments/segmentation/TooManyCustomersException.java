package io.customersegments.segmentation;

import org.springframework.http.HttpStatus;

import io.customersegments.web.ProblemException;

/** A predict call with more customers than one call may score. */
class TooManyCustomersException extends ProblemException {

    TooManyCustomersException(int sent, int max) {
        super(HttpStatus.CONTENT_TOO_LARGE, "too-many-customers", "Too many customers in one call",
                sent + " customers were sent; one predict call scores at most " + max
                        + " (setting segmentation.runs.max-predict-customers). Send them in batches.");
        with("maxCustomers", max);
    }

}
