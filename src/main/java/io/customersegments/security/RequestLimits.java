package io.customersegments.security;

import java.time.Duration;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * A token bucket per key (Bucket4j): each key may make its rate of requests per second, with a burst of a few
 * seconds' worth, so one noisy client cannot starve the others. Limits hold per instance: behind a load balancer
 * over n instances a key gets up to n times its rate.
 */
@Component
class RequestLimits {

    private final SecuritySettings settings;

    /** Buckets of keys seen lately; a key idle for longer starts again with a full bucket. */
    private final Cache<Long, Bucket> buckets = Caffeine.newBuilder()
        .maximumSize(100_000)
        .expireAfterAccess(Duration.ofMinutes(10))
        // Upkeep on the calling thread: handing it to the common pool woke a thread every few requests.
        .executor(Runnable::run)
        .build();

    RequestLimits(SecuritySettings settings) {
        this.settings = settings;
    }

    /** Takes one request from the key's bucket; answers 0 when it may go on, else the seconds until it may. */
    long take(KeyHolder key) {
        int rate = key.requestsPerSecond() != null ? key.requestsPerSecond() : settings.requestsPerSecond();
        Bucket bucket = buckets.get(key.id(), id -> Bucket.builder()
            .addLimit(limit -> limit.capacity((long) rate * settings.burst()).refillGreedy(rate, Duration.ofSeconds(1)))
            .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return 0;
        }
        return Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
    }

}
