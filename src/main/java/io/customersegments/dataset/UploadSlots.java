package io.customersegments.dataset;

import java.util.concurrent.Semaphore;

import org.springframework.stereotype.Component;

/**
 * Bounds the uploads in progress ({@code segmentation.upload.max-concurrent}), each of which holds a
 * database connection while it streams the client's body into COPY. Kept below the connection pool, so
 * however slowly clients send, the other requests always find a connection; beyond it, 503 with
 * Retry-After at once rather than a queue of waiting bodies.
 */
@Component
class UploadSlots {

    private final Semaphore slots;

    private final int size;

    UploadSlots(UploadSettings settings) {
        this.size = settings.maxConcurrent();
        this.slots = new Semaphore(size);
    }

    /** A slot for one upload, released when closed; or {@link UploadsBusyException} when all are taken. */
    Slot acquire() {
        if (!slots.tryAcquire()) {
            throw new UploadsBusyException(size);
        }
        return new Slot();
    }

    int inUse() {
        return size - slots.availablePermits();
    }

    final class Slot implements AutoCloseable {

        private boolean released;

        @Override
        public void close() {
            if (!released) {
                released = true;
                slots.release();
            }
        }

    }

}
