package io.customersegments.dataset;

import java.time.LocalDate;

import io.customersegments.web.ProblemException;

/** Order lines a request needs were deleted: only what the derived dataset keeps can be used. */
class SourceDeletedException extends ProblemException {

    SourceDeletedException(long datasetId, LocalDate calibrationEnd) {
        super(409, "source-deleted", "The order lines were deleted", "The order lines dataset " + datasetId
                + " was derived from has been deleted, so only its own purchase history (to " + calibrationEnd
                + ") can be used: leave out calibrationEnd and holdoutEnd, or upload the order lines again.");
        with("datasetId", datasetId);
    }

}
