package io.customersegments.dataset;

import io.customersegments.web.ProblemException;

/** A page of customer rows asked in a size whose rows would hold more memory than a page may. */
class PageTooLargeException extends ProblemException {

    PageTooLargeException(String detail) {
        super(400, "invalid-parameter", "Invalid parameter", detail);
        with("parameter", "size");
    }

}
