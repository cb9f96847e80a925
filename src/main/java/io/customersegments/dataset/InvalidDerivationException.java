package io.customersegments.dataset;

import io.customersegments.web.ProblemException;

/** Customer features cannot be derived as asked: dates that leave no customer, a calibration end after the snapshot. */
class InvalidDerivationException extends ProblemException {

    InvalidDerivationException(String parameter, String detail) {
        super(400, "invalid-derivation", "Customer features cannot be derived", detail);
        with("parameter", parameter);
    }

}
