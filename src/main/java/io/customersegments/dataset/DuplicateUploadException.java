package io.customersegments.dataset;

import org.springframework.http.HttpStatus;

import io.customersegments.web.ProblemException;

/** The same bytes were uploaded before. */
public class DuplicateUploadException extends ProblemException {

    DuplicateUploadException(long existingDatasetId, String sha256) {
        super(HttpStatus.CONFLICT, "duplicate-upload", "This file was already uploaded",
                "A file with the same content (SHA-256 " + sha256 + ") is already dataset " + existingDatasetId
                        + ". Use that dataset, or upload again with force=true to store a second copy.");
        with("existingDatasetId", existingDatasetId);
        with("sha256", sha256);
    }

}
