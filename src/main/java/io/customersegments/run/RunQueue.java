package io.customersegments.run;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.customersegments.cluster.ClusterNotifications;
import io.customersegments.web.DatabaseFailures;

/**
 * The run queue, shared by every instance on the database: the QUEUED rows of {@code segmentation} are the queue.
 * An instance with a free slot (segmentation.runs.concurrency) claims the oldest with {@code FOR UPDATE SKIP
 * LOCKED}, so no two instances claim one run, and holds it under a lease that it renews with every heartbeat. A
 * run whose lease ran out (its instance died or lost the database) is claimed again by whichever instance comes
 * first, and executed from the start: nothing of the lost attempt was stored, since a run stores its result in one
 * transaction that checks it still holds the claim. After {@link #MAX_ATTEMPTS} claims a run is failed instead, so a
 * run that kills its instance cannot go round every instance. Cancelling from any instance reaches the one executing
 * the run through a database notification (and, were it lost, at its next heartbeat). A shutdown stops its runs and
 * queues them again for the other instances, or for its own next start.
 */
@Component
class RunQueue implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RunQueue.class);

    /** Heartbeats a lease lasts: a run not renewed for this many is taken over. */
    private static final int LEASE_HEARTBEATS = 4;

    /** Claims of one run before it is failed rather than taken over once more. */
    static final int MAX_ATTEMPTS = 3;

    /** How often an instance with a free slot looks for queued runs (a run started here is claimed at once). */
    private static final Duration POLL = Duration.ofSeconds(1);

    static final String LOST_REASON = "The run stopped without finishing " + MAX_ATTEMPTS + " times: each time the "
            + "service executing it stopped or lost the database. Check the service logs (e.g. for running out of "
            + "memory) and start the run again.";

    /** Notifications of cancelled runs, for the instance executing them. */
    private static final String CANCELLED_TOPIC = "runs-cancelled";

    private final ThreadPoolExecutor executor;

    /** Claims and heartbeats, one at a time. */
    private final ScheduledExecutorService heart;

    private final RunExecution execution;

    /** Whether this instance can start Spark jobs: one that cannot leaves runs that asked for SPARK to one that can. */
    private final SparkRuns sparkRuns;

    private final RunRepository runs;

    private final TransactionTemplate transactions;

    private final JdbcTemplate jdbc;

    private final ClusterNotifications notifications;

    private final ApplicationEventPublisher events;

    private final int concurrency;

    private final Duration heartbeat;

    /** How long a claim holds without renewal. */
    private final long leaseMillis;

    /** This instance, as the runs it claims name it: host, process and a random part (a restart is another). */
    private final String instance;

    private final Map<Long, Handle> handles = new ConcurrentHashMap<>();

    private volatile long lastBeat;

    /** @param stopped why this instance stopped executing the run (logged when it ends); null while it goes on */
    private record Handle(FutureTask<Void> task, AtomicReference<String> stopped, int attempt) {
    }

    private record Claim(long id, int attempt) {
    }

    /** A run this instance executes, as the database has it now. */
    private record Held(long id, RunStatus status, int attempt, boolean mine) {
    }

    RunQueue(RunSettings settings, RunExecution execution, RunRepository runs, TransactionTemplate transactions,
            JdbcTemplate jdbc, ClusterNotifications notifications, ApplicationEventPublisher events,
            MeterRegistry meters, SparkRuns sparkRuns) {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("segmentation-run-");
        threads.setDaemon(true);
        this.executor = new ThreadPoolExecutor(settings.concurrency(), settings.concurrency(), 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threads);
        this.heart = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "segmentation-queue");
            thread.setDaemon(true);
            return thread;
        });
        this.execution = execution;
        this.sparkRuns = sparkRuns;
        this.runs = runs;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.events = events;
        this.concurrency = settings.concurrency();
        this.heartbeat = settings.heartbeat();
        this.leaseMillis = heartbeat.multipliedBy(LEASE_HEARTBEATS).toMillis();
        this.instance = hostName() + ":" + ManagementFactory.getRuntimeMXBean().getPid() + ":"
                + UUID.randomUUID().toString().substring(0, 8);
        // Read at each scrape: the queue is shared by every instance, so only the database knows its depth.
        Gauge.builder("segmentation.runs.queued", this::queuedRuns)
            .description("Runs waiting in the queue shared by every instance")
            .register(meters);
        Gauge.builder("segmentation.runs.executing", handles, Map::size)
            .description("Runs this instance is executing")
            .register(meters);
        // A cancellation missed while notifications were down is found by the next heartbeat: nothing to reset.
        notifications.subscribe(CANCELLED_TOPIC, ClusterNotifications.Subscriber.of(id -> stop(Long.parseLong(id),
                "it was cancelled or deleted on another instance"),
                () -> { }));
    }

    private double queuedRuns() {
        try {
            Long queued = jdbc.queryForObject("SELECT count(*) FROM segmentation WHERE status = 'QUEUED'", Long.class);
            return queued == null ? 0 : queued;
        }
        catch (RuntimeException ex) {
            return Double.NaN;
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        }
        catch (UnknownHostException ex) {
            return "unknown-host";
        }
    }

    /** A run was stored as QUEUED: look for work now rather than at the next poll. */
    void submit(long id) {
        heart.execute(this::claim);
    }

    /** Stops a run wherever it executes; the caller has recorded the cancellation (or deletion). */
    void cancel(long id) {
        stop(id, "it was cancelled or deleted");
        try {
            notifications.publish(CANCELLED_TOPIC, Long.toString(id));
        }
        catch (RuntimeException ex) {
            // The instance executing it finds the run cancelled at its next heartbeat.
            log.warn("Could not tell the other instances that run {} was cancelled: {}", id, ex.getMessage());
        }
    }

    /** Stops this instance's execution of a run, if it has one, for the reason given. */
    private void stop(long id, String why) {
        Handle handle = handles.remove(id);
        if (handle != null) {
            handle.stopped().compareAndSet(null, why);
            handle.task().cancel(false);
        }
    }

    /** Whether this instance is executing (or about to execute) the run. */
    boolean isExecuting(long id) {
        return handles.containsKey(id);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        heart.scheduleWithFixedDelay(this::tick, 0, Math.min(POLL.toMillis(), heartbeat.toMillis()),
                TimeUnit.MILLISECONDS);
    }

    private void tick() {
        if (System.nanoTime() - lastBeat >= heartbeat.toNanos()) {
            beat();
        }
        claim();
    }

    /** The name this instance claims runs under ({@code segmentation.claimed_by}). */
    String instance() {
        return instance;
    }

    /** Claims queued runs (and runs whose lease ran out) while this instance has free slots. */
    void claim() {
        try {
            while (handles.size() < concurrency) {
                Claim claim = transactions.execute(status -> claimNext());
                if (claim == null) {
                    return;
                }
                launch(claim);
            }
        }
        catch (RuntimeException ex) {
            logFailure("Run queue not read", ex);
        }
    }

    /** Logs what a scheduled task met and goes on (the scheduler would stop a task that throws). */
    private static void logFailure(String what, RuntimeException ex) {
        if (DatabaseFailures.isUnavailable(ex)) {
            log.warn("{}: {}", what, ex.getMessage());
        }
        else {
            log.error(what, ex);
        }
    }

    private Claim claimNext() {
        String expired = "coalesce(lease_until, heartbeat_at + ? * interval '1 millisecond', started_at, created_at) "
                + "< now()";
        List<RunFailed> failed = jdbc.query("UPDATE segmentation SET status = 'FAILED', error = ?, "
                + "finished_at = now(), lease_until = NULL WHERE status = 'RUNNING' AND attempt >= ? AND " + expired
                + " RETURNING id, dataset_id, finished_at",
                (row, i) -> new RunFailed(row.getLong("dataset_id"), row.getLong("id"), LOST_REASON,
                        row.getTimestamp("finished_at").toInstant()),
                LOST_REASON, MAX_ATTEMPTS, leaseMillis);
        failed.forEach(run -> {
            log.warn("Run {} was lost {} times; marked FAILED", run.segmentationId(), MAX_ATTEMPTS);
            events.publishEvent(run);
        });
        List<Claim> claimed = jdbc.query("UPDATE segmentation s SET status = 'RUNNING', claimed_by = ?, "
                + "attempt = s.attempt + 1, lease_until = now() + ? * interval '1 millisecond', heartbeat_at = now(), "
                + "started_at = now(), progress = 0, phase = 'loading customers' WHERE s.id = (SELECT id FROM "
                + "segmentation WHERE (status = 'QUEUED' OR (status = 'RUNNING' AND " + expired + ")) "
                + "AND id <> ALL (?::bigint[]) AND (? OR params ->> 'engine' IS DISTINCT FROM 'SPARK') "
                + "ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) "
                + "RETURNING s.id, s.attempt",
                (row, i) -> {
                    if (row.getInt("attempt") > 1) {
                        log.warn("Run {} taken over (claim {}): its lease ran out", row.getLong("id"),
                                row.getInt("attempt"));
                    }
                    return new Claim(row.getLong("id"), row.getInt("attempt"));
                }, instance, leaseMillis, leaseMillis, idArray(handles.keySet()), sparkRuns.unavailable().isEmpty());
        return claimed.isEmpty() ? null : claimed.get(0);
    }

    private void launch(Claim claim) {
        long id = claim.id();
        AtomicReference<String> stopped = new AtomicReference<>();
        FutureTask<Void> task = new FutureTask<>(() -> {
            try {
                execution.execute(id, claim.attempt(), () -> stopped.get() != null);
            }
            finally {
                if (stopped.get() != null) {
                    log.info("Run {} stopped on this instance: {}", id, stopped.get());
                }
                handles.computeIfPresent(id, (key, handle) -> handle.stopped() == stopped ? null : handle);
                // A slot is free: the next queued run need not wait for the poll.
                heart.execute(this::claim);
            }
        }, null);
        // Registered before it can start, so a cancel or a heartbeat always finds a run that executes.
        handles.put(id, new Handle(task, stopped, claim.attempt()));
        executor.execute(task);
    }

    /**
     * Renews the leases of the runs this instance executes, and stops those it no longer holds: cancelled, deleted,
     * or taken over by another instance after this one could not renew in time.
     */
    void beat() {
        lastBeat = System.nanoTime();
        Map<Long, Handle> mine = Map.copyOf(handles);
        if (mine.isEmpty()) {
            return;
        }
        try {
            String ids = idArray(mine.keySet());
            Map<Long, Held> held = transactions.execute(status -> {
                // Rows a store or a cancel holds locked right now are skipped (their transaction decides the run).
                jdbc.update("UPDATE segmentation SET heartbeat_at = now(), lease_until = now() + ? * interval "
                        + "'1 millisecond' WHERE id IN (SELECT id FROM segmentation WHERE id = ANY (?::bigint[]) "
                        + "AND claimed_by = ? AND status = 'RUNNING' FOR UPDATE SKIP LOCKED)", leaseMillis, ids, instance);
                return jdbc.query("SELECT id, status, attempt, claimed_by = ? AS mine FROM segmentation "
                        + "WHERE id = ANY (?::bigint[])", (row, i) -> new Held(row.getLong("id"),
                                RunStatus.valueOf(row.getString("status")), row.getInt("attempt"), row.getBoolean("mine")),
                        instance, ids).stream().collect(Collectors.toMap(Held::id, row -> row));
            });
            mine.forEach((id, handle) -> {
                Held now = held.get(id);
                boolean ours = now != null && now.mine() && now.attempt() == handle.attempt();
                if (ours && now.status() == RunStatus.SUCCEEDED) {
                    // It stored its result in this claim, and its last steps (an auto-publish, say) run on.
                    return;
                }
                if ((!ours || now.status() != RunStatus.RUNNING) && handles.get(id) == handle) {
                    String why = now == null ? "it was deleted (or its dataset was)"
                            : now.status() == RunStatus.CANCELLED ? "it was cancelled"
                            : !ours ? "another instance took it over (claim " + now.attempt() + ") after this one could "
                                    + "not renew its lease in time"
                            : "it is " + now.status() + " now";
                    log.info("Run {} is no longer this instance's: {}; stopping it", id, why);
                    stop(id, why);
                }
            });
        }
        catch (RuntimeException ex) {
            logFailure("Run heartbeat skipped", ex);
        }
    }

    private static String idArray(Set<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }

    /** On shutdown: stops the runs in flight and puts them back in the queue for the other instances (or the next start). */
    @Override
    public void destroy() throws InterruptedException {
        heart.shutdownNow();
        // A claim may have committed just before, its run not yet launched: it is queued again below all the same.
        heart.awaitTermination(5, TimeUnit.SECONDS);
        Set<Long> mine = Set.copyOf(handles.keySet());
        handles.values().forEach(handle -> handle.stopped().compareAndSet(null, "the service is stopping (a run still "
                + "RUNNING is queued again for another instance or the next start)"));
        executor.shutdownNow();
        if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
            log.warn("Runs still going after 30 s; another instance takes them over once their lease runs out");
            return;
        }
        try {
            int requeued = transactions.execute(status -> runs.requeueClaimedBy(instance));
            if (requeued > 0) {
                log.info("{} run(s) stopped by the shutdown were queued again (executing here: {})", requeued, mine);
            }
        }
        catch (RuntimeException ex) {
            log.warn("The runs stopped by the shutdown ({}) could not be queued again ({}); another instance takes "
                    + "them over once their lease runs out", mine, ex.getMessage());
        }
    }

}
