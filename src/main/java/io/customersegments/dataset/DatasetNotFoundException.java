package io.customersegments.dataset;

import org.springframework.http.HttpStatus;

import io.customersegments.web.ProblemException;

/** No dataset has the id asked for. */
public class DatasetNotFoundException extends ProblemException {

    public DatasetNotFoundException(long id) {
        super(HttpStatus.NOT_FOUND, "not-found", "Dataset not found",
                "There is no dataset " + id + ". GET /api/datasets lists the datasets there are.");
        with("datasetId", id);
    }

}
