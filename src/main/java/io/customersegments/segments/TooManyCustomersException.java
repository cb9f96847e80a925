package io.customersegments.segments;

import io.customersegments.web.ProblemException;

/** A predict call with more customers than one call may score. */
class TooManyCustomersException extends ProblemException {

    TooManyCustomersException(int max) {
        super(413, "too-many-customers", "Too many customers in one call",
                "More than " + max + " customers were sent; one predict call scores at most " + max
                        + " (setting segmentation.segments.max-predict-customers). Send them in batches.");
        with("maxCustomers", max);
    }

}
