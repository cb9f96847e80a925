package io.customersegments.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

import io.customersegments.web.DatabaseFailures;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Sends due deliveries in the background, never on a request's thread: one thread looks for due deliveries every
 * {@code poll} (and at once when a publish on this instance commits, or a delivery ends), a pool of
 * {@code concurrency} threads makes the attempts. An instance that stops gives back what it held; one that dies
 * lets its leases run out.
 */
@Component
class DeliveryWorker implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final DeliveryQueue queue;

    private final DeliverySender sender;

    private final WebhookSettings settings;

    private final ScheduledExecutorService poller;

    private final ExecutorService senders;

    private final Map<Long, ClaimedDelivery> inFlight = new ConcurrentHashMap<>();

    /** A look for due deliveries is queued on the poller and has not started. */
    private final AtomicBoolean lookQueued = new AtomicBoolean();

    private volatile boolean running;

    private final Timer delivered;

    private final Timer failed;

    DeliveryWorker(DeliveryQueue queue, DeliverySender sender, WebhookSettings settings, MeterRegistry meters) {
        this.delivered = attempts(meters, "delivered");
        this.failed = attempts(meters, "failed");
        Gauge.builder("segmentation.webhook.in.flight", inFlight, Map::size)
            .description("Webhook deliveries this instance is sending")
            .register(meters);
        this.queue = queue;
        this.sender = sender;
        this.settings = settings;
        this.poller = Executors.newSingleThreadScheduledExecutor(daemons("webhook-poller-"));
        this.senders = Executors.newFixedThreadPool(settings.concurrency(), daemons("webhook-sender-"));
    }

    private static Timer attempts(MeterRegistry meters, String result) {
        return Timer.builder("segmentation.webhook.attempts")
            .description("Webhook delivery attempts: delivered (a 2xx) or failed (any other answer, or none)")
            .tag("result", result)
            .register(meters);
    }

    private static ThreadFactory daemons(String prefix) {
        CustomizableThreadFactory threads = new CustomizableThreadFactory(prefix);
        threads.setDaemon(true);
        return threads;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        running = true;
        poller.scheduleWithFixedDelay(this::look, 0, settings.poll().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Looks for due deliveries soon (once, however many ask before it starts). */
    void wake() {
        if (running && lookQueued.compareAndSet(false, true)) {
            try {
                poller.execute(() -> {
                    lookQueued.set(false);
                    look();
                });
            }
            catch (RejectedExecutionException stopping) {
                lookQueued.set(false);
            }
        }
    }

    /** Claims due deliveries while this instance has free senders. */
    private void look() {
        try {
            while (running) {
                int free = settings.concurrency() - inFlight.size();
                if (free <= 0) {
                    return;
                }
                List<ClaimedDelivery> claimed = queue.claim(free);
                if (claimed.isEmpty()) {
                    return;
                }
                for (ClaimedDelivery delivery : claimed) {
                    inFlight.put(delivery.id(), delivery);
                    try {
                        senders.execute(() -> attempt(delivery));
                    }
                    catch (RejectedExecutionException stopping) {
                        inFlight.remove(delivery.id());
                        giveBack(delivery);
                    }
                }
            }
        }
        catch (RuntimeException ex) {
            if (DatabaseFailures.isUnavailable(ex)) {
                log.warn("Webhook deliveries not read: {}", ex.getMessage());
            }
            else {
                log.error("Webhook deliveries not read", ex);
            }
        }
    }

    private void attempt(ClaimedDelivery delivery) {
        Instant at = Instant.now();
        try {
            DeliveryQueue.Outcome outcome = sender.send(delivery);
            queue.record(delivery, at, outcome);
            if (outcome.durationMillis() >= 0) {
                (outcome.delivered() ? delivered : failed).record(Duration.ofMillis(outcome.durationMillis()));
            }
            if (!outcome.delivered()) {
                log.info("Webhook {} delivery {} attempt {} failed: {}", delivery.webhookId(), delivery.id(),
                        delivery.attempt(), outcome.error());
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            giveBack(delivery);
        }
        catch (RuntimeException ex) {
            // Not recorded (the database may be away): the lease runs out and the delivery is tried again.
            log.warn("Webhook {} delivery {} attempt {} not recorded: {}", delivery.webhookId(), delivery.id(),
                    delivery.attempt(), ex.toString());
        }
        finally {
            inFlight.remove(delivery.id());
        }
        // The next delivery of the same webhook and dataset is due now.
        wake();
    }

    private void giveBack(ClaimedDelivery delivery) {
        try {
            queue.release(delivery);
        }
        catch (RuntimeException ex) {
            log.debug("Delivery {} not given back; its lease will run out", delivery.id(), ex);
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        running = false;
        // No claim may start (or finish) after the senders are stopped.
        poller.shutdownNow();
        poller.awaitTermination(5, TimeUnit.SECONDS);
        senders.shutdownNow();
        if (!senders.awaitTermination(5, TimeUnit.SECONDS)) {
            log.warn("Webhook senders still busy at shutdown; their deliveries' leases will run out");
        }
        inFlight.values().forEach(this::giveBack);
    }

}
