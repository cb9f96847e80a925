package io.customersegments.dataset;

import org.springframework.stereotype.Component;

import io.customersegments.web.Slots;

/**
 * Bounds the uploads in progress ({@code segmentation.upload.max-concurrent}), each of which holds a
 * database connection while it streams the client's body into COPY. Kept below the connection pool, so
 * however slowly clients send, the other requests always find a connection; beyond it, 503 with
 * Retry-After at once rather than a queue of waiting bodies.
 */
@Component
class UploadSlots extends Slots {

    UploadSlots(UploadSettings settings) {
        super(settings.maxConcurrent(), () -> new UploadsBusyException(settings.maxConcurrent()));
    }

}
