package io.customersegments.run;

import io.customersegments.web.ProblemException;

/** No segmentation run has the id asked for. */
class RunNotFoundException extends ProblemException {

    RunNotFoundException(long id) {
        super(404, "not-found", "Segmentation not found",
                "There is no segmentation run " + id + ". GET /api/segmentations lists the runs there are.");
        with("segmentationId", id);
    }

}
