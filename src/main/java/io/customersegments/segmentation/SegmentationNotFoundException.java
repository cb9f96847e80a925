package io.customersegments.segmentation;

import org.springframework.http.HttpStatus;

import io.customersegments.web.ProblemException;

/** No segmentation run has the id asked for. */
public class SegmentationNotFoundException extends ProblemException {

    SegmentationNotFoundException(long id) {
        super(HttpStatus.NOT_FOUND, "not-found", "Segmentation not found",
                "There is no segmentation run " + id + ". GET /api/segmentations lists the runs there are.");
        with("segmentationId", id);
    }

}
