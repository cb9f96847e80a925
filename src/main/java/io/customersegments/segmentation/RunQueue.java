package io.customersegments.segmentation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Executes runs on a bounded pool (segmentation.runs.concurrency threads); runs beyond it wait in
 * order as QUEUED. A shutdown stops the runs in flight and queues them again; on start, runs still
 * QUEUED are queued again, and runs left RUNNING (the service died without shutting down) are
 * marked FAILED with the reason. One instance per database is assumed.
 */
@Component
class RunQueue implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RunQueue.class);

    private final ThreadPoolExecutor executor;

    private final RunExecution execution;

    private final SegmentationRepository runs;

    private final TransactionTemplate transactions;

    private final Map<Long, Handle> handles = new ConcurrentHashMap<>();

    private record Handle(Future<?> future, AtomicBoolean cancelled) {
    }

    RunQueue(RunSettings settings, RunExecution execution, SegmentationRepository runs,
            TransactionTemplate transactions) {
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(settings.concurrency(), settings.concurrency(), 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "segmentation-run-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.execution = execution;
        this.runs = runs;
        this.transactions = transactions;
    }

    void submit(long id) {
        AtomicBoolean cancelled = new AtomicBoolean();
        handles.put(id, new Handle(executor.submit(() -> {
            try {
                execution.execute(id, cancelled::get);
            }
            finally {
                handles.remove(id);
            }
        }), cancelled));
    }

    /** Stops a queued or running run; the caller records the cancellation. */
    void cancel(long id) {
        Handle handle = handles.remove(id);
        if (handle != null) {
            handle.cancelled().set(true);
            handle.future().cancel(false);
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void recover() {
        transactions.executeWithoutResult(status -> runs.findByStatusOrderByIdAsc(RunStatus.RUNNING).forEach(run -> {
            run.fail("The service stopped while this run was in progress. Start the run again.");
            log.warn("Run {} was running when the service stopped; marked FAILED", run.getId());
        }));
        runs.findByStatusOrderByIdAsc(RunStatus.QUEUED).forEach(run -> {
            log.info("Queueing run {} again after a restart", run.getId());
            submit(run.getId());
        });
    }

    /** On shutdown: stops the runs in flight and puts them back in the queue, so the next start runs them again. */
    @Override
    public void destroy() throws InterruptedException {
        handles.values().forEach(handle -> handle.cancelled().set(true));
        executor.shutdownNow();
        if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
            log.warn("Runs still going after 30 s; they will be marked FAILED on the next start");
            return;
        }
        transactions.executeWithoutResult(status -> runs.findByStatusOrderByIdAsc(RunStatus.RUNNING).forEach(run -> {
            run.requeue();
            log.info("Run {} was stopped by the shutdown and queued again", run.getId());
        }));
    }

}
