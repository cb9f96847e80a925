package io.customersegments.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import io.customersegments.run.RunResultsChanged;

/** A crowd of readers of a key nobody has cached causes one load, not one per reader. */
class LiveSegmentsCacheTests {

    private static final int READERS = 16;

    @Test
    void loadsAKeyOnceForConcurrentReadersAndAgainAfterAnInvalidation() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        LiveSegmentsCache cache = new LiveSegmentsCache(null, meters);
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch arrived = new CountDownLatch(READERS);
        List<Thread> readers = new ArrayList<>();
        List<CompletableFuture<LiveSegmentsCache.Cached>> answers = new ArrayList<>();
        for (int r = 0; r < READERS; r++) {
            CompletableFuture<LiveSegmentsCache.Cached> answer = new CompletableFuture<>();
            answers.add(answer);
            readers.add(new Thread(() -> {
                arrived.countDown();
                answer.complete(cache.get(7L, () -> loadOnceTheOthersWait(loads, arrived, readers)));
            }));
        }
        readers.forEach(Thread::start);

        LiveSegmentsCache.Cached first = answers.get(0).get(10, TimeUnit.SECONDS);
        for (CompletableFuture<LiveSegmentsCache.Cached> answer : answers) {
            assertThat(answer.get(10, TimeUnit.SECONDS)).isSameAs(first);
        }
        assertThat(loads).hasValue(1);
        assertThat(first.etag()).matches("\"[0-9a-f]{32}\"");

        assertThat(answered(meters, "load")).isEqualTo(1);
        assertThat(answered(meters, "hit")).isEqualTo(READERS - 1);

        cache.invalidate();
        assertThat(cache.get(7L, () -> load(loads))).isNotSameAs(first);
        assertThat(loads).hasValue(2);
        assertThat(answered(meters, "load")).isEqualTo(2);
    }

    private static double answered(SimpleMeterRegistry meters, String result) {
        return meters.get("segmentation.live.segments.cache").tag("result", result).counter().count();
    }

    @Test
    void servesTheLastSegmentsThroughAnOutageButNeverOnesThatWereUnpublished() {
        LiveSegmentsCache cache = new LiveSegmentsCache(null, new SimpleMeterRegistry());
        AtomicInteger loads = new AtomicInteger();
        RuntimeException outage = new CannotGetJdbcConnectionException("the database is away");
        LiveSegmentsCache.Cached published = cache.get(7L, () -> load(loads));

        cache.invalidate();
        assertThat(cache.get(7L, () -> {
            throw outage;
        })).isSameAs(published);

        cache.on(new RunResultsChanged(7L, 7L));
        assertThatThrownBy(() -> cache.get(7L, () -> {
            throw outage;
        })).isSameAs(outage);
        cache.get(7L, () -> load(loads));
        cache.invalidate();
        RuntimeException nothingPublished = new IllegalStateException("no published run");
        assertThatThrownBy(() -> cache.get(7L, () -> {
            throw nothingPublished;
        })).isSameAs(nothingPublished);
        assertThatThrownBy(() -> cache.get(7L, () -> {
            throw outage;
        })).isSameAs(outage);
    }

    /**
     * Loads only once every other reader has called {@code get} and is parked waiting (for the key's lock),
     * or after 5 s: a cache that let them load too would have them busy loading instead.
     */
    private static LiveSegmentsCache.Cached loadOnceTheOthersWait(AtomicInteger loads, CountDownLatch arrived,
            List<Thread> readers) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline && !(arrived.getCount() == 0 && readers.stream()
            .filter(reader -> reader != Thread.currentThread())
            .allMatch(reader -> reader.getState() == Thread.State.WAITING))) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return load(loads);
    }

    private static LiveSegmentsCache.Cached load(AtomicInteger loads) {
        return new LiveSegmentsCache.Cached(null, ("{\"load\":" + loads.incrementAndGet() + "}").getBytes());
    }

}
