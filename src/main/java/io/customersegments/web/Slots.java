package io.customersegments.web;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * A fixed number of slots for work that holds a scarce resource (a database connection) for as long as a
 * client takes; when all are taken the request is refused at once (a 503 with Retry-After), never queued.
 */
public class Slots {

    private final Semaphore slots;

    private final int size;

    private final Supplier<? extends RuntimeException> busy;

    protected Slots(int size, Supplier<? extends RuntimeException> busy) {
        this.size = size;
        this.slots = new Semaphore(size);
        this.busy = busy;
    }

    /** A slot, released when closed (once, however often closed); or the busy exception when all are taken. */
    public Slot acquire() {
        if (!slots.tryAcquire()) {
            throw busy.get();
        }
        return new Slot();
    }

    public int inUse() {
        return size - slots.availablePermits();
    }

    public final class Slot implements AutoCloseable {

        private boolean released;

        private Slot() {
        }

        @Override
        public synchronized void close() {
            if (!released) {
                released = true;
                slots.release();
            }
        }

    }

}
