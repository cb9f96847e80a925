package io.customersegments.dataset;

import io.customersegments.web.ProblemException;

/** The same bytes were uploaded before. */
class DuplicateUploadException extends ProblemException {

    DuplicateUploadException(long existingDatasetId, String sha256) {
        super(409, "duplicate-upload", "This file was already uploaded",
                "A file with the same content (SHA-256 " + sha256 + ") is already dataset " + existingDatasetId
                        + ". Use that dataset, or upload again with force=true to store a second copy.");
        with("existingDatasetId", existingDatasetId);
        with("sha256", sha256);
    }

}
