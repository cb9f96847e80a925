package io.customersegments.dataset;

import io.customersegments.web.ProblemException;

/** A request that needs order lines names a customer dataset. */
class NotTransactionsException extends ProblemException {

    NotTransactionsException(long datasetId, Long sourceDatasetId) {
        super(400, "not-transactions", "Not a dataset of order lines", "Dataset " + datasetId + " holds customers, not "
                + "order lines" + (sourceDatasetId != null ? "; it was derived from the order lines of dataset "
                        + sourceDatasetId + ": use that one." : ". Upload the order lines with kind=TRANSACTIONS."));
        with("datasetId", datasetId);
    }

}
