package io.customersegments.segments;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.util.DigestUtils;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import io.customersegments.cluster.ClusterNotifications;
import io.customersegments.run.RunResultsChanged;
import io.customersegments.web.DatabaseFailures;

/**
 * Keeps the live segments in memory, since marketing apps ask for them far more often than they
 * change. Every change to runs invalidates the whole cache once its transaction commits (a reader that
 * loaded before then holds an older version and is not trusted). A change committed on another instance reaches
 * this one as a database notification within milliseconds, with the same effect; entries also expire after a few
 * seconds, which bounds staleness should notifications be lost.
 *
 * <p>One request at a time loads a key: after an invalidation the others wait for it, and after a mere
 * expiry they go on answering from the expired entry meanwhile, so a crowd of readers never turns
 * into a crowd of database queries. While the database cannot be reached, the last segments loaded are
 * served (a change made just before the outage may not show until it is back).
 */
@Component
class LiveSegmentsCache {

    private static final Duration TIME_TO_LIVE = Duration.ofSeconds(5);

    /** The live segments, their JSON (serialised once for all the requests that read them) and its ETag. */
    record Cached(LiveSegments segments, byte[] json, String etag) {

        Cached(LiveSegments segments, byte[] json) {
            this(segments, json, "\"" + DigestUtils.md5DigestAsHex(json) + "\"");
        }

    }

    private record Entry(Cached cached, long version, long expiresAt) {
    }

    /**
     * What an entry holds: a dataset's live segments, or with no dataset the latest publish of any
     * ({@code GET /api/segments} without a dataset), a key no dataset id can take.
     */
    private record Key(Long datasetId) {
    }

    private static final Key ANY_DATASET = new Key(null);

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

    private final Map<Key, ReentrantLock> loading = new ConcurrentHashMap<>();

    /** The last segments loaded per key, kept through invalidations: served only while the database is unreachable. */
    private final Map<Key, Cached> lastLoaded = new ConcurrentHashMap<>();

    private final AtomicLong version = new AtomicLong();

    /** Changes made on any instance: every instance forgets its entries when one commits a change. */
    static final String TOPIC = "segments-changed";

    private final ClusterNotifications notifications;

    /**
     * Names this instance in its notifications: it forgot when its own change committed, and forgetting again when
     * the notification comes back would drop what it loaded in between (its fallback for an outage).
     */
    private final String origin = UUID.randomUUID().toString();

    /** Answers from a fresh entry. */
    private final Counter hits;

    /** Answers from an expired entry while another request reloads it. */
    private final Counter staleHits;

    /** Loads from the database. */
    private final Counter loads;

    /** @param notifications the database's notifications (null in unit tests: one instance alone) */
    LiveSegmentsCache(ClusterNotifications notifications, MeterRegistry meters) {
        this.notifications = notifications;
        this.hits = counter(meters, "hit");
        this.staleHits = counter(meters, "stale");
        this.loads = counter(meters, "load");
        if (notifications == null) {
            return;
        }
        // After missed notifications nothing cached may be trusted, but what was last loaded still serves an outage.
        notifications.subscribe(TOPIC, ClusterNotifications.Subscriber.of(this::heard, this::invalidate));
    }

    /** The cached live segments for a dataset (null: the latest live run of any dataset), else loads and caches them. */
    Cached get(Long datasetId, Supplier<Cached> load) {
        Key key = new Key(datasetId);
        Entry entry = entries.get(key);
        if (isFresh(entry)) {
            hits.increment();
            return entry.cached();
        }
        boolean merelyExpired = entry != null && entry.version() == version.get();
        ReentrantLock lock = loading.computeIfAbsent(key, k -> new ReentrantLock());
        if (merelyExpired && !lock.tryLock()) {
            staleHits.increment();
            return entry.cached();
        }
        if (!merelyExpired) {
            lock.lock();
        }
        try {
            // The thread that held the lock before may have just stored a fresh entry.
            Entry current = entries.get(key);
            if (isFresh(current)) {
                hits.increment();
                return current.cached();
            }
            long loadedAt = version.get();
            loads.increment();
            Cached loaded;
            try {
                loaded = load.get();
            }
            catch (RuntimeException ex) {
                if (!DatabaseFailures.isUnavailable(ex)) {
                    // Nothing published (any more): never serve what was, not even in an outage.
                    lastLoaded.remove(key);
                    throw ex;
                }
                Cached previous = lastLoaded.get(key);
                if (previous == null) {
                    throw ex;
                }
                // Marketing apps keep the segments they had while the database is away; cached as fresh, so the
                // readers behind this one are answered at once and one reader a time-to-live tries the database.
                entries.put(key, new Entry(previous, loadedAt, System.nanoTime() + TIME_TO_LIVE.toNanos()));
                return previous;
            }
            entries.put(key, new Entry(loaded, loadedAt, System.nanoTime() + TIME_TO_LIVE.toNanos()));
            lastLoaded.put(key, loaded);
            return loaded;
        }
        finally {
            lock.unlock();
            // Keys that hold nothing (unknown datasets) keep no lock either, so the map stays as small as the cache.
            if (!entries.containsKey(key) && !lock.hasQueuedThreads()) {
                loading.remove(key, lock);
            }
        }
    }

    private static Counter counter(MeterRegistry meters, String result) {
        return Counter.builder("segmentation.live.segments.cache")
            .description("Answers of the live-segments cache: hit (fresh), stale (expired, served during a reload), "
                    + "load (read from the database)")
            .tag("result", result)
            .register(meters);
    }

    private boolean isFresh(Entry entry) {
        return entry != null && entry.version() == version.get() && System.nanoTime() < entry.expiresAt();
    }

    /** Forgets every entry once a change to runs has committed (so no reader can cache the state before it). */
    @TransactionalEventListener(fallbackExecution = true)
    void on(RunResultsChanged change) {
        forget(change.lineageId());
    }

    /**
     * Tells the other instances, in the changing transaction: the notification reaches them when it commits (and
     * this instance too, which knows it by its origin and ignores it).
     */
    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void tellOtherInstances(RunResultsChanged change) {
        notifications.publish(TOPIC, change.lineageId() + " " + origin);
    }

    /**
     * Another instance's change: "lineageId origin" (the lineage is the dataset's id unless it is a later version of
     * a table; an older instance sends the dataset id alone).
     */
    private void heard(String message) {
        int space = message.indexOf(' ');
        if (space < 0 || !message.substring(space + 1).equals(origin)) {
            forget(Long.parseLong(space < 0 ? message : message.substring(0, space)));
        }
    }

    private void forget(long lineageId) {
        // What was last loaded for the table (asked for by any version's id) may be unpublished or deleted now: not
        // to be served in an outage.
        lastLoaded.remove(new Key(lineageId));
        lastLoaded.values().removeIf(cached -> cached.segments() != null && cached.segments().lineageId() == lineageId);
        lastLoaded.remove(ANY_DATASET);
        invalidate();
    }

    /** How many times everything cached was forgotten so far. */
    long version() {
        return version.get();
    }

    void invalidate() {
        version.incrementAndGet();
        entries.clear();
    }

}
