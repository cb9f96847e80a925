package io.customersegments.segments;

import io.customersegments.web.ProblemException;

/** Every export slot is taken: the client should try again shortly. */
class ExportsBusyException extends ProblemException {

    ExportsBusyException(int slots) {
        super(503, "exports-busy", "Too many exports in progress", "All " + slots + " export slots are in use "
                + "(setting segmentation.segments.max-concurrent-exports); nothing was sent. Try again in 10 seconds.");
        retryAfter(10);
        with("maxConcurrentExports", slots);
    }

}
