package io.customersegments.segmentation;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps the live segments in memory, since marketing apps ask for them far more often than they
 * change. Every change to runs invalidates the whole cache (again after its transaction commits, so a
 * reader cannot re-cache the state before it); entries also expire after a few seconds, which bounds
 * staleness when several instances share a database.
 */
@Component
class LiveSegmentsCache {

    private static final Duration TIME_TO_LIVE = Duration.ofSeconds(5);

    /** The live segments and their JSON, serialised once for all the requests that read them. */
    record Cached(LiveSegments segments, byte[] json) {
    }

    private record Entry(Cached cached, long version, long expiresAt) {
    }

    private final Map<Long, Entry> entries = new ConcurrentHashMap<>();

    private final AtomicLong version = new AtomicLong();

    /** The cached live segments for a dataset (null: the latest live run of any dataset), else loads and caches them. */
    Cached get(Long datasetId, Supplier<Cached> load) {
        long key = datasetId == null ? -1 : datasetId;
        long now = System.nanoTime();
        Entry entry = entries.get(key);
        if (entry != null && entry.version() == version.get() && now < entry.expiresAt()) {
            return entry.cached();
        }
        long loadedAt = version.get();
        Cached loaded = load.get();
        entries.put(key, new Entry(loaded, loadedAt, now + TIME_TO_LIVE.toNanos()));
        return loaded;
    }

    void invalidate() {
        version.incrementAndGet();
        entries.clear();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    version.incrementAndGet();
                    entries.clear();
                }
            });
        }
    }

}
