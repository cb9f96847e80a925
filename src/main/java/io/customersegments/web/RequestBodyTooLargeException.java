package io.customersegments.web;

import java.io.IOException;

/** A request body beyond {@code segmentation.web.max-body-size}; an IOException, since it stops the body's read. */
class RequestBodyTooLargeException extends IOException {

    private final long maxBytes;

    RequestBodyTooLargeException(long maxBytes) {
        super("The request body is larger than " + maxBytes + " bytes");
        this.maxBytes = maxBytes;
    }

    long maxBytes() {
        return maxBytes;
    }

}
