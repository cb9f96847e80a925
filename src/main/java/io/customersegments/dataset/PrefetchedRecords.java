package io.customersegments.dataset;

import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import de.siegmar.fastcsv.reader.CloseableIterator;

/**
 * The records of an upload, read (received, decoded and parsed) on a thread of their own a few batches ahead of
 * the thread that cleans and stores them, so that the two halves of the work run on two cores. At most
 * {@link #BATCHES_AHEAD} batches and {@link #CHARS_AHEAD} characters wait (a single longer record waits alone):
 * memory stays bounded, and a slow consumer slows the reading. A failure of the reading (bad quoting, bad bytes, an
 * upload too large) reaches the consumer, as the same exception, where the records before it end. Closing stops the
 * reading and waits for it, so the source is never read once this is closed: after a failure of the consumer, that
 * is until the record being received is whole (a stalled client holds the request until the connection's timeout,
 * as it did when one thread read and stored).
 */
// Hand-written: FastCSV reads on the caller's thread, and no library hands parsed records between threads in batches.
final class PrefetchedRecords implements CloseableIterator<RawRecord> {

    static final int BATCHES_AHEAD = 4;

    /** Characters the waiting batches and the one being consumed hold at most (8 MB), bar a single longer batch. */
    static final int CHARS_AHEAD = 1 << 22;

    private static final ExecutorService READERS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "csv-reader");
        thread.setDaemon(true);
        return thread;
    });

    /** Marks the end of the records in the queue. */
    private static final RawRecord.Batch END = new RawRecord.Batch();

    private final CloseableIterator<RawRecord> source;

    private final BlockingQueue<RawRecord.Batch> ready = new ArrayBlockingQueue<>(BATCHES_AHEAD);

    /** Characters that may still be handed over; the consumer gives a batch's back when done with it. */
    private final Semaphore room = new Semaphore(CHARS_AHEAD);

    /** Batches the consumer has finished with, for the reader to fill again. */
    private final BlockingQueue<RawRecord.Batch> free = new ArrayBlockingQueue<>(BATCHES_AHEAD + 2);

    private final RawRecord record = new RawRecord();

    private final Future<?> reading;

    private volatile boolean stopped;

    /** What ended the reading, if not the end of the records; handed over with {@link #END}. */
    private volatile Throwable failure;

    private RawRecord.Batch current;

    private int next;

    private boolean ended;

    /** Starts reading {@code source}'s records on a reader thread. */
    PrefetchedRecords(CloseableIterator<RawRecord> source) {
        this.source = source;
        this.reading = READERS.submit(this::read);
    }

    private void read() {
        RawRecord.Batch batch = newBatch();
        try {
            while (!stopped && source.hasNext()) {
                batch.add(source.next());
                if (batch.isFull()) {
                    if (!hand(batch)) {
                        return;
                    }
                    batch = newBatch();
                }
            }
            if (batch.size() > 0 && !hand(batch)) {
                return;
            }
        }
        catch (Throwable ex) {
            // The records read before the failure come first.
            if (batch.size() > 0 && !hand(batch)) {
                return;
            }
            failure = ex instanceof RuntimeException || ex instanceof Error ? ex : new IllegalStateException(ex);
        }
        hand(END);
    }

    private RawRecord.Batch newBatch() {
        RawRecord.Batch batch = free.poll();
        if (batch == null) {
            return new RawRecord.Batch();
        }
        batch.clear();
        return batch;
    }

    /** Queues a batch for the consumer once there is room; false once it has stopped listening. */
    private boolean hand(RawRecord.Batch batch) {
        int chars = Math.min(batch.chars(), CHARS_AHEAD);
        try {
            while (!room.tryAcquire(chars, 50, TimeUnit.MILLISECONDS)) {
                if (stopped) {
                    return false;
                }
            }
            batch.permits = chars;
            while (!ready.offer(batch, 50, TimeUnit.MILLISECONDS)) {
                if (stopped) {
                    return false;
                }
            }
            return true;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public boolean hasNext() {
        if (current != null && next < current.size()) {
            return true;
        }
        if (ended) {
            return false;
        }
        if (current != null) {
            room.release(current.permits);
            free.offer(current);
            current = null;
        }
        RawRecord.Batch batch = null;
        try {
            while (batch == null) {
                batch = ready.poll(100, TimeUnit.MILLISECONDS);
                if (batch == null && reading.isDone() && ready.isEmpty()) {
                    // The reader ended without saying so (it never should): the records may be incomplete.
                    ended = true;
                    throw new IllegalStateException("The upload's reader stopped before the end of the file");
                }
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the upload", ex);
        }
        if (batch == END) {
            ended = true;
            if (failure instanceof Error error) {
                throw error;
            }
            if (failure != null) {
                throw (RuntimeException) failure;
            }
            return false;
        }
        current = batch;
        next = 0;
        return true;
    }

    /** The next record; the same object each time, valid until the next call. */
    @Override
    public RawRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        record.load(current, next++);
        return record;
    }

    /** Stops the reading and waits until the reader thread has left the source; the source itself stays open. */
    @Override
    public void close() {
        stopped = true;
        ready.clear();
        boolean interrupted = false;
        while (true) {
            try {
                reading.get();
                break;
            }
            catch (InterruptedException ex) {
                interrupted = true;
            }
            catch (ExecutionException ex) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

}
