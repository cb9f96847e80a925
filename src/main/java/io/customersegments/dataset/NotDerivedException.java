package io.customersegments.dataset;

import io.customersegments.web.ProblemException;

/** A request that needs a purchase history names a customer dataset that was uploaded, not derived from order lines. */
class NotDerivedException extends ProblemException {

    NotDerivedException(long datasetId) {
        super(400, "not-derived", "Not derived from order lines", "Dataset " + datasetId + " was uploaded as customers, "
                + "so it has no purchase history. Upload the order lines with kind=TRANSACTIONS and use the customer "
                + "dataset derived from them (derivedDatasetId).");
        with("datasetId", datasetId);
    }

}
