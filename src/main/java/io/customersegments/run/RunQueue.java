package io.customersegments.run;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
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

import io.customersegments.web.DatabaseFailures;

/**
 * Executes runs on a bounded pool (segmentation.runs.concurrency threads); runs beyond it wait in
 * order as QUEUED. While a run executes, this queue touches its heartbeat; a run left RUNNING with a
 * silent heartbeat (its process died, or its final write was lost with the database) is marked FAILED
 * by the sweep that runs with every heartbeat. A shutdown stops the runs in flight and queues them
 * again; on start, runs still QUEUED are queued again.
 */
@Component
class RunQueue implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RunQueue.class);

    /** Heartbeats a run may miss before it is taken for dead. */
    private static final int MISSED_HEARTBEATS = 4;

    static final String LOST_REASON = "The run stopped without finishing: the service executing it stopped or lost "
            + "the database. Start the run again.";

    private final ThreadPoolExecutor executor;

    private final ScheduledExecutorService heart;

    private final RunExecution execution;

    private final RunRepository runs;

    private final TransactionTemplate transactions;

    private final Duration heartbeat;

    private final Map<Long, Handle> handles = new ConcurrentHashMap<>();

    private record Handle(FutureTask<Void> task, AtomicBoolean cancelled) {
    }

    RunQueue(RunSettings settings, RunExecution execution, RunRepository runs,
            TransactionTemplate transactions) {
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(settings.concurrency(), settings.concurrency(), 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "segmentation-run-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.heart = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "segmentation-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        this.execution = execution;
        this.runs = runs;
        this.transactions = transactions;
        this.heartbeat = settings.heartbeat();
    }

    void submit(long id) {
        AtomicBoolean cancelled = new AtomicBoolean();
        FutureTask<Void> task = new FutureTask<>(() -> {
            try {
                execution.execute(id, cancelled::get);
            }
            finally {
                handles.computeIfPresent(id, (key, handle) -> handle.cancelled() == cancelled ? null : handle);
            }
        }, null);
        // Registered before it can start, so a cancel or a heartbeat always finds a run that executes.
        handles.put(id, new Handle(task, cancelled));
        executor.execute(task);
    }

    /** Stops a queued or running run; the caller records the cancellation. */
    void cancel(long id) {
        Handle handle = handles.remove(id);
        if (handle != null) {
            handle.cancelled().set(true);
            handle.task().cancel(false);
        }
    }

    /** Whether this instance is executing (or about to execute) the run. */
    boolean isExecuting(long id) {
        return handles.containsKey(id);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        recover();
        heart.scheduleWithFixedDelay(this::beat, 0, heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Queues the runs left QUEUED (by a shutdown, or before a crash) again. */
    void recover() {
        runs.findByStatusOrderByIdAsc(RunStatus.QUEUED).forEach(run -> {
            if (!isExecuting(run.getId())) {
                log.info("Queueing run {} again after a restart", run.getId());
                submit(run.getId());
            }
        });
    }

    /** Says which runs this instance executes, and fails the RUNNING runs nobody has spoken for in a while. */
    void beat() {
        try {
            Instant now = Instant.now();
            Set<Long> mine = Set.copyOf(handles.keySet());
            List<Long> failed = transactions.execute(status -> {
                if (!mine.isEmpty()) {
                    runs.heartbeat(mine, now);
                }
                return runs.findSilentRuns(now.minus(heartbeat.multipliedBy(MISSED_HEARTBEATS)))
                    .stream()
                    .filter(id -> !mine.contains(id) && runs.fail(id, LOST_REASON, now) > 0)
                    .toList();
            });
            failed.forEach(id -> log.warn("Run {} was RUNNING with no executor for over {} s; marked FAILED", id,
                    heartbeat.multipliedBy(MISSED_HEARTBEATS).toSeconds()));
        }
        catch (RuntimeException ex) {
            // The scheduler stops a task that throws; the heartbeat must go on.
            if (DatabaseFailures.isUnavailable(ex)) {
                log.warn("Run heartbeat skipped: {}", ex.getMessage());
            }
            else {
                log.error("Run heartbeat failed", ex);
            }
        }
    }

    /** On shutdown: stops the runs in flight and puts them back in the queue, so the next start runs them again. */
    @Override
    public void destroy() throws InterruptedException {
        heart.shutdownNow();
        Set<Long> mine = Set.copyOf(handles.keySet());
        handles.values().forEach(handle -> handle.cancelled().set(true));
        executor.shutdownNow();
        if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
            log.warn("Runs still going after 30 s; they will be marked FAILED once their heartbeat is missed");
            return;
        }
        if (!mine.isEmpty()) {
            int requeued = transactions.execute(status -> runs.requeue(mine));
            log.info("{} run(s) stopped by the shutdown were queued again: {}", requeued, mine);
        }
    }

}
