package io.customersegments.lifetime;

import io.customersegments.web.ProblemException;

/** No lifetime value was fitted to a dataset. */
class NoLifetimeValueException extends ProblemException {

    NoLifetimeValueException(long datasetId) {
        super(404, "no-lifetime-value", "No lifetime value fitted", "No lifetime value was fitted to dataset " + datasetId
                + " (or it does not exist). POST /api/datasets/" + datasetId + "/lifetime-value fits one.");
    }

}
