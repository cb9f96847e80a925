package io.customersegments.run;

import io.customersegments.web.ProblemException;

/** A dataset whose run is published would take the live segments with it. */
class DatasetPublishedException extends ProblemException {

    DatasetPublishedException(long datasetId, long segmentationId) {
        super(409, "dataset-published", "The dataset's segments are live",
                "Run " + segmentationId + " of dataset " + datasetId + " is published: marketing apps read its segments. "
                        + "Publish a run of another dataset first, or delete with force=true to unpublish and delete.");
        with("datasetId", datasetId);
        with("segmentationId", segmentationId);
    }

}
