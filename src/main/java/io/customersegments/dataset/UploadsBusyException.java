package io.customersegments.dataset;

import io.customersegments.web.ProblemException;

/** Every upload slot is taken: the client should try again shortly. */
class UploadsBusyException extends ProblemException {

    static final int RETRY_AFTER_SECONDS = 10;

    UploadsBusyException(int slots) {
        super(503, "uploads-busy", "Too many uploads in progress",
                "All " + slots + " upload slots are in use (setting segmentation.upload.max-concurrent); nothing was "
                        + "read. Try again in " + RETRY_AFTER_SECONDS + " seconds.");
        retryAfter(RETRY_AFTER_SECONDS);
        with("maxConcurrentUploads", slots);
    }

}
