package io.customersegments.clustering;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.ObjIntConsumer;
import java.util.function.Supplier;

/**
 * A fixed team of threads that runs numbered tasks (row blocks) to completion, the calling thread
 * taking part. Tasks write only to their own slots, so results never depend on which thread ran what.
 */
final class Workers implements AutoCloseable {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int threads;

    private final ExecutorService helpers;

    Workers(int threads) {
        if (threads < 1) {
            throw InvalidClusteringInputException.option("threads must be at least 1 but was " + threads);
        }
        this.threads = threads;
        this.helpers = (threads == 1) ? null : Executors.newFixedThreadPool(threads - 1, daemonThreads());
    }

    static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    int threads() {
        return this.threads;
    }

    /** Runs {@code task} for every index in [0, tasks) and returns when all have finished. */
    void forEach(int tasks, IntConsumer task) {
        forEach(tasks, () -> null, (none, t) -> task.accept(t));
    }

    /**
     * As {@link #forEach(int, IntConsumer)}, each thread that runs tasks (the caller and the helpers) making one work
     * state of its own, on its first task, and handing it to every task it runs.
     */
    <S> void forEach(int tasks, Supplier<S> state, ObjIntConsumer<S> task) {
        if (this.helpers == null || tasks <= 1) {
            S own = (tasks > 0) ? state.get() : null;
            for (int t = 0; t < tasks; t++) {
                task.accept(own, t);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            S own = null;
            for (int t = next.getAndIncrement(); t < tasks; t = next.getAndIncrement()) {
                if (own == null) {
                    own = state.get();
                }
                task.accept(own, t);
            }
        };
        int helperCount = Math.min(this.threads - 1, tasks - 1);
        Future<?>[] running = new Future<?>[helperCount];
        for (int h = 0; h < helperCount; h++) {
            running[h] = this.helpers.submit(worker);
        }
        Throwable failure = null;
        try {
            worker.run();
        }
        catch (RuntimeException | Error ex) {
            next.set(tasks);
            failure = ex;
        }
        boolean interrupted = false;
        for (Future<?> future : running) {
            while (true) {
                try {
                    future.get();
                    break;
                }
                catch (ExecutionException ex) {
                    failure = (failure != null) ? failure : ex.getCause();
                    break;
                }
                catch (InterruptedException ex) {
                    // the helpers stop on their own once the tasks run out; keep waiting, restore the flag after
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    @Override
    public void close() {
        if (this.helpers != null) {
            this.helpers.shutdown();
        }
    }

    private static ThreadFactory daemonThreads() {
        int pool = POOLS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "clustering-" + pool + "-worker-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

}
