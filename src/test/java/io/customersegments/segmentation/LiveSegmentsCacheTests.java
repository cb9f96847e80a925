package io.customersegments.segmentation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** A crowd of readers of a key nobody has cached causes one load, not one per reader. */
class LiveSegmentsCacheTests {

    @Test
    void loadsAKeyOnceForConcurrentReadersAndAgainAfterAnInvalidation() throws Exception {
        LiveSegmentsCache cache = new LiveSegmentsCache();
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService readers = Executors.newFixedThreadPool(16);
        try {
            List<Future<LiveSegmentsCache.Cached>> answers = new ArrayList<>();
            for (int r = 0; r < 16; r++) {
                answers.add(readers.submit(() -> {
                    start.await();
                    return cache.get(7L, () -> slowLoad(loads));
                }));
            }
            start.countDown();
            LiveSegmentsCache.Cached first = answers.get(0).get();
            for (Future<LiveSegmentsCache.Cached> answer : answers) {
                assertThat(answer.get()).isSameAs(first);
            }
            assertThat(loads).hasValue(1);
            assertThat(first.etag()).matches("\"[0-9a-f]{32}\"");

            cache.invalidate();
            assertThat(cache.get(7L, () -> slowLoad(loads))).isNotSameAs(first);
            assertThat(loads).hasValue(2);
        }
        finally {
            readers.shutdownNow();
        }
    }

    private static LiveSegmentsCache.Cached slowLoad(AtomicInteger loads) {
        int load = loads.incrementAndGet();
        try {
            Thread.sleep(100);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        return new LiveSegmentsCache.Cached(null, ("{\"load\":" + load + "}").getBytes());
    }

}
