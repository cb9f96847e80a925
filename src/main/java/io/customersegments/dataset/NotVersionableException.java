package io.customersegments.dataset;

import io.customersegments.web.ProblemException;

/** Versions are of uploaded customer tables; a dataset of order lines or one derived from them has none. */
class NotVersionableException extends ProblemException {

    NotVersionableException(long datasetId, String why) {
        super(400, "not-versionable", "Dataset has no versions", "Dataset " + datasetId + " " + why);
        with("datasetId", datasetId);
    }

}
