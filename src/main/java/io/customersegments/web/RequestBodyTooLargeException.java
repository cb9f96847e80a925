package io.customersegments.web;

import java.io.IOException;

/** A request body beyond {@code segmentation.web.max-body-size}; an IOException, since it stops the body's read. */
class RequestBodyTooLargeException extends IOException {

    private final long maxBytes;

    RequestBodyTooLargeException(long maxBytes) {
        super("The request body is larger than " + maxBytes + " bytes");
        this.maxBytes = maxBytes;
    }

    /** What the client hears: the limit, its setting, and what to do. */
    static String detail(long maxBytes) {
        return "The request body is larger than " + maxBytes + " bytes (setting segmentation.web.max-body-size); "
                + "nothing was read further. Send fewer items per request (predict: split the customers into batches).";
    }

    long maxBytes() {
        return maxBytes;
    }

}
