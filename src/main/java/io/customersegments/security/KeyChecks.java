package io.customersegments.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.customersegments.cluster.ClusterNotifications;
import io.customersegments.web.DatabaseFailures;

/**
 * Answers "which key is this secret?" on every request, without the database for a key it has seen lately:
 * answers are cached by the secret's hash, and every instance forgets them the moment any key is made or revoked
 * (a database notification), so a revocation holds everywhere at once. Last-use times are gathered in memory and
 * written every few seconds. Not transactional itself (no proxy on the request path); it writes through a
 * {@link TransactionTemplate}.
 */
@Component
class KeyChecks implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(KeyChecks.class);

    static final String TOPIC = "api-keys";

    /** A key's last use is noted again only when the one noted is older than this: the stored time is coarser. */
    private static final long LAST_USE_RESOLUTION_SECONDS = 1;

    private static final MessageDigest SHA_256 = sha256();

    private final ApiKeyRepository keys;

    private final TransactionTemplate transactions;

    /** Checked secrets (by hash) and what they stand for; empty for a secret no key has. */
    private final Cache<ByteBuffer, Optional<ApiKeyAuthentication>> checked;

    private final Map<Long, Instant> lastUse = new ConcurrentHashMap<>();

    KeyChecks(ApiKeyRepository keys, TransactionTemplate transactions, ClusterNotifications notifications,
            SecuritySettings settings) {
        this.keys = keys;
        this.transactions = transactions;
        this.checked = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(settings.keyCacheTime())
            // Upkeep on the calling thread: handing it to the common pool woke a thread every few requests.
            .executor(Runnable::run)
            .build();
        notifications.subscribe(TOPIC, ClusterNotifications.Subscriber.of(change -> forget(), this::forget));
    }

    /** The key a secret stands for, if it is known, not revoked and not expired. */
    Optional<ApiKeyAuthentication> check(String secret) {
        byte[] hash = hash(secret);
        // A ByteBuffer compares and hashes its content: the hash itself is the cache key.
        Optional<ApiKeyAuthentication> found = checked.get(ByteBuffer.wrap(hash), h -> keys.findBySecretHash(hash)
            .filter(key -> key.getRevokedAt() == null)
            .map(key -> new ApiKeyAuthentication(new KeyHolder(key.getId(), key.getName(), key.getRole(),
                    key.getExpiresAt(), key.getRequestsPerSecond()))));
        Instant now = Instant.now();
        if (found.isEmpty() || found.get().key().expiredAt(now)) {
            return Optional.empty();
        }
        noteUse(found.get().key().id(), now);
        return found;
    }

    /** Every answer remembered so far is forgotten (a key was made or revoked). */
    void forget() {
        checked.invalidateAll();
    }

    private void noteUse(long id, Instant now) {
        // A read on most requests, not a write: every request of one busy key would queue on the same map entry.
        Instant noted = lastUse.get(id);
        if (noted == null || noted.plusSeconds(LAST_USE_RESOLUTION_SECONDS).isBefore(now)) {
            lastUse.put(id, now);
        }
    }

    /** Writes the last-use times gathered since the previous write. */
    @Scheduled(fixedDelayString = "${segmentation.security.last-use-interval:10s}")
    void writeLastUse() {
        if (lastUse.isEmpty()) {
            return;
        }
        List<Map.Entry<Long, Instant>> pending = List.copyOf(lastUse.entrySet());
        try {
            transactions.executeWithoutResult(status -> pending.forEach(e -> keys.touch(e.getKey(), e.getValue())));
            pending.forEach(e -> lastUse.remove(e.getKey(), e.getValue()));
        }
        catch (RuntimeException ex) {
            if (!DatabaseFailures.isUnavailable(ex)) {
                throw ex;
            }
            log.debug("Last-use times kept for later: {}", ex.getMessage());
        }
    }

    @Override
    public void destroy() {
        writeLastUse();
    }

    static byte[] hash(String secret) {
        try {
            // A copy of a ready digest: looking the algorithm up among the providers on every request costs more.
            MessageDigest digest = (MessageDigest) SHA_256.clone();
            return digest.digest(secret.getBytes(StandardCharsets.UTF_8));
        }
        catch (CloneNotSupportedException ex) {
            throw new IllegalStateException("SHA-256 digests of the Java runtime can be copied", ex);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every Java runtime has SHA-256", ex);
        }
    }

}
