package io.customersegments.segments;

import io.customersegments.web.ProblemException;

/** Nothing live answers to what was asked: no segment with the key, no customer with the id, no successful run yet. */
class SegmentNotFoundException extends ProblemException {

    SegmentNotFoundException(String detail) {
        super(404, "not-found", "Not found", detail);
    }

}
