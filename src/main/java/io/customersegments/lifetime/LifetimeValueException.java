package io.customersegments.lifetime;

import io.customersegments.web.ProblemException;

/** The lifetime-value models cannot be fitted to a dataset: too few repeat customers, no positive spend, ... */
class LifetimeValueException extends ProblemException {

    LifetimeValueException(String detail) {
        super(400, "lifetime-value-not-fitted", "Lifetime value cannot be fitted", detail);
    }

}
