package io.customersegments.dataset;

import io.customersegments.web.ProblemException;

/** No dataset has the id asked for. */
class DatasetNotFoundException extends ProblemException {

    public DatasetNotFoundException(long id) {
        super(404, "not-found", "Dataset not found",
                "There is no dataset " + id + ". GET /api/datasets lists the datasets there are.");
        with("datasetId", id);
    }

}
