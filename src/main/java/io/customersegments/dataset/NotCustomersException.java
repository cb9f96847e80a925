package io.customersegments.dataset;

import io.customersegments.web.ProblemException;

/** A request that needs customer rows names a dataset of order lines. */
class NotCustomersException extends ProblemException {

    NotCustomersException(long datasetId, Long derivedDatasetId) {
        super(400, "not-customers", "Not a dataset of customers", "Dataset " + datasetId + " holds order lines, not "
                + "customers" + (derivedDatasetId != null ? "; its customers, with their behaviour, are dataset "
                        + derivedDatasetId + ": use that one." : "."));
        with("datasetId", datasetId);
        if (derivedDatasetId != null) {
            with("derivedDatasetId", derivedDatasetId);
        }
    }

}
