package io.customersegments.segmentation;

import org.springframework.http.HttpStatus;

import io.customersegments.web.ProblemException;

/** Nothing live answers to what was asked: no segment with the key, no customer with the id, no successful run yet. */
public class SegmentNotFoundException extends ProblemException {

    SegmentNotFoundException(String detail) {
        super(HttpStatus.NOT_FOUND, "not-found", "Not found", detail);
    }

}
